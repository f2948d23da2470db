import Foundation

/// The link's counters as text.
public enum LinkReport {
  /// `down 2104 pkts 3.0 MB, 0 dropped, late p50 62 µs p99 410 µs max 1.9 ms, queue p50 3 p99 41
  /// max 60 KB; up 1052 pkts, 0 dropped`.
  public static func line(_ statistics: EmulatedLink.Statistics) -> String {
    func direction(_ name: String, _ s: EmulatedLink.DirectionStatistics) -> String {
      var text =
        "\(name) \(s.delivered) pkts \(megabytes(s.deliveredBytes)) MB, \(s.dropped) dropped"
      if let p50 = s.latenessMicroseconds(quantile: 0.5),
        let p99 = s.latenessMicroseconds(quantile: 0.99),
        let max = s.latenessMicroseconds(quantile: 1)
      {
        text += ", late p50 \(Int(p50)) µs p99 \(Int(p99)) µs max \(Int(max)) µs"
      }
      if let p50 = s.queuedBytes(quantile: 0.5), let p99 = s.queuedBytes(quantile: 0.99),
        let max = s.queuedBytes(quantile: 1), max > 0
      {
        text += ", queue p50 \(p50 / 1000) p99 \(p99 / 1000) max \(max / 1000) KB"
      }
      return text
    }
    return direction("down", statistics.downlink) + "; " + direction("up", statistics.uplink)
      + (statistics.realtime ? "" : "; link thread without real-time priority")
  }

  static func megabytes(_ bytes: Int) -> String {
    String(format: "%.2f", Double(bytes) / 1_000_000)
  }
}

extension LinkReport {
  /// IP bytes delivered between the first and the last delivery, as Mbit/s (nil for fewer than
  /// two packets).
  public static func achievedMegabitsPerSecond(_ s: EmulatedLink.DirectionStatistics) -> Double? {
    guard let first = s.firstDeliveryNs, let last = s.lastDeliveryNs, last > first, s.delivered > 1
    else { return nil }
    return Double(s.deliveredBytes) * 8 / (Double(last - first) / 1e9) / 1e6
  }
}
