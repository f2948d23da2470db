import ArgumentParser
import Foundation
import HESPCommandLine
import HESPCore
import HESPLive
import HESPServer

extension LiveError: UserFacingError {}
extension ServeError: UserFacingError {}

/// `hesp live INPUT (-o DIR | --serve)`: encodes a live source into a HESP ladder in real time
/// and publishes every frame the moment it exists. Parses, calls `Live.run`, prints.
struct LiveCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "live",
    abstract: MediaCommandAbstract.liveCommand,
    discussion: """
      INPUT is a file (read at its native rate; --loop repeats it), lavfi:<filtergraph> \
      (e.g. lavfi:testsrc2=size=1280x720:rate=30), or a URL libavformat opens. Every frame is \
      scaled per rung, encoded with zero latency (continuation) and as an IDR (init packet), and \
      published at once: with --serve under /<name>/ by hesp serve's routes (live manifest, \
      init-now, continuation held open and fed chunk by chunk, /time, /stats), with -o into \
      growing files (moved in place when the stream ends). Each chunk carries a prft box with \
      its capture time. Frames that cannot be encoded in time are dropped and counted; a ladder \
      that cannot keep up stops with its measured headroom. --duration, SIGINT or SIGTERM end \
      the stream cleanly (exit 0).
      """)

  @Argument(help: "A video file, lavfi:<filtergraph>, or a URL.")
  var input: String

  @Option(
    help: "Renditions, e.g. 720p@3000k,480p@1200k,360p@600k (default: derived from the source).")
  var ladder: String?

  @Option(
    name: .shortAndLong,
    help: "Write the stream's files into this folder (must not exist unless --force).")
  var output: String?

  @Flag(help: "Replace an existing output folder that hesp wrote.")
  var force = false

  @Flag(help: "Serve the stream over HTTP (prints http://HOST:PORT once it accepts connections).")
  var serve = false

  @Option(help: "Address to listen on (--serve).")
  var host = "127.0.0.1"

  @Option(help: "Port to listen on (--serve; 0: any free port).")
  var port = 8080

  @Option(help: "The stream's name: served under /<name>/.")
  var name = "live"

  @Option(
    parsing: .unconditional,
    help: "Stop after this many seconds (default: until SIGINT or the input's end).")
  var duration: Double?

  @Flag(help: "Read a file again from its start when it ends.")
  var loop = false

  @Option(
    parsing: .unconditional,
    help: "One init packet every K frames (a sparse init stream, the Compatibility rule).")
  var initInterval = 1

  @Flag(
    help:
      "Encode init packets only for tracks players asked for in the last --demand-window seconds (--serve; not with -o: a recording needs every packet)."
  )
  var initOnDemand = false

  @Option(
    parsing: .unconditional,
    help: "Seconds a track stays in demand after a request (--init-on-demand).")
  var demandWindow = 3.0

  @Option(
    help:
      "x264 preset of both encoders (ultrafast: the one measured to keep 720p30 with 3 rungs and the full init stream in real time on 2 cores, headroom 6.7x; /stats shows realtimeHeadroom)."
  )
  var preset = "ultrafast"

  @Option(parsing: .unconditional, help: "Constant QP of the init packets.")
  var initQp = 16

  @Option(
    parsing: .unconditional, help: "Keyframe interval of the continuation streams, in seconds.")
  var gop = 2.0

  @Option(parsing: .unconditional, help: "Continuation segment duration, in seconds.")
  var segmentDuration = 2.0

  @Option(
    parsing: .unconditional,
    help: "availabilityDuration: seconds kept fetchable behind the newest frame.")
  var window = 10.0

  @Option(
    parsing: .unconditional,
    help: "Seconds a source frame may wait for a busy rung before it is dropped.")
  var maxQueue = 0.3

  @Option(
    parsing: .unconditional,
    help:
      "Seconds a URL input may send nothing before the stream ends cleanly (it has stopped).")
  var inputTimeout = 5.0

  @Option(help: "x264 threads per encoder.")
  var threads = 1

  @Flag(help: "One access-log line per request on stderr (--serve).")
  var accessLog = false

  func run() async throws {
    HESPServer.runTasksOnEventLoops()
    var options = LiveOptions(input: input)
    if let ladder {
      do { options.ladder = try EncodingLadder(parsing: ladder) } catch let error as LadderError {
        throw CommandFailure("--ladder: \(error.description)", exitStatus: ExitStatus.usage)
      }
    }
    options.outputPath = output
    options.force = force
    options.serve = serve
    options.host = host
    options.port = port
    options.name = name
    options.durationSeconds = duration
    options.loop = loop
    options.initIntervalFrames = initInterval
    options.initOnDemand = initOnDemand
    options.demandSeconds = demandWindow
    options.preset = preset
    options.initQP = initQp
    options.gopSeconds = gop
    options.segmentDurationSeconds = segmentDuration
    options.windowSeconds = window
    options.maximumQueueSeconds = maxQueue
    options.encoderThreadCount = threads
    options.inputTimeoutSeconds = inputTimeout
    options.accessLog = accessLog
    let shownHost = host.contains(":") ? "[\(host)]" : host
    let summary = try await Live.run(
      options,
      onListening: { port in
        FileHandle.standardOutput.write(Data("http://\(shownHost):\(port)\n".utf8))
      },
      log: { Self.standardError("hesp live: \($0)") })
    let s = summary.statistics
    let latency = s.tracks.map {
      "\($0.id) \($0.captureToAvailableMs.p50)/\($0.captureToAvailableMs.p99)"
    }
    .joined(separator: ", ")
    Self.standardError(
      "hesp live: \(s.framesEncoded) frames in \(s.seconds) s, \(s.framesDropped) dropped; capture-to-available "
        + "p50/p99 ms: \(latency); headroom \(s.realtimeHeadroom)x, \(s.cpuCoresUsed) cores"
        + (summary.outputPath.map { "; wrote \($0)" } ?? ""))
    Self.noteSkippedInitPackets(summary)
  }

  /// The recording of a run whose init stage fell behind misses packets: say so, since
  /// `hesp verify` will report them.
  static func noteSkippedInitPackets(_ summary: Live.Summary) {
    guard let path = summary.outputPath else { return }
    let skipped = summary.statistics.tracks.reduce(0) { $0 + $1.initPacketsSkipped }
    guard skipped > 0 else { return }
    standardError(
      "hesp live: \(path): \(skipped) init packets were skipped (the init stage fell behind): "
        + "the recording is not a regular package and hesp verify reports them missing")
  }

  static func standardError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
  }
}
