/// A comma-separated list of closed choices (`--abr bola,bolae`, `--protocol hesp,dash`), its
/// elements typed. An option of this type parses through the elements' own list parser
/// (`transform:`), which names the option, the bad entry and the valid values on one line.
struct CommaSeparated<Element: Sendable>: Sendable, CustomStringConvertible {
  var elements: [Element]
  /// The list as given (the default shown in help).
  var description: String

  /// A list whose text is `description` (a default).
  init(_ elements: [Element], description: String) {
    self.elements = elements
    self.description = description
  }

  /// `text` parsed by `parse`.
  init(_ text: String, parse: (String) throws -> [Element]) rethrows {
    elements = try parse(text)
    description = text
  }
}
