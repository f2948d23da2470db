import HESPAVC
import HESPCore
import HESPFFmpeg
import HESPMP4

/// The CMAF bytes of one track, frame by frame, as `hesp package` writes them to files
/// (`TrackWriter`) and `hesp live` publishes them (HESPLive): the header, a continuation
/// chunk (moof + mdat of one frame), the `styp` of a segment, and an init packet (header +
/// `initdata` emsg + moof/mdat of one IDR). Pure: the same inputs give the same bytes.
public struct TrackBytes: Sendable {
  public let plan: TrackPlan
  /// The continuation's SPS/PPS (the encoder's global header).
  public let configuration: AVCConfiguration
  /// The continuation's parsed SPS/PPS, with `--splice-safe-frame-num`.
  let spliceSafeParameterSets: AVCParameterSets?

  public static let hespScheme = "urn:theo:hesp:2020"
  public static let trackId: UInt32 = 1
  /// Bytes of the `styp` that starts every continuation segment (the offset of its first chunk).
  public static let segmentTypeByteCount = 24

  /// Reads the continuation encoder's parameter sets; with `spliceSafeFrameNum`, checks that
  /// its SPS allows the rewrite.
  public init(plan: TrackPlan, continuationExtradata: [UInt8]) throws {
    self.plan = plan
    configuration = try AVCConfiguration(extradata: continuationExtradata)
    if plan.spliceSafeFrameNum {
      let parameterSets = try AVCParameterSets(configuration)
      for sps in parameterSets.sequenceParameterSets.values {
        try SpliceSafeFrameNumbering.validate(sps)
      }
      spliceSafeParameterSets = parameterSets
    } else {
      spliceSafeParameterSets = nil
    }
  }

  /// RFC 6381 codecs string of the continuation (`avc1.64001f`).
  public var codecs: String { configuration.codecString }

  /// ftyp + moov of the continuation's parameter sets (`header.mp4`).
  public var header: [UInt8] { CMAFWriter.header(description(configuration)) }

  /// ftyp + moov for another set of parameter sets (the lossless init stream's).
  public func header(for configuration: AVCConfiguration) -> [UInt8] {
    CMAFWriter.header(description(configuration))
  }

  public func description(_ configuration: AVCConfiguration) -> VideoTrackDescription {
    VideoTrackDescription(
      trackId: Self.trackId, timescale: UInt32(plan.grid.timescale), width: plan.width,
      height: plan.height,
      avc: configuration,
      colour: ColourInformation(
        primaries: UInt16(clamping: plan.colour.primaries),
        transfer: UInt16(clamping: plan.colour.transfer),
        matrix: UInt16(clamping: plan.colour.matrix), fullRange: false),
      pixelAspectRatio: plan.hasSquarePixels
        ? nil
        : PixelAspectRatio(
          horizontalSpacing: UInt32(plan.pixelAspectWidth),
          verticalSpacing: UInt32(plan.pixelAspectHeight)))
  }

  /// The sample data (length-prefixed NAL units) of a continuation packet, its P pictures
  /// rewritten splice-safe when asked.
  public func continuationSampleData(annexB: [UInt8], isKeyframe: Bool) throws -> [UInt8] {
    let data = try NALUnits.lengthPrefixed(fromAnnexB: annexB)
    guard let spliceSafeParameterSets, !isKeyframe else { return data }
    return try SpliceSafeFrameNumbering.rewriting(
      sample: data, parameterSets: spliceSafeParameterSets)
  }

  /// The `styp` of a segment (24 bytes).
  public func segmentType(startsWithSyncSample: Bool) -> [UInt8] {
    CMAFWriter.segmentType(startsWithSyncSample: startsWithSyncSample)
  }

  /// moof + mdat of frame `frame` holding `data`.
  public func chunk(frame: Int, data: [UInt8], isSync: Bool) -> [UInt8] {
    CMAFWriter.chunk(
      sequenceNumber: UInt32(frame + 1), trackId: Self.trackId,
      sample: sample(frame, data, isSync: isSync))
  }

  /// Init packet `frame`: `header` + the initdata emsg pointing at frame n+1 (`next`: its
  /// segment and moof offset; nil for the last frame, which carries `{}`) + the IDR `data`.
  public func initPacket(
    header: [UInt8], frame: Int, data: [UInt8], next: (index: Int, offset: Int)?
  ) -> [UInt8] {
    let message = Array(
      (next.map { #"{"index":\#($0.index),"offset":\#($0.offset)}"# } ?? "{}").utf8)
    let event = CMAFWriter.eventMessage(
      schemeIdURI: Self.hespScheme, value: "initdata", timescale: UInt32(plan.grid.timescale),
      presentationTimeDeltaTicks: 0, eventDurationTicks: UInt32(plan.grid.frameDurationTicks),
      id: UInt32(frame), messageData: message)
    return header + event + chunk(frame: frame, data: data, isSync: true)
  }

  private func sample(_ frame: Int, _ data: [UInt8], isSync: Bool) -> MP4Sample {
    MP4Sample(
      data: data, decodeTimeTicks: plan.grid.decodeTimeTicks(ofFrame: frame),
      durationTicks: UInt32(plan.grid.frameDurationTicks), isSync: isSync)
  }
}
