import Foundation
import HESPFFmpeg

/// The live source, decoded picture by picture: a file (again from its start with `--loop`),
/// a `lavfi:` filter graph (libavfilter, no libavdevice), or a URL libavformat opens. It is
/// read as fast as asked; the publisher paces it by the wall clock.
final class LiveInput {
  enum Kind: Equatable {
    case file(String)
    case filterGraph(String)
    case url(String)
  }

  let spec: String
  let kind: Kind
  let loop: Bool
  let width: Int
  let height: Int
  let frameRateNumerator: Int
  let frameRateDenominator: Int
  /// Bounds every read of a URL (`--input-timeout`) and lets `interrupt()` end a read at once.
  let readDeadline: ReadDeadline
  private var filterSource: FilterSource?
  private var decoding: Decoding?
  /// Times a file was started again (`--loop`).
  private(set) var restarts = 0

  /// A demuxer, its decoder and a packet to read into.
  private final class Decoding {
    let file: InputFile
    let decoder: VideoDecoder
    let packet: Packet
    var readingEnded = false
    var drained = false
    var decodedFrames = 0

    init(path: String, readDeadline: ReadDeadline) throws {
      file = try InputFile(path: path, readDeadline: readDeadline)
      decoder = try VideoDecoder(input: file, threadCount: 1)
      packet = try Packet()
    }

    func next() throws -> Frame? {
      while true {
        if let frame = try decoder.receiveFrame() {
          decodedFrames += 1
          return frame
        }
        if drained { return nil }
        if readingEnded {
          drained = true
          continue
        }
        if try file.readVideoPacket(into: packet) {
          try decoder.send(packet)
        } else {
          readingEnded = true
          try decoder.send(nil)
        }
      }
    }
  }

  static func kind(of spec: String) -> Kind {
    if spec.hasPrefix("lavfi:") { return .filterGraph(String(spec.dropFirst("lavfi:".count))) }
    if spec.contains("://") && !FileManager.default.fileExists(atPath: spec) { return .url(spec) }
    return .file(spec)
  }

  /// Opens the input; throws `LiveError` (cannot open, no video, no data for
  /// `timeoutSeconds`).
  /// - Parameter timeoutSeconds: how long a read of a URL may wait for data (a file or a filter
  ///   graph never waits).
  init(_ spec: String, loop: Bool, timeoutSeconds: Double) throws {
    self.spec = spec
    self.loop = loop
    kind = Self.kind(of: spec)
    let isURL: Bool = if case .url = kind { true } else { false }
    let readDeadline = ReadDeadline(timeoutSeconds: isURL ? timeoutSeconds : nil)
    self.readDeadline = readDeadline
    do {
      switch kind {
      case .filterGraph(let graph):
        guard !graph.isEmpty else {
          throw LiveError.cannotOpen(input: spec, reason: "empty filter graph")
        }
        let source = try FilterSource(graph)
        filterSource = source
        width = source.width
        height = source.height
        guard source.frameRateNumerator > 0 else {
          throw LiveError.cannotOpen(
            input: spec, reason: "the graph gives no frame rate (add rate=30)")
        }
        frameRateNumerator = source.frameRateNumerator
        frameRateDenominator = source.frameRateDenominator
      case .file(let path):
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
          throw LiveError.cannotOpen(input: spec, reason: "no such file")
        }
        guard !isDirectory.boolValue else {
          throw LiveError.cannotOpen(input: spec, reason: "it is a directory")
        }
        fallthrough
      case .url:
        let opened = try Decoding(path: spec, readDeadline: readDeadline)
        decoding = opened
        width = opened.file.video.width
        height = opened.file.video.height
        frameRateNumerator = opened.file.video.frameRateNumerator
        frameRateDenominator = opened.file.video.frameRateDenominator
      }
    } catch let error as InputFile.OpenError {
      switch error {
      case .noVideoStream, .onlyAttachedPictures: throw LiveError.noVideo(input: spec)
      case .unsupportedCodec(let name):
        throw LiveError.cannotOpen(input: spec, reason: "no decoder for \(name)")
      case .unknownFrameRate:
        throw LiveError.cannotOpen(input: spec, reason: "the video stream has no frame rate")
      }
    } catch let error as FFmpegError {
      throw LiveError.cannotOpen(input: spec, reason: Self.reason(error, readDeadline))
    }
    guard width > 0, height > 0 else {
      throw LiveError.cannotOpen(input: spec, reason: "the video has no picture size")
    }
    if loop, case .file = kind {
    } else if loop {
      throw LiveError.invalidOption("--loop", "only a file can be read again from its start")
    }
  }

  /// The next picture; nil when the input has ended (a file without `--loop`, a stream that
  /// closed). Throws `FFmpegError` on a read or decode error.
  func next() throws -> Frame? {
    if let filterSource { return try filterSource.next() }
    guard let decoding else { return nil }
    if let frame = try decoding.next() { return frame }
    guard loop, decoding.decodedFrames > 0 else { return nil }
    // Again from the start: a new demuxer and decoder (a seek would keep decoder state).
    restarts += 1
    let again = try Decoding(path: spec, readDeadline: readDeadline)
    self.decoding = again
    return try again.next()
  }
}

extension LiveInput {
  /// Ends a read in progress at once (the stream is stopping); later reads end too.
  func interrupt() { readDeadline.interrupt() }

  /// Why a read failed, for the closing line: `no data for 5 s` when the deadline ended it.
  func reason(_ error: FFmpegError) -> String { Self.reason(error, readDeadline) }

  static func reason(_ error: FFmpegError, _ deadline: ReadDeadline) -> String {
    if deadline.hasExpired, let seconds = deadline.timeoutSeconds {
      return "no data for \(String(format: "%g", seconds)) s"
    }
    return error.message
  }
}
