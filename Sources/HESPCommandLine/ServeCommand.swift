import ArgumentParser
import Foundation
import HESPServer

/// `hesp serve PKG...`: a HESP origin (the draft's HTTP semantics) for packages on disk, and the
/// browser player at `/player/`. Prints `http://HOST:PORT` once it accepts connections; SIGINT
/// or SIGTERM stop it gracefully.
struct ServeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract:
      "Serve HESP packages over HTTP (the draft's semantics) with a browser player at /player/.",
    discussion: """
      Each package folder is served under /<folder name>/: manifest.json \
      (application/vnd.theo.hesp+json), init packets by number (a sparse init stream answers a \
      number without a packet with the latest earlier one), continuation segments (Range -> 206, \
      chunked), ETag/304, CORS. /time answers the UTC time (ISO 8601); /player/?manifest=/<folder>/manifest.json \
      plays a package in the browser. Files are read once at start and held in memory within \
      --memory-mb (smallest first). One access-log line per request on stderr.
      """)

  @Argument(help: "`hesp package` output folders.")
  var packages: [String] = []

  @Option(help: "Address to listen on.")
  var host = "127.0.0.1"

  @Option(help: "Port to listen on (0: any free port; the URL line says which).")
  var port = 8080

  @Option(help: "Close a connection that sends nothing for this many seconds.")
  var idleTimeout: Double = 30

  @Option(
    help:
      "Megabytes of package files held in memory (smallest files first); the rest is read per request."
  )
  var memoryMb = 1024

  @Option(
    help:
      "Bodies held in memory from this many kilobytes on are sent from their file with sendfile while it is unchanged (0: never)."
  )
  var sendfileMinKb = 128

  @Flag(help: "No access-log lines on stderr.")
  var noAccessLog = false

  @Flag(
    help: ArgumentHelp(
      "Every request through Hummingbird's async path (for comparisons and tests).",
      visibility: .hidden))
  var noFastPath = false

  func validate() throws {
    guard !packages.isEmpty else { throw ValidationError("give at least one package folder") }
    guard (0...65535).contains(port) else {
      throw ValidationError("--port: expected 0-65535, got \(port)")
    }
    guard idleTimeout > 0, idleTimeout <= 86400 else {
      throw ValidationError("--idle-timeout: expected seconds in (0, 86400], got \(idleTimeout)")
    }
    guard memoryMb >= 0, memoryMb <= 1 << 20 else {
      throw ValidationError("--memory-mb: expected 0-1048576, got \(memoryMb)")
    }
    guard sendfileMinKb >= 0, sendfileMinKb <= 1 << 30 else {
      throw ValidationError("--sendfile-min-kb: expected 0-1073741824, got \(sendfileMinKb)")
    }
    guard !host.isEmpty else { throw ValidationError("--host: empty") }
  }

  func run() async throws {
    HESPServer.runTasksOnEventLoops()
    var options = ServeOptions(
      packages: packages, host: host, port: port,
      idleTimeout: .milliseconds(Int64(idleTimeout * 1000)),
      memoryBudgetBytes: memoryMb << 20, accessLog: noAccessLog ? nil : .standardError)
    options.fastPath = !noFastPath
    options.sendfileMinimumBytes = sendfileMinKb == 0 ? nil : sendfileMinKb << 10
    let host = self.host.contains(":") ? "[\(self.host)]" : self.host
    do {
      let stores = try HESPServer.loadStores(options)
      for store in stores {
        let note =
          store.diskFileCount > 0 ? ", \(store.diskFileCount) files read from disk per request" : ""
        Self.standardError(
          "hesp serve: /\(store.name)/: \(store.tracks.count) track\(store.tracks.count == 1 ? "" : "s"), "
            + "\(store.memoryBytes >> 20) MB in memory\(note)")
      }
      try await HESPServer.run(stores: stores, options: options) { port in
        FileHandle.standardOutput.write(Data("http://\(host):\(port)\n".utf8))
      }
      Self.standardError("hesp serve: stopped")
    } catch {
      throw CommandFailure("\(error)", exitStatus: ExitStatus.failure)
    }
  }

  static func standardError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
  }
}
