import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// A network namespace this process made (`ip netns add`), named `hesp-<pid>-<n>-<role>`, with
/// `lo` up. Delete it explicitly (`delete()`); `EmulationCleanup` deletes every one still alive
/// on an error path, Ctrl-C or SIGTERM. Processes run inside it through `ip netns exec`; this
/// process enters it on one thread for a moment (`perform`) to open TUN devices and sockets, which
/// stay in the namespace after the thread leaves it.
public final class NetworkNamespace: Sendable, CustomStringConvertible {
  public let name: String
  private let deleted = Mutex(false)

  /// Name prefix of every namespace `hesp` makes.
  public static let prefix = "hesp-"
  private static let counter = Mutex(0)

  /// Creates `hesp-<pid>-<n>-<role>` and brings its `lo` up.
  /// - Throws: `EmulationError` when `ip netns add` fails.
  public init(role: String) throws(EmulationError) {
    let number = Self.counter.withLock { value -> Int in
      value += 1
      return value
    }
    name = "\(Self.prefix)\(getpid())-\(number)-\(role)"
    try EmulationCleanup.register(name) { () throws(EmulationError) in
      try IPCommand.run(["netns", "add", name])
    }
    do { try IPCommand.run(["-n", name, "link", "set", "lo", "up"]) } catch {
      delete()
      throw error
    }
  }

  public var description: String { name }

  /// Runs `ip -n NAME ARGS`.
  public func ip(_ arguments: String...) throws(EmulationError) {
    try IPCommand.run(["-n", name] + arguments)
  }

  /// Reads a setting of this namespace under /proc/sys (e.g. `net/ipv4/tcp_congestion_control`).
  public func setting(_ key: String) throws -> String {
    try perform {
      guard let data = FileManager.default.contents(atPath: "/proc/sys/" + key) else {
        throw EmulationError("cannot read /proc/sys/\(key) in \(name)")
      }
      return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
  }

  /// Writes a setting of this namespace under /proc/sys (`sysctl -w` inside it).
  public func set(_ key: String, to value: String) throws {
    try perform {
      let descriptor = open("/proc/sys/" + key, O_WRONLY | O_CLOEXEC)
      guard descriptor >= 0 else {
        throw EmulationError("cannot open /proc/sys/\(key) in \(name): \(SystemCalls.errorText())")
      }
      defer { Glibc.close(descriptor) }
      let bytes = Array(value.utf8)
      guard write(descriptor, bytes, bytes.count) == bytes.count else {
        throw EmulationError("cannot set \(key) to \(value) in \(name): \(SystemCalls.errorText())")
      }
    }
  }

  /// Deletes the namespace (once; later calls do nothing). Processes still inside keep it alive
  /// until they exit, so stop them first.
  public func delete() {
    let first = deleted.withLock { done -> Bool in
      defer { done = true }
      return !done
    }
    guard first else { return }
    try? IPCommand.run(["netns", "delete", name])
    EmulationCleanup.unregister(name)
  }

  /// Runs `body` on the calling thread inside this namespace, then returns the thread to the
  /// namespace it was in. Descriptors opened meanwhile (TUN devices, sockets) stay in this one.
  /// `body` must not suspend or hand the thread to other work.
  public func perform<T>(_ body: () throws -> T) throws -> T {
    let original = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC)
    guard original >= 0 else {
      throw EmulationError(
        "cannot open this thread's network namespace: \(SystemCalls.errorText())")
    }
    defer { Glibc.close(original) }
    let target = open("/var/run/netns/\(name)", O_RDONLY | O_CLOEXEC)
    guard target >= 0 else {
      throw EmulationError("cannot open network namespace \(name): \(SystemCalls.errorText())")
    }
    defer { Glibc.close(target) }
    guard SystemCalls.setNetworkNamespace(target) == 0 else {
      throw EmulationError("cannot enter network namespace \(name): \(SystemCalls.errorText())")
    }
    defer {
      // Leaving cannot fail for a namespace this thread was in; if it did, the thread would
      // carry on in the wrong namespace, which must not happen.
      precondition(
        SystemCalls.setNetworkNamespace(original) == 0, "cannot leave network namespace \(name)")
    }
    return try body()
  }

  /// Starts `ip netns exec NAME ARGUMENTS...`: the program runs in this namespace.
  public func spawn(
    _ arguments: [String], standardOutput: ChildProcess.Stream = .inherit,
    standardError: ChildProcess.Stream = .inherit
  ) throws(EmulationError) -> ChildProcess {
    try ChildProcess(
      arguments: [try IPCommand.executable().path, "netns", "exec", name] + arguments,
      standardOutput: standardOutput,
      standardError: standardError)
  }
}

/// Runs the `ip` command (iproute2).
enum IPCommand {
  /// `ip` on PATH, or in /usr/sbin or /sbin.
  static func executable() throws(EmulationError) -> URL {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
    for directory in path.split(separator: ":").map(String.init) + [
      "/usr/sbin", "/sbin", "/usr/bin", "/bin",
    ] {
      let candidate = URL(fileURLWithPath: directory).appendingPathComponent("ip")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    throw EmulationError("hesp emulate needs the `ip` command (iproute2), which is not on PATH")
  }

  /// Runs `ip ARGUMENTS`; throws with its error output when it fails.
  static func run(_ arguments: [String]) throws(EmulationError) {
    let process = Process()
    process.executableURL = try executable()
    process.arguments = arguments
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    do { try process.run() } catch {
      throw EmulationError("ip \(arguments.joined(separator: " ")): \(error.localizedDescription)")
    }
    let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      let reason =
        text.split(separator: "\n").first.map(String.init)
        ?? "exit status \(process.terminationStatus)"
      throw EmulationError("ip \(arguments.joined(separator: " ")): \(reason)")
    }
  }

  /// Names of the existing network namespaces (`ip netns list`).
  static func namespaces() -> [String] {
    (try? FileManager.default.contentsOfDirectory(atPath: "/var/run/netns")) ?? []
  }
}
