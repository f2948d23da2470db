import Foundation
import HESPAVC
import HESPCore
import HESPFFmpeg
import HESPMP4

/// Writes one track's files with the CMAF writer of `HESPMP4`: `header.mp4`, the continuation
/// segments `content-<s>.m4s` (styp + one moof/mdat per frame) and the init packets
/// `init-<n>.m4s` (header + `initdata` emsg + moof/mdat with one IDR).
///
/// An init packet n points at frame n+1 in the continuation, so it is written once that
/// frame's chunk position is known (or at the end, for the last frame).
final class TrackWriter {
  /// What was written, with the real byte counts.
  struct Result: Sendable {
    var headerByteCount: Int
    var codecs: String
    var frames: [FrameIndex.Frame]
    var segments: [FrameIndex.Segment]
    /// Bytes of the continuation's IDR samples (mdat payloads), for the init/IDR ratio.
    var keyframeSampleByteCounts: [Int]
    /// Bytes of the init packets' IDR samples.
    var initSampleByteCounts: [Int]
    /// True when the init encoder's SPS/PPS equal the continuation's byte for byte (one
    /// header serves both streams).
    var initSharesParameterSets: Bool
  }

  private struct ChunkPosition {
    var segmentId: Int
    var byteOffset: Int
    var byteCount: Int
    var isKeyframe: Bool
  }

  static let hespScheme = TrackBytes.hespScheme
  static let trackId = TrackBytes.trackId

  private let plan: TrackPlan
  /// The bytes of every box (set by `start`).
  private var bytes: TrackBytes?
  private var header: [UInt8] = []
  private var initHeader: [UInt8]?
  private var continuationConfiguration: AVCConfiguration?
  private var initSharesParameterSets = false
  private var codecs = ""
  private var positions: [ChunkPosition] = []
  private var segments: [FrameIndex.Segment] = []
  private var segmentBytes: [UInt8] = []
  private var segmentFirstFrame = 0
  private var pendingInit: [Int: [UInt8]] = [:]
  private var initPacketByteCounts: [Int: Int] = [:]
  private var initSquaredErrorSums: [Int: Int] = [:]
  private var keyframeSampleByteCounts: [Int] = []
  private var initSampleByteCounts: [Int] = []

  init(plan: TrackPlan) { self.plan = plan }

  /// Writes `header.mp4` from the continuation encoder's SPS/PPS.
  func start(continuationExtradata: [UInt8]) throws {
    let bytes = try TrackBytes(plan: plan, continuationExtradata: continuationExtradata)
    self.bytes = bytes
    continuationConfiguration = bytes.configuration
    codecs = bytes.codecs
    header = bytes.header
    // Lossless: header.mp4 waits for the init encoder's parameter sets, which it also holds.
    if !plan.initLossless { try write(header, to: PackageLayout.header) }
  }

  /// The init encoder's SPS/PPS: equal to the continuation's (lossy init), or the lossless ones
  /// under their own ids, which join the continuation's in the one `header.mp4`
  /// (`LosslessParameterSets`): every init packet carries that header.
  func setInitExtradata(_ extradata: [UInt8]) throws {
    let configuration = try AVCConfiguration(extradata: extradata)
    initSharesParameterSets = configuration == continuationConfiguration
    if !initSharesParameterSets, !plan.initLossless {
      // Not expected (the init encoder gets the continuation's level): the init packets keep a
      // header of their own, which `hesp verify` reports.
      initHeader = bytes?.header(for: configuration)
      return
    }
    if !initSharesParameterSets, let continuationConfiguration {
      let both = try LosslessParameterSets.combined(
        continuation: continuationConfiguration, lossless: configuration, track: plan.id)
      codecs = both.codecString
      header = bytes?.header(for: both) ?? header
      try write(header, to: PackageLayout.header)
    }
    initHeader = header
  }

  func addContinuation(frame: Int, annexB: [UInt8], isKeyframe: Bool) throws {
    guard frame == positions.count else {
      throw PackagingError.encodingFailed(
        track: plan.id, reason: "continuation frame \(frame) out of order")
    }
    let segmentId = frame / plan.segmentFrames
    if segmentId != segments.count { try closeSegment() }
    guard let bytes else {
      throw PackagingError.encodingFailed(
        track: plan.id, reason: "continuation frame before the header")
    }
    if segmentBytes.isEmpty {
      segmentFirstFrame = frame
      segmentBytes = bytes.segmentType(startsWithSyncSample: isKeyframe)
    }
    let data = try bytes.continuationSampleData(annexB: annexB, isKeyframe: isKeyframe)
    if isKeyframe { keyframeSampleByteCounts.append(data.count) }
    let chunk = bytes.chunk(frame: frame, data: data, isSync: isKeyframe)
    positions.append(
      ChunkPosition(
        segmentId: segmentId, byteOffset: segmentBytes.count, byteCount: chunk.count,
        isKeyframe: isKeyframe))
    segmentBytes += chunk
    try writeReadyInitPackets()
  }

  /// `squaredErrorSum`: the init picture against the continuation's frame (`InitPictureMeasure`).
  func addInit(frame: Int, annexB: [UInt8], squaredErrorSum: Int? = nil) throws {
    initSquaredErrorSums[frame] = squaredErrorSum
    // One access unit: the IDR (its parameter sets are in the header's avcC).
    let data = try NALUnits.lengthPrefixed(fromAnnexB: annexB)
    initSampleByteCounts.append(data.count)
    pendingInit[frame] = data
    try writeReadyInitPackets()
  }

  func finish() throws -> Result {
    try closeSegment()
    // The last frame's init packet has no pointer: nothing follows it (see `writeInit`).
    for frame in pendingInit.keys.sorted() {
      guard let data = pendingInit[frame] else { continue }
      try writeInit(frame: frame, data: data, next: nil)
    }
    pendingInit.removeAll()
    let frames = positions.enumerated().map { frame, position in
      FrameIndex.Frame(
        chunkByteCount: position.byteCount, segmentId: position.segmentId,
        byteOffset: position.byteOffset,
        isKeyframe: position.isKeyframe, initPacketByteCount: initPacketByteCounts[frame] ?? 0,
        initSquaredErrorSum: initSquaredErrorSums[frame])
    }
    return Result(
      headerByteCount: header.count, codecs: codecs, frames: frames, segments: segments,
      keyframeSampleByteCounts: keyframeSampleByteCounts,
      initSampleByteCounts: initSampleByteCounts,
      initSharesParameterSets: initSharesParameterSets)
  }

  private func closeSegment() throws {
    guard !segmentBytes.isEmpty else { return }
    let id = segments.count
    try write(segmentBytes, to: PackageLayout.segment(id))
    segments.append(
      FrameIndex.Segment(
        id: id, firstFrame: segmentFirstFrame, frameCount: positions.count - segmentFirstFrame,
        byteCount: segmentBytes.count))
    segmentBytes = []
  }

  private func writeReadyInitPackets() throws {
    for frame in pendingInit.keys.sorted() where frame + 1 < positions.count {
      guard let data = pendingInit.removeValue(forKey: frame) else { continue }
      let next = positions[frame + 1]
      try writeInit(frame: frame, data: data, next: (next.segmentId, next.byteOffset))
    }
  }

  /// `next`: segment and moof offset of frame n+1. The last frame's packet has none and carries
  /// `{}`: pointing at the end of the last segment asked players for a Range starting at the
  /// file's size, which HTTP answers with 416.
  private func writeInit(frame: Int, data: [UInt8], next: (index: Int, offset: Int)?) throws {
    guard let initHeader, let bytes else {
      throw PackagingError.encodingFailed(
        track: plan.id, reason: "init packet before the init header")
    }
    let packet = bytes.initPacket(header: initHeader, frame: frame, data: data, next: next)
    initPacketByteCounts[frame] = packet.count
    try write(packet, to: PackageLayout.initPacket(frame))
  }

  private func write(_ bytes: [UInt8], to name: String) throws {
    let url = plan.directory.appendingPathComponent(name)
    do {
      try Data(bytes).write(to: url)
    } catch {
      throw PackagingError.writingFailed(path: url.path, reason: error.localizedDescription)
    }
  }
}
