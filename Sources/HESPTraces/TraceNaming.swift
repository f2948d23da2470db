/// The name a path typed on the command line is reported under. Outputs must not depend on the
/// machine or the working directory beyond what the user typed: a relative path is kept as
/// typed (without a leading `./` or trailing `/`), an absolute path is reduced to its last
/// component, and a file inside a given folder is named by the folder's name plus its path
/// inside the folder.
public enum TraceNaming {
  /// `Fixtures/Sabre/4Glogs/` -> `Fixtures/Sabre/4Glogs`; `/data/traces/4Glogs` -> `4Glogs`;
  /// `./a.json` -> `a.json`; `.` and `/` -> the empty name.
  public static func displayName(ofTyped path: String) -> String {
    var components = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    if path.hasPrefix("/") { return components.last ?? "" }
    while components.first == "." { components.removeFirst() }
    return components.joined(separator: "/")
  }

  /// The name of `relativePath` inside the folder typed as `folder`.
  public static func displayName(ofFile relativePath: String, inTyped folder: String) -> String {
    let base = displayName(ofTyped: folder)
    return base.isEmpty ? relativePath : base + "/" + relativePath
  }
}
