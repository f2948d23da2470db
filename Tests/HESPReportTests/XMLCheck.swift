import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Parses a document with Foundation's XML parser: true when it is well-formed XML.
enum XMLCheck {
  static func isWellFormed(_ text: String) -> Bool {
    XMLParser(data: Data(text.utf8)).parse()
  }
}
