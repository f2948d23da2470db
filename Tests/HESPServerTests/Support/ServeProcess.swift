import Foundation
import HESPTestSupport

/// The built `hesp serve` in its own process: load tests run there, where no other test's
/// blocking work can starve the server's tasks (in the test process they share two threads).
final class ServeProcess {
  let process = Process()
  let port: Int

  struct Failed: Error, CustomStringConvertible {
    var description: String
  }

  init(_ arguments: [String]) throws {
    let scratch = try TemporaryDirectory(prefix: "serve-process")
    let output = scratch.file("stdout")
    _ = FileManager.default.createFile(atPath: output.path, contents: nil)
    process.executableURL = try Command.hesp().executable
    process.arguments = ["serve", "--port", "0", "--no-access-log"] + arguments
    process.standardOutput = try FileHandle(forWritingTo: output)
    process.standardError = FileHandle.nullDevice
    try process.run()
    var line = ""
    let deadline = Date().addingTimeInterval(30)
    while !line.hasSuffix("\n") && Date() < deadline && process.isRunning {
      usleep(20_000)
      line = String(decoding: (try? Data(contentsOf: output)) ?? Data(), as: UTF8.self)
    }
    guard
      let port = line.trimmingCharacters(in: .newlines).split(separator: ":").last.flatMap({
        Int($0)
      })
    else {
      process.terminate()
      throw Failed(description: "hesp serve printed no URL: \(line)")
    }
    self.port = port
  }

  deinit {
    if process.isRunning {
      process.terminate()
      process.waitUntilExit()
    }
  }
}
