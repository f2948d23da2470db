import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// A parsed XML document as a tree of elements (name, attributes, children); enough to hold a
/// DASH MPD's claims against the files. Text content is ignored.
final class XMLElementTree: Sendable {
  let name: String
  let attributes: [String: String]
  let children: [XMLElementTree]

  init(name: String, attributes: [String: String], children: [XMLElementTree]) {
    self.name = name
    self.attributes = attributes
    self.children = children
  }

  /// Children named `name`, in document order.
  func children(_ name: String) -> [XMLElementTree] { children.filter { $0.name == name } }

  /// The first child named `name`.
  func child(_ name: String) -> XMLElementTree? { children.first { $0.name == name } }

  /// The root element of `bytes`, or the parser's complaint with its line.
  static func parse(_ bytes: [UInt8]) -> Result<XMLElementTree, XMLProblem> {
    let builder = Builder()
    let parser = XMLParser(data: Data(bytes))
    parser.delegate = builder
    parser.shouldResolveExternalEntities = false
    guard parser.parse(), let root = builder.root else {
      let reason =
        parser.parserError.map { ($0 as NSError).localizedDescription } ?? "no root element"
      return .failure(XMLProblem(line: parser.lineNumber, reason: reason))
    }
    return .success(root)
  }

  /// Why a document is not well-formed XML.
  struct XMLProblem: Error {
    var line: Int
    var reason: String
  }

  private final class Builder: NSObject, XMLParserDelegate {
    private var stack: [(name: String, attributes: [String: String], children: [XMLElementTree])] =
      []
    var root: XMLElementTree?

    func parser(
      _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
      qualifiedName: String?, attributes: [String: String]
    ) {
      stack.append((elementName, attributes, []))
    }

    func parser(
      _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
      qualifiedName: String?
    ) {
      guard let open = stack.popLast() else { return }
      let element = XMLElementTree(
        name: open.name, attributes: open.attributes, children: open.children)
      if stack.isEmpty { root = element } else { stack[stack.count - 1].children.append(element) }
    }
  }
}
