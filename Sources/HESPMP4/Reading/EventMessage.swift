/// `emsg` (ISO/IEC 23009-1 §5.10.3.3), versions 0 and 1.
public struct EventMessage: Sendable, Equatable {
  /// 0 or 1.
  public var version: UInt8
  /// e.g. `urn:theo:hesp:2020`.
  public var schemeIdURI: String
  /// e.g. `initdata`.
  public var value: String
  /// Ticks per second of the times below.
  public var timescale: UInt32
  /// Version 0: presentation_time_delta (relative to the segment's earliest presentation time).
  /// Version 1: presentation_time (absolute, 64-bit).
  public var presentationTime: UInt64
  /// In `timescale` ticks.
  public var eventDuration: UInt32
  /// Event id.
  public var id: UInt32
  /// Everything after the fields: the event payload (JSON in hesp).
  public var messageData: [UInt8]

  /// Decodes a `emsg` box of `bytes`; throws MP4Error naming the box and offset.
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
