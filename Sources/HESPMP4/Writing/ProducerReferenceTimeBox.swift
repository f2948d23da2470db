/// `prft` version 1 (ISO/IEC 14496-12 §8.16.5): the wall-clock (NTP) time that corresponds to a
/// media time of a track. Written before a `moof`, it lets a client measure end-to-end latency
/// per chunk.
enum ProducerReferenceTimeBox {
  static func write(
    trackId: UInt32, ntpTimestamp: UInt64, mediaTimeTicks: UInt64, flags: UInt32, to writer: inout ByteWriter
  ) {
    writer.fullBox("prft", version: 1, flags: flags) { box in
      box.u32(trackId)
      box.u64(ntpTimestamp)
      box.u64(mediaTimeTicks)
    }
  }
}

extension CMAFWriter {
  /// `prft` flags: the time is when the frame was captured (24), as the 2020 amendment names it.
  public static let producerReferenceCaptured: UInt32 = 24

  /// 32 bytes: `prft` v1 for `trackId`, NTP time `ntpTimestamp` (seconds since 1900 in the high
  /// 32 bits, fraction in the low) at media time `mediaTimeTicks`.
  public static func producerReferenceTime(
    trackId: UInt32, ntpTimestamp: UInt64, mediaTimeTicks: UInt64, flags: UInt32 = producerReferenceCaptured
  ) -> [UInt8] {
    var writer = ByteWriter(capacity: 32)
    ProducerReferenceTimeBox.write(
      trackId: trackId, ntpTimestamp: ntpTimestamp, mediaTimeTicks: mediaTimeTicks, flags: flags, to: &writer)
    return writer.bytes
  }

  /// NTP timestamp of a time given as seconds since 1970.
  public static func ntpTimestamp(secondsSince1970: Double) -> UInt64 {
    let seconds = secondsSince1970 + 2_208_988_800
    let whole = seconds.rounded(.down)
    return UInt64(whole) << 32 | UInt64((seconds - whole) * 4_294_967_296)
  }

  /// Seconds since 1970 of an NTP timestamp.
  public static func secondsSince1970(ntpTimestamp: UInt64) -> Double {
    Double(ntpTimestamp >> 32) - 2_208_988_800 + Double(ntpTimestamp & 0xFFFF_FFFF) / 4_294_967_296
  }
}
