/// Why an emulation could not run: one line naming what is missing or which step failed.
public struct EmulationError: Error, Equatable, CustomStringConvertible {
  public var description: String

  public init(_ description: String) { self.description = description }
}
