import Foundation
import HESPTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Whether `hesp emulate` can run here: root, `ip netns add` permitted (tried), /dev/net/tun.
enum EmulationAvailability {
  /// Why namespaces cannot be made here (tried), or nil.
  static let reason: String? = {
    guard geteuid() == 0 else { return "hesp emulate needs root" }
    let name = "hesp-test-probe-\(getpid())"
    guard let ip = try? Command(onPath: "ip"), (try? ip.run(["netns", "add", name]))?.status == 0
    else {
      return "ip netns add is not permitted here"
    }
    _ = try? ip.run(["netns", "delete", name])
    return FileManager.default.isReadableFile(atPath: "/dev/net/tun") ? nil : "no /dev/net/tun"
  }()
}

/// `hesp emulate` end to end, as root (CI): `hesp serve` in one namespace, a player in the other,
/// the study's files out. Until `hesp play` exists, the player is a stand-in
/// (`HESP_EMULATE_PLAYER`): a script that fetches the manifest through the link and prints a
/// session result; it tests the plumbing, not the player.
@Suite(
  .serialized,
  .enabled(if: EmulationAvailability.reason == nil, "\(EmulationAvailability.reason ?? "")"))
struct EmulateCommandTests {
  static let package = Repository.fixture("Serve/tiny").path
  static let trace = Repository.fixture("Traces/network.json").path
  static let session = ["--protocol", "hesp", "--abr", "throughput", "--content-duration", "2"]

  /// The namespaces `hesp` processes made, except this test process's own (the library's tests
  /// run beside these ones) and availability probes.
  static func namespaces() -> Set<String> {
    Set((try? FileManager.default.contentsOfDirectory(atPath: "/var/run/netns")) ?? []).filter {
      $0.hasPrefix("hesp-") && !$0.hasPrefix("hesp-\(getpid())-") && !$0.hasPrefix("hesp-test-")
    }
  }

  @Test func aSessionRunsThroughTheLinkAndWritesWhatAStudyWrites() throws {
    let scratch = try TemporaryDirectory(prefix: "emulate")
    let before = Self.namespaces()
    let study = try Command.hesp().run(
      [
        "study", "--package", Self.package, "--trace", Self.trace, "-o", scratch.file("sim").path,
        "--quiet",
      ] + Self.session)
    #expect(study.status == 0, "\(study.standardError)")
    let results =
      try JSONSerialization.jsonObject(with: Data(contentsOf: scratch.file("sim/results.json")))
      as? [Any]
    let first = try JSONSerialization.data(withJSONObject: try #require(results?.first))
    try first.write(to: scratch.file("session.json"))
    let player = scratch.file("player.sh")
    try """
    #!/bin/bash
    # Stand-in for hesp play: one request through the link, then a canned session result.
    [ "$1" = play ] && [[ "$2" == http://169.254.77.1:8080/tiny/manifest.json ]] || exit 7
    exec 3<>/dev/tcp/169.254.77.1/8080 || exit 9
    printf 'GET /tiny/manifest.json HTTP/1.0\\r\\nHost: emulate\\r\\n\\r\\n' >&3
    head -c 12 <&3 | grep -q 'HTTP/1.1 200' || exit 8
    cat '\(scratch.file("session.json").path)'
    """.write(to: player, atomically: true, encoding: .utf8)
    chmod(player.path, 0o755)
    let emulate = try Command.hesp().run(
      [
        "emulate", "--package", Self.package, "--trace", Self.trace, "-o", scratch.file("emu").path,
        "--compare",
        scratch.file("sim").path,
      ] + Self.session,
      environment: ["HESP_EMULATE_PLAYER": player.path])
    #expect(emulate.status == 0, "\(emulate.standardError)")
    for name in ["sessions.csv", "switches.csv"] {
      let simulated = try String(contentsOf: scratch.file("sim/\(name)"), encoding: .utf8)
      let emulated = try String(contentsOf: scratch.file("emu/\(name)"), encoding: .utf8)
      #expect(simulated == emulated, "\(name)")
    }
    for name in ["results.json", "summary.json", "table.txt", "report.html"] {
      #expect(FileManager.default.fileExists(atPath: scratch.file("emu/\(name)").path), "\(name)")
    }
    #expect(
      emulate.standardOutputText.contains("1 of 1 sessions agree"), "\(emulate.standardOutputText)")
    #expect(
      emulate.standardError.contains("session 1: hesp throughput"), "\(emulate.standardError)")
    #expect(Self.namespaces() == before)
  }

  @Test func aFailingPlayerStopsTheRunWithOneErrorAndLeavesNoNamespaceOrOutput() throws {
    let scratch = try TemporaryDirectory(prefix: "emulate")
    let before = Self.namespaces()
    let emulate = try Command.hesp().run(
      ["emulate", "--package", Self.package, "--trace", Self.trace, "-o", scratch.file("emu").path]
        + Self.session,
      environment: ["HESP_EMULATE_PLAYER": "/bin/false"])
    #expect(emulate.status == 1)
    let errors = emulate.standardError.split(separator: "\n").filter { $0.contains("error") }
    #expect(
      errors.count == 1 && errors[0].hasPrefix("hesp emulate: error: hesp play failed"),
      "\(emulate.standardError)")
    #expect(!FileManager.default.fileExists(atPath: scratch.file("emu").path))
    #expect(Self.namespaces() == before)
  }

  @Test func aLinkCommandRunsAClientAgainstAServerAndReportsTheLink() throws {
    let scratch = try TemporaryDirectory(prefix: "emulate")
    let client = scratch.file("client.sh")
    try """
    #!/bin/bash
    exec 3<>/dev/tcp/169.254.77.1/8080 || exit 9
    printf 'GET /tiny/video/72p/content-0.m4s HTTP/1.0\\r\\n\\r\\n' >&3
    head -c 12 <&3
    """.write(to: client, atomically: true, encoding: .utf8)
    chmod(client.path, 0o755)
    let before = Self.namespaces()
    let hesp = try Command.hesp()
    let result = try hesp.run(
      [
        "emulate", "link", "--rate-mbps", "2", "--rtt-ms", "40", "--server",
        "'\(hesp.executable.path)' serve '\(Self.package)' --host 169.254.77.1 --port 8080 --no-access-log",
        "--client", client.path,
      ])
    #expect(result.status == 0, "\(result.standardError)")
    #expect(result.standardOutputText == "HTTP/1.1 200")
    #expect(result.standardError.contains("emulate link: tcp "), "\(result.standardError)")
    #expect(Self.namespaces() == before)
  }

  @Test(arguments: [(SIGINT, Int32(130)), (SIGTERM, Int32(143))])
  func anInterruptionStopsTheServerAndPlayerAndDeletesTheNamespaces(signal: Int32, status: Int32)
    throws
  {
    let scratch = try TemporaryDirectory(prefix: "emulate")
    let player = scratch.file("player.sh")
    let pidFile = scratch.file("player.pid")
    try "#!/bin/sh\necho $$ > '\(pidFile.path)'\nexec sleep 60\n".write(
      to: player, atomically: true, encoding: .utf8)
    chmod(player.path, 0o755)
    let before = Self.namespaces()
    let process = Process()
    process.executableURL = try Command.hesp().executable
    process.arguments =
      [
        "emulate", "--package", Self.package, "--trace", Self.trace, "-o", scratch.file("emu").path,
        "--quiet",
      ]
      + Self.session
    process.environment = ProcessInfo.processInfo.environment.merging([
      "HESP_EMULATE_PLAYER": player.path
    ]) { $1 }
    process.standardError = FileHandle.nullDevice
    try process.run()
    // Wait until the player runs in its namespace (the session's pair exists), then interrupt.
    let deadline = Date().addingTimeInterval(60)
    func playerPID() -> pid_t? {
      (try? String(contentsOf: pidFile, encoding: .utf8)).flatMap {
        pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines))
      }
    }
    while playerPID() == nil || Self.namespaces().count < before.count + 2, Date() < deadline {
      usleep(50_000)
    }
    let pid = try #require(playerPID())
    kill(process.processIdentifier, signal)
    process.waitUntilExit()
    #expect(process.terminationStatus == status)
    #expect(Self.namespaces() == before)
    #expect(!FileManager.default.fileExists(atPath: scratch.file("emu").path))
    // The player is gone (reaped by init once hesp exited).
    let gone = Date().addingTimeInterval(5)
    while kill(pid, 0) == 0, Date() < gone { usleep(50_000) }
    let left = kill(pid, 0) == 0 ? "pid \(pid)" : ""
    #expect(left.isEmpty, "the stand-in player still runs: \(left)")
  }
}
