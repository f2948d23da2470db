import Foundation

/// A `hesp` command that serves HTTP (`hesp serve`, `hesp live --serve`) in its own process,
/// started on port 0: the port it printed once it accepts connections, its standard error, its
/// exit. In their own process, servers under load are not starved by other tests' blocking work.
public final class ServerProcess {
  public let process = Process()
  public let port: Int
  private let standardError: URL
  private let scratch: TemporaryDirectory

  public struct Failed: Error, CustomStringConvertible {
    public var description: String
    public init(description: String) { self.description = description }
  }

  /// `hesp serve --port 0 --no-access-log ARGUMENTS`.
  public static func serve(_ arguments: [String]) throws -> ServerProcess {
    try ServerProcess(["serve", "--port", "0", "--no-access-log"] + arguments)
  }

  /// `hesp live ARGUMENTS --serve --port 0`.
  public static func live(_ arguments: [String]) throws -> ServerProcess {
    try ServerProcess(["live"] + arguments + ["--serve", "--port", "0"])
  }

  /// Starts `hesp ARGUMENTS` and waits (at most 30 s) for the URL line it prints once listening.
  public init(_ arguments: [String]) throws {
    scratch = try TemporaryDirectory(prefix: "server-process")
    let output = scratch.file("stdout")
    standardError = scratch.file("stderr")
    _ = FileManager.default.createFile(atPath: output.path, contents: nil)
    _ = FileManager.default.createFile(atPath: standardError.path, contents: nil)
    process.executableURL = try Command.hesp().executable
    process.arguments = arguments
    process.standardOutput = try FileHandle(forWritingTo: output)
    process.standardError = try FileHandle(forWritingTo: standardError)
    try process.run()
    var line = ""
    let deadline = Date().addingTimeInterval(30)
    while !line.hasSuffix("\n") && Date() < deadline && process.isRunning {
      usleep(10_000)
      line = String(decoding: (try? Data(contentsOf: output)) ?? Data(), as: UTF8.self)
    }
    guard
      let port = line.trimmingCharacters(in: .newlines).split(separator: ":").last.flatMap({
        Int($0)
      })
    else {
      process.terminate()
      throw Failed(
        description:
          "hesp \(arguments.first ?? "") printed no URL: \(line) \(Self.text(of: standardError))")
    }
    self.port = port
  }

  /// Waits for the exit (at most `seconds`): its status, or nil when it is still running.
  public func waitForExit(seconds: Double) -> Int32? {
    let deadline = Date().addingTimeInterval(seconds)
    while process.isRunning && Date() < deadline { usleep(20_000) }
    return process.isRunning ? nil : process.terminationStatus
  }

  /// What the process wrote to standard error so far.
  public var errorText: String { Self.text(of: standardError) }

  private static func text(of file: URL) -> String {
    String(decoding: (try? Data(contentsOf: file)) ?? Data(), as: UTF8.self)
  }

  deinit {
    if process.isRunning {
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
    }
  }
}
