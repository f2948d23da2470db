import Foundation

/// The one CSV writer of hesp's outputs (RFC 4180): a cell holding a comma, a quote or a line
/// break is quoted with its quotes doubled; every other cell is written as it is.
public enum CSV {
  public static func field(_ text: String) -> String {
    text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
      ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
  }

  /// One line (no line break) of `cells`, each quoted as needed.
  public static func row(_ cells: [String]) -> String { cells.map(field).joined(separator: ",") }
}
