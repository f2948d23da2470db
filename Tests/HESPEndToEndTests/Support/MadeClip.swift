import Foundation
import HESPTestSupport

/// Tiny inputs made with the ffmpeg CLI in a scratch folder, and `hesp package` runs on them
/// whose `report.json` is read back.
enum MadeClip {
  struct Failed: Error, CustomStringConvertible {
    var description: String
  }

  /// Runs `ffmpeg -v error -y ARGUMENTS` and returns `scratch/name` (its last argument).
  @discardableResult
  static func ffmpeg(_ arguments: [String], output name: String, in scratch: TemporaryDirectory)
    throws -> URL
  {
    let url = scratch.file(name)
    let result = try Command(onPath: "ffmpeg").run(
      ["-v", "error", "-y"] + arguments + [url.path], in: scratch.url)
    guard result.status == 0 else { throw Failed(description: "ffmpeg: \(result.standardError)") }
    return url
  }

  /// `testsrc` at `size` and `rate` for `seconds`, H.264 without B-frames.
  static func testPattern(
    _ name: String, size: String = "320x180", rate: Int = 30, seconds: Double = 1,
    extra: [String] = [], in scratch: TemporaryDirectory
  ) throws -> URL {
    try ffmpeg(
      ["-f", "lavfi", "-i", "testsrc=size=\(size):rate=\(rate)", "-t", String(seconds)] + extra
        + ["-c:v", "libx264", "-bf", "0", "-pix_fmt", "yuv420p"],
      output: name, in: scratch)
  }

  /// The result of `hesp package INPUT -o scratch/out --quiet --ladder 180p@300k ARGUMENTS`
  /// (no `--ladder` when `ladder` is nil: the derived ladder).
  struct Packaged {
    var result: Command.Output
    var output: URL

    /// `report.json` as a dictionary.
    func report() throws -> [String: Any] {
      let data = try Data(contentsOf: output.appendingPathComponent("report.json"))
      guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
        throw Failed(description: "report.json is not an object")
      }
      return object
    }

    /// `warnings[].code` of report.json, without `bitrateOffTarget`: the tiny clips of these
    /// tests (a second or less, shorter than the 2 s VBV buffer) overshoot their rung, which
    /// `PackageBitrateTests` checks; the other tests look at everything else.
    func warningCodes() throws -> [String] {
      try allWarningCodes().filter { $0 != "bitrateOffTarget" }
    }

    func allWarningCodes() throws -> [String] {
      (try report()["warnings"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
    }

    func source() throws -> [String: Any] { try report()["source"] as? [String: Any] ?? [:] }

    /// `source.properties.<name>` of report.json.
    func property(_ name: String) throws -> [String: Any] {
      (try source()["properties"] as? [String: Any])?[name] as? [String: Any] ?? [:]
    }

    /// `tracks` of report.json: id, width, height, pixelAspectRatio, ...
    func tracks() throws -> [[String: Any]] { try report()["tracks"] as? [[String: Any]] ?? [] }

    /// True when neither OUT nor any OUT.partial-* exists.
    var leftNothing: Bool {
      let parent = output.deletingLastPathComponent()
      let name = output.lastPathComponent
      let entries = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
      return !entries.contains { $0 == name || $0.hasPrefix(name + ".partial-") }
    }

    /// Lines on stderr, without the `bitrateOffTarget` warnings (see `warningCodes`).
    var errorLines: [String] { MadeClip.linesBesidesBitrate(result.standardError) }
  }

  /// stderr's lines without `hesp package: warning: FILE: track T: average ... target ...`.
  static func linesBesidesBitrate(_ standardError: String) -> [String] {
    standardError.split(separator: "\n").map(String.init).filter {
      !($0.hasPrefix("hesp package: warning: ") && $0.contains(": track ")
        && $0.contains(" kb/s target (peak over full segments "))
    }
  }

  static func package(
    _ input: URL, _ arguments: [String] = [], ladder: String? = "180p@300k",
    in scratch: TemporaryDirectory
  ) throws -> Packaged {
    let output = scratch.file("out-\(UUID().uuidString.prefix(8))")
    let result = try Command.hesp().run(
      ["package", input.path, "-o", output.path, "--quiet"]
        + (ladder.map { ["--ladder", $0] } ?? []) + arguments)
    return Packaged(result: result, output: output)
  }
}
