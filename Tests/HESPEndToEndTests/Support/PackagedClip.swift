import Foundation
import HESPCore
import HESPTestSupport

/// The fixture clip packaged once by the built `hesp` binary (shared by the tests of a run).
final class PackagedClip: Sendable {
  let scratch: TemporaryDirectory
  let directory: URL
  let arguments: [String]
  let status: Int32
  let standardOutput: Data
  let standardError: String

  /// Small rungs and 0.5 s GOPs/segments keep it fast: 30 frames, 2 tracks, GOP 15.
  static let ladder = "180p@300k,120p@150k"

  init(extraArguments: [String]) throws {
    scratch = try TemporaryDirectory(prefix: "package")
    directory = scratch.file("out")
    arguments =
      [
        "package", Fixture.clip.path, "-o", directory.path, "--ladder", Self.ladder,
        "--gop", "0.5", "--segment-duration", "0.5", "--json", "--quiet",
      ] + extraArguments
    let output = try Command.hesp().run(arguments)
    status = output.status
    standardOutput = output.standardOutput
    standardError = output.standardError
  }

  static let standard = Result { try PackagedClip(extraArguments: []) }
  static let lossless = Result { try PackagedClip(extraArguments: ["--init-lossless"]) }

  func frameIndex() throws -> FrameIndex {
    try JSONDecoder().decode(
      FrameIndex.self, from: Data(contentsOf: directory.appendingPathComponent("frame-index.json")))
  }

  func trackDirectory(_ id: String) -> URL { directory.appendingPathComponent("video/\(id)") }

  func bytes(_ relativePath: String) throws -> Data {
    try Data(contentsOf: directory.appendingPathComponent(relativePath))
  }
}
