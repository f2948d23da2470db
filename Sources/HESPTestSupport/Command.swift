import Foundation

/// Runs a program to completion and captures its exit status, stdout (bytes) and stderr.
public struct Command: Sendable {
  public struct Output: Sendable {
    public var status: Int32
    public var standardOutput: Data
    public var standardError: String
    public var standardOutputText: String { String(decoding: standardOutput, as: UTF8.self) }
  }

  public struct NotFound: Error, CustomStringConvertible {
    public var name: String
    public var description: String {
      "\(name) not found (Tools/test.sh installs ffmpeg; swift build builds hesp)"
    }
  }

  public let executable: URL

  public init(executable: URL) { self.executable = executable }

  /// A program on PATH (`ffmpeg`, `ffprobe`).
  public init(onPath name: String) throws {
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
  public static func hesp() throws -> Command {
    if let path = ProcessInfo.processInfo.environment["HESP_BINARY"] {
      return Command(executable: URL(fileURLWithPath: path))
    }
    var candidates: [URL] = []
    var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<4 {
      candidates.append(directory.appendingPathComponent("hesp"))
      directory.deleteLastPathComponent()
    }
    candidates.append(Repository.root.appendingPathComponent(".build/debug/hesp"))
    guard
      let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) })
    else {
      throw NotFound(name: "hesp")
    }
    return Command(executable: found)
  }

  /// Runs with stdout/stderr in temporary files (no pipe can fill up and block the child),
  /// in `directory` when given, with `environment` added to this process's.
  public func run(
    _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]
  ) throws -> Output {
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
    if !environment.isEmpty {
      process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    }
    try process.run()
    process.waitUntilExit()
    return Output(
      status: process.terminationStatus, standardOutput: try Data(contentsOf: outURL),
      standardError: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
  }
}
