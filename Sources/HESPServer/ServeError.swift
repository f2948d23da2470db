/// Why `hesp serve` cannot start; each description is the WHAT: WHY of a one-line error.
public enum ServeError: Error, CustomStringConvertible, Equatable {
  case noSuchFolder(String)
  case notAFolder(String)
  case notAPackage(String, String)
  case tooManyFiles(String, Int)
  case duplicateName(String)
  case reservedName(String)
  case unreadable(String, String)
  case cannotListen(String, String)
  case missingResources(String)

  public var description: String {
    switch self {
    case .noSuchFolder(let path): "\(path): no such folder"
    case .notAFolder(let path): "\(path): not a folder"
    case .notAPackage(let path, let why): "\(path): not a hesp package (\(why))"
    case .tooManyFiles(let path, let limit): "\(path): more than \(limit) files"
    case .duplicateName(let name):
      "\(name): two packages would be served under /\(name)/; serve folders with different names"
    case .reservedName(let name):
      "\(name): /\(name)/ is taken by the server itself; rename the folder"
    case .unreadable(let path, let why): "\(path): cannot be read (\(why))"
    case .cannotListen(let address, let why): "\(address): cannot listen (\(why))"
    case .missingResources(let what): "player page: \(what) missing from the build"
    }
  }
}
