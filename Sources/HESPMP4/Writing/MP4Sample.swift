/// One coded frame.
public struct MP4Sample: Sendable, Equatable {
  /// 4-byte length-prefixed NAL units (AVCC form).
  public var data: [UInt8]
  /// Decode time in track timescale ticks (`tfdt` baseMediaDecodeTime).
  public var decodeTimeTicks: UInt64
  /// In track timescale ticks.
  public var durationTicks: UInt32
  /// Presentation time minus decode time; 0 without B-frames.
  public var compositionOffsetTicks: Int32
  /// A sync sample (IDR): `sample_depends_on = 2`, not a non-sync sample.
  public var isSync: Bool

  /// A sample; `compositionOffsetTicks` stays 0 without B-frames.
  public init(
    data: [UInt8], decodeTimeTicks: UInt64, durationTicks: UInt32,
    compositionOffsetTicks: Int32 = 0,
    isSync: Bool
  ) {
    self.data = data
    self.decodeTimeTicks = decodeTimeTicks
    self.durationTicks = durationTicks
    self.compositionOffsetTicks = compositionOffsetTicks
    self.isSync = isSync
  }
}
