import Foundation
import HESPFFmpeg

/// The input video, opened with every failure mapped to a one-line `PackagingError`, and
/// decoded once in presentation order.
final class SourceVideo {
  let path: String
  let file: InputFile
  private let decoder: VideoDecoder
  private let packet: Packet
  private var isDrained = false
  private var readingEnded = false
  private(set) var decodedFrames = 0
  /// Packets the demuxer marked to be decoded but not shown (before or after an mp4 edit list):
  /// the decoder drops their pictures, so the container's frame count includes them.
  private(set) var discardedPackets = 0
  /// Presentation time in seconds of every decoded frame (nil where the stream has none).
  private(set) var presentationSeconds: [Double?] = []
  /// Size of the first decoded picture, and the first change of picture size after it.
  private(set) var firstPictureSize: (width: Int, height: Int)?
  private(set) var resolutionChange: ResolutionChange?

  /// A picture whose size differs from the first one's.
  struct ResolutionChange {
    var frame: Int
    var from: (width: Int, height: Int)
    var to: (width: Int, height: Int)
  }

  var info: VideoStreamInfo { file.video }
  /// Rotation, pixel shape, colour and interlacing: honoured through `filter`, or refused.
  private(set) var treatment: SourceTreatment
  /// The libavfilter chain of `treatment`, built at the first picture (and again when the
  /// picture size changes); nil when the pictures need none.
  private var filter: FilterGraph?
  private var filterSize: (width: Int, height: Int)?
  private var isTreatmentComplete = false
  private var isFilterFlushed = false
  /// Filtered pictures of a graph replaced after a picture size change.
  private var pendingFiltered: [Frame] = []

  init(path: String, forcedTopFieldFirst: Bool? = nil) throws {
    self.path = path
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw PackagingError.inputMissing(path: path)
    }
    if isDirectory.boolValue {
      throw PackagingError.inputNotMedia(path: path, reason: "it is a directory")
    }
    do {
      file = try InputFile(path: path)
      decoder = try VideoDecoder(input: file)
      packet = try Packet()
    } catch let error as FFmpegError {
      if error.isFileNotFound { throw PackagingError.inputMissing(path: path) }
      throw Self.classify(error, path: path)
    } catch let error as InputFile.OpenError {
      switch error {
      case .noVideoStream: throw PackagingError.inputHasNoVideo(path: path)
      case .onlyAttachedPictures: throw PackagingError.inputHasOnlyCoverArt(path: path)
      case .unsupportedCodec(let name):
        throw PackagingError.inputNotMedia(path: path, reason: "no decoder for video codec \(name)")
      case .unknownFrameRate:
        throw PackagingError.inputCorrupt(path: path, reason: "the video stream has no frame rate")
      }
    }
    guard file.video.width > 0, file.video.height > 0 else {
      throw PackagingError.inputCorrupt(path: path, reason: "the video stream has no picture size")
    }
    treatment = try SourceTreatment(
      info: file.video, streamIndex: file.videoStreamIndex, path: path)
    treatment.forcedTopFieldFirst = forcedTopFieldFirst
  }

  /// A file FFmpeg cannot open is corrupt media when its first bytes still look like a known
  /// container (e.g. an mp4 cut before its moov), otherwise it is not media at all.
  private static func classify(_ error: FFmpegError, path: String) -> PackagingError {
    var head: [UInt8] = []
    if let handle = FileHandle(forReadingAtPath: path) {
      head = [UInt8]((try? handle.read(upToCount: 4096)) ?? Data())
      try? handle.close()
    }
    if let container = MediaProbe.containerName(ofFileStart: head) {
      return .inputCorrupt(path: path, reason: "\(container) container: \(error.message)")
    }
    return .inputNotMedia(path: path, reason: error.message)
  }

  /// The next picture in presentation order, treated (deinterlaced, tone-mapped, rotated) when
  /// the source needs it; nil at the end of the stream.
  func nextFrame() throws -> Frame? {
    while true {
      if !pendingFiltered.isEmpty { return pendingFiltered.removeFirst() }
      if let filter, let picture = try filtering({ try filter.receive() }) { return picture }
      if isFilterFlushed { return nil }
      guard let decoded = try nextDecodedFrame() else {
        guard let filter else { return nil }
        try filtering { try filter.send(nil) }
        isFilterFlushed = true
        continue
      }
      if !isTreatmentComplete {
        isTreatmentComplete = true
        treatment.decide(firstPicture: decoded, info: info)
        treatment.properties.filters = treatment.filterChain
      }
      guard let chain = treatment.filterChain else { return decoded }
      if let size = filterSize, size.width != decoded.width || size.height != decoded.height,
        let old = filter
      {
        // A new picture size needs a new graph: what the old one holds comes out first.
        try filtering { try old.send(nil) }
        while let picture = try filtering({ try old.receive() }) { pendingFiltered.append(picture) }
        filter = nil
      }
      if filter == nil {
        filter = try filtering {
          try FilterGraph(
            chain, sample: decoded, timeBaseNumerator: info.timeBaseNumerator,
            timeBaseDenominator: info.timeBaseDenominator)
        }
        filterSize = (decoded.width, decoded.height)
      }
      try filtering { try filter?.send(decoded) }
    }
  }

  /// Runs a filter call; its failure is named as the treatment's, not as corrupt input.
  private func filtering<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let error as FFmpegError {
      throw PackagingError.encodingFailed(
        track: "source", reason: "filter \(treatment.filterChain ?? ""): \(error.description)")
    }
  }

  /// The next decoded frame in presentation order, or nil at the end of the stream.
  /// A read or decode error, or fewer frames than the container announced, is corruption.
  private func nextDecodedFrame() throws -> Frame? {
    do {
      while true {
        if let frame = try decoder.receiveFrame() {
          record(frame)
          decodedFrames += 1
          return frame
        }
        if isDrained { return try endOfStream() }
        if readingEnded {
          isDrained = true
          continue
        }
        if try file.readVideoPacket(into: packet) {
          if packet.isDiscarded { discardedPackets += 1 }
          try decoder.send(packet)
        } else {
          readingEnded = true
          try decoder.send(nil)
        }
      }
    } catch let error as FFmpegError {
      throw PackagingError.inputCorrupt(
        path: path, reason: "frame \(decodedFrames): \(error.description)")
    }
  }

  private func record(_ frame: Frame) {
    let timeBase = Double(info.timeBaseNumerator) / Double(info.timeBaseDenominator)
    presentationSeconds.append(frame.presentationTime.map { Double($0) * timeBase })
    guard let first = firstPictureSize else {
      firstPictureSize = (frame.width, frame.height)
      return
    }
    if resolutionChange == nil, frame.width != first.width || frame.height != first.height {
      resolutionChange = ResolutionChange(
        frame: decodedFrames, from: first, to: (frame.width, frame.height))
    }
  }

  private func endOfStream() throws -> Frame? {
    if file.hitReadError {
      throw PackagingError.inputCorrupt(
        path: path, reason: "read error after \(decodedFrames) frames")
    }
    // Frames an edit list hides are announced but never shown: the edit list is honoured.
    if let announced = info.announcedFrameCount, decodedFrames + discardedPackets < announced {
      let hidden = discardedPackets > 0 ? " (\(discardedPackets) more hidden by its edit list)" : ""
      throw PackagingError.inputCorrupt(
        path: path,
        reason:
          "decoded \(decodedFrames) of the \(announced) frames the container announces\(hidden)")
    }
    if decodedFrames == 0 {
      throw PackagingError.inputCorrupt(path: path, reason: "no decodable video frame")
    }
    return nil
  }
}
