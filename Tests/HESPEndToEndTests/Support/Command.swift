import Foundation

/// Runs a program to completion and captures its exit status, stdout (bytes) and stderr.
struct Command {
  struct Output {
    var status: Int32
    var standardOutput: Data
    var standardError: String
    var standardOutputText: String { String(decoding: standardOutput, as: UTF8.self) }
  }

  struct NotFound: Error, CustomStringConvertible {
    var name: String
    var description: String {
      "\(name) not found (Tools/test.sh installs ffmpeg; swift build builds hesp)"
    }
  }

  let executable: URL

  init(executable: URL) { self.executable = executable }

  /// A program on PATH (`ffmpeg`, `ffprobe`).
  init(onPath name: String) throws {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for directory in path.split(separator: ":") {
      let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent(name)
      if FileManager.default.isExecutableFile(atPath: candidate.path) {
        executable = candidate
        return
      }
    }
    throw NotFound(name: name)
  }

  /// The `hesp` binary built next to this test bundle (or `HESP_BINARY`).
  static func hesp() throws -> Command {
    if let path = ProcessInfo.processInfo.environment["HESP_BINARY"] {
      return Command(executable: URL(fileURLWithPath: path))
    }
    var candidates: [URL] = []
    var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<4 {
      candidates.append(directory.appendingPathComponent("hesp"))
      directory.deleteLastPathComponent()
    }
    candidates.append(Fixture.repositoryRoot.appendingPathComponent(".build/debug/hesp"))
    guard
      let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) })
    else {
      throw NotFound(name: "hesp")
    }
    return Command(executable: found)
  }

  /// Runs with stdout/stderr in temporary files (no pipe can fill up and block the child).
  func run(_ arguments: [String], in directory: URL? = nil) throws -> Output {
    let scratch = try TemporaryDirectory(prefix: "cmd")
    let outURL = scratch.file("stdout")
    let errURL = scratch.file("stderr")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let outHandle = try FileHandle(forWritingTo: outURL)
    let errHandle = try FileHandle(forWritingTo: errURL)
    defer {
      try? outHandle.close()
      try? errHandle.close()
    }
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.standardOutput = outHandle
    process.standardError = errHandle
    process.standardInput = FileHandle.nullDevice
    if let directory { process.currentDirectoryURL = directory }
    try process.run()
    process.waitUntilExit()
    return Output(
      status: process.terminationStatus, standardOutput: try Data(contentsOf: outURL),
      standardError: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
  }
}

/// A directory under the system temporary directory, removed when released.
final class TemporaryDirectory: @unchecked Sendable {
  let url: URL

  init(prefix: String) throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "hesp-e2e-\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  func file(_ name: String) -> URL { url.appendingPathComponent(name) }

  /// Names of the entries in the directory.
  func entries() -> [String] {
    (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
  }

  deinit { try? FileManager.default.removeItem(at: url) }
}

/// Files under the repository's `Fixtures/`.
enum Fixture {
  static let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  static func media(_ name: String) -> URL {
    repositoryRoot.appendingPathComponent("Fixtures/Media").appendingPathComponent(name)
  }

  /// 320x180, 30 fps, 30 frames, B-frames.
  static let clip = media("flower-320x180-1s.mp4")
}
