import Foundation
import HESPCore
import HESPProtocols

/// Reads the `frame-index.json` of a package directory.
public enum PackageIndexLoader {
  /// - Throws: `ProtocolInputError` when the directory or its `frame-index.json` is missing or
  ///   not a valid frame index.
  public static func load(packageDirectory: String) throws(ProtocolInputError) -> FrameIndex {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: packageDirectory, isDirectory: &isDirectory),
      isDirectory.boolValue
    else { throw ProtocolInputError("\(packageDirectory): no such package directory") }
    let path = URL(fileURLWithPath: packageDirectory).appendingPathComponent(
      PackageLayout.frameIndex
    ).path
    guard FileManager.default.fileExists(atPath: path) else {
      throw ProtocolInputError(
        "\(packageDirectory): no frame-index.json (not a package made by `hesp package`)")
    }
    let data: Data
    do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
      throw ProtocolInputError("\(path): cannot read")
    }
    do { return try JSONDecoder().decode(FrameIndex.self, from: data) } catch {
      throw ProtocolInputError("\(path): not a valid frame index")
    }
  }
}
