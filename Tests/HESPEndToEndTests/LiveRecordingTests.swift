import Foundation
import HESPTestSupport
import Synchronization
import Testing

/// `hesp live -o`: the folder is a finished package when the stream ends (`hesp verify` passes
/// it, `hesp serve` plays it back), and a network input that goes silent ends the stream
/// cleanly after `--input-timeout` instead of blocking forever.
@Suite(.serialized) struct LiveRecordingTests {
  static let ladder = ["--ladder", "180p@300k,90p@100k", "--segment-duration", "1", "--gop", "1"]

  @Test func aRecordingEndedByDurationIsAPackageThatVerifyPasses() throws {
    let scratch = try TemporaryDirectory(prefix: "live-rec")
    let output = scratch.url.appendingPathComponent("stream").path
    let live = try Command.hesp().run(
      ["live", "lavfi:testsrc2=size=320x180:rate=30", "--duration", "2.5", "-o", output]
        + Self.ladder)
    #expect(live.status == 0, "\(live.standardError)")
    let names = try FileManager.default.contentsOfDirectory(atPath: output)
    #expect(Set(["manifest.json", "frame-index.json", "sabre-movie.json"]).isSubset(of: names))
    let index = try #require(
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: URL(fileURLWithPath: output + "/frame-index.json")))
        as? [String: Any])
    #expect(index["frameCount"] as? Int == 75)
    let verify = try Command.hesp().run(["verify", output, "--splices", "4"])
    #expect(verify.status == 0, "\(verify.standardOutput) \(verify.standardError)")
    // hesp serve plays it back: a player reads it as any package.
    let serve = Process()
    let line = scratch.file("serve-stdout")
    _ = FileManager.default.createFile(atPath: line.path, contents: nil)
    serve.executableURL = try Command.hesp().executable
    serve.arguments = ["serve", output, "--port", "0", "--no-access-log"]
    serve.standardOutput = try FileHandle(forWritingTo: line)
    serve.standardError = FileHandle.nullDevice
    try serve.run()
    defer {
      kill(serve.processIdentifier, SIGTERM)
      serve.waitUntilExit()
    }
    var url = ""
    let deadline = Date().addingTimeInterval(20)
    while !url.hasSuffix("\n") && Date() < deadline {
      usleep(20_000)
      url = String(decoding: (try? Data(contentsOf: line)) ?? Data(), as: UTF8.self)
    }
    let play = try Command.hesp().run([
      "play", url.trimmingCharacters(in: .newlines) + "/stream/", "--duration", "1",
    ])
    #expect(play.status == 0, "\(play.standardError)")
    #expect(play.standardOutputText.contains("\nstream,network,hesp,throughput,false,true,"))
  }

  @Test func aSilentNetworkInputEndsTheStreamAfterTheTimeoutWithOneLine() throws {
    let scratch = try TemporaryDirectory(prefix: "live-silent")
    let stream = scratch.file("one-second.ts")
    let made = try Command(onPath: "ffmpeg").run([
      "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=160x90:rate=30", "-t", "1",
      "-c:v", "mpeg2video", "-g", "10", "-f", "mpegts", stream.path,
    ])
    #expect(made.status == 0, "\(made.standardError)")
    let bytes = try [UInt8](Data(contentsOf: stream))
    let port = try SilentSender.freePort()
    let input = "tcp://127.0.0.1:\(port)?listen"
    let sender = SilentSender(port: port, bytes: bytes)
    defer { sender.close() }
    let output = scratch.url.appendingPathComponent("out").path
    let started = Date()
    let live = try Command.hesp().run(
      [
        "live", input, "--input-timeout", "1.5", "--duration", "60", "-o", output, "--ladder",
        "90p@100k",
      ])
    let seconds = Date().timeIntervalSince(started)
    #expect(sender.sentAll, "the test's sender connected and sent the stream")
    #expect(live.status == 1)
    #expect(seconds < 1 + 1.5 + 12, "ended \(seconds) s after the start")
    let errors = live.standardError.split(separator: "\n").filter { $0.contains("error:") }
    #expect(errors.count == 1, "\(live.standardError)")
    #expect(
      errors.first?.hasPrefix("hesp live: error: \(input): the input stopped after ") == true,
      "\(live.standardError)")
    #expect(
      errors.first?.hasSuffix("(no data for 1.5 s); the stream was ended cleanly") == true,
      "\(live.standardError)")
    // What came before the silence is a finished recording.
    let verify = try Command.hesp().run(["verify", output, "--splices", "2"])
    #expect(verify.status == 0, "\(verify.standardOutput) \(verify.standardError)")
  }
}

/// A TCP client on its own thread that connects to `hesp live`'s listening input (retrying
/// until it listens), sends `bytes`, then stays connected and silent until `close()`.
final class SilentSender: Sendable {
  private struct State {
    var connection: RawConnection?
    var closed = false
    var sent = false
  }
  private let state = Mutex(State())

  init(port: Int, bytes: [UInt8]) {
    let thread = Thread { [self] in
      let deadline = Date().addingTimeInterval(30)
      while Date() < deadline, !state.withLock({ $0.closed }) {
        guard let connection = try? RawConnection(port: port) else {
          usleep(20_000)
          continue
        }
        let sent = connection.send(bytes)
        state.withLock {
          $0.connection = connection
          $0.sent = sent
        }
        return
      }
    }
    thread.start()
  }

  var sentAll: Bool { state.withLock { $0.sent } }

  func close() {
    state.withLock {
      $0.closed = true
      $0.connection = nil
    }
  }

  /// A port nothing listens on now (bound to 0, then released).
  static func freePort() throws -> Int {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { Glibc.close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(descriptor, $0, length) == 0 ? getsockname(descriptor, $0, &length) : -1
      }
    }
    guard bound == 0 else { throw ServerProcess.Failed(description: "bind: errno \(errno)") }
    return Int(UInt16(bigEndian: address.sin_port))
  }
}
