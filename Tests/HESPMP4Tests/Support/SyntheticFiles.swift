import HESPMP4
import HESPTestSupport

/// Small files built with the writer from synthetic sample bytes (no encoder needed).
enum SyntheticFiles {
  static let track = VideoTrackDescription(
    timescale: 12800, width: 160, height: 96, avc: TestParameterSets.configuration)

  static func sample(index: Int, isSync: Bool, byteCount: Int = 20) -> MP4Sample {
    let payload = (0..<byteCount - 4).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ index) }
    let length = UInt32(payload.count)
    return MP4Sample(
      data: [
        UInt8(length >> 24), UInt8((length >> 16) & 0xFF), UInt8((length >> 8) & 0xFF),
        UInt8(length & 0xFF),
      ]
        + payload,
      decodeTimeTicks: UInt64(index) * 512, durationTicks: 512, isSync: isSync)
  }

  static let initMessage = Array(#"{"index":0,"offset":24}"#.utf8)

  /// An init packet: header + emsg + one sync chunk.
  static func initPacket(frame: Int = 0) -> [UInt8] {
    CMAFWriter.header(track)
      + CMAFWriter.eventMessage(
        schemeIdURI: "urn:theo:hesp:2020", value: "initdata", timescale: 12800,
        presentationTimeDeltaTicks: 0, eventDurationTicks: 512, id: UInt32(frame),
        messageData: initMessage)
      + CMAFWriter.chunk(
        sequenceNumber: UInt32(frame), trackId: 1, sample: sample(index: frame, isSync: true))
  }

  /// A continuation segment: styp + one chunk per frame (frame 0 sync).
  static func segment(frames: Range<Int>) -> [UInt8] {
    CMAFWriter.segmentType()
      + frames.flatMap { index in
        CMAFWriter.chunk(
          sequenceNumber: UInt32(index + 1), trackId: 1,
          sample: sample(index: index, isSync: index % 5 == 0))
      }
  }

  /// Every typed decoder over `bytes`, as a verifier would run them. Throws on any problem.
  static func decodeEverything(_ bytes: [UInt8]) throws -> Int {
    let file = try MP4File(bytes: bytes)
    _ = file.treeDescription()  // never throws; must not trap either
    var decoded = 0
    var defaults: TrackExtends?
    if file.boxes.first?.type == "ftyp" {
      defaults = try file.header().trackExtends
      decoded += 1
    }
    decoded += try file.segmentType() == nil ? 0 : 1
    decoded += try file.eventMessages().count
    decoded += try file.segmentIndexes().count
    decoded += try file.fragments(defaults: defaults ?? TrackExtends(trackId: 1)).reduce(0) {
      $0 + $1.samples.count
    }
    return decoded
  }
}
