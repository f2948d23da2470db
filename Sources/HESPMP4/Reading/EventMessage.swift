/// `emsg` (ISO/IEC 23009-1 §5.10.3.3), versions 0 and 1.
public struct EventMessage: Sendable, Equatable {
  public var version: UInt8
  public var schemeIdURI: String
  public var value: String
  public var timescale: UInt32
  /// Version 0: presentation_time_delta (relative to the segment's earliest presentation time).
  /// Version 1: presentation_time (absolute, 64-bit).
  public var presentationTime: UInt64
  public var eventDuration: UInt32
  public var id: UInt32
  public var messageData: [UInt8]

  public init(_ box: MP4Box, in bytes: [UInt8]) throws {
    let full = try BoxDecoding.fullBoxReader(for: box, type: "emsg", in: bytes, maximumVersion: 1)
    var reader = full.reader
    version = full.version
    if version == 0 {
      schemeIdURI = try reader.nullTerminatedString("scheme_id_uri")
      value = try reader.nullTerminatedString("value")
      timescale = try reader.u32("timescale")
      presentationTime = UInt64(try reader.u32("presentation_time_delta"))
      eventDuration = try reader.u32("event_duration")
      id = try reader.u32("id")
    } else {
      timescale = try reader.u32("timescale")
      presentationTime = try reader.u64("presentation_time")
      eventDuration = try reader.u32("event_duration")
      id = try reader.u32("id")
      schemeIdURI = try reader.nullTerminatedString("scheme_id_uri")
      value = try reader.nullTerminatedString("value")
    }
    messageData = reader.rest()
  }
}
