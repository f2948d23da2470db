/// A trace read from disk, with the name it is reported under in tables, CSV and JSON
/// (`TraceNaming`: the path as typed, never an absolute path of the machine).
public struct NamedTrace: Sendable, Equatable {
  /// The name outputs use, e.g. `Fixtures/Sabre/4Glogs/report_bus_0001.json`.
  public var name: String
  /// The file it was read from (for error messages; never written to an output).
  public var path: String
  /// The imported periods.
  public var trace: NetworkTrace

  /// Pairs a trace with its reported name and its file (`path` defaults to `name`).
  public init(name: String, path: String? = nil, trace: NetworkTrace) {
    self.name = name
    self.path = path ?? name
    self.trace = trace
  }
}
