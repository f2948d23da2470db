import Foundation
import HESPCore
import HESPTraces

/// A short, stable identity of an input's content (FNV-1a 64 over its canonical bytes), so the
/// shards of one study can be told from the shards of another without comparing the inputs.
enum Fingerprint {
  static func of(_ index: FrameIndex) -> String {
    hash((try? CanonicalJSON.data(index, pretty: false)) ?? Data())
  }

  static func of(_ trace: NetworkTrace) -> String {
    var bytes = Data()
    for period in trace.periods {
      for value in [period.durationMs, period.bandwidthKbps, period.latencyMs] {
        withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
      }
    }
    return hash(bytes)
  }

  static func hash(_ data: Data) -> String {
    var value: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in data {
      value ^= UInt64(byte)
      value &*= 0x0000_0100_0000_01b3
    }
    return String(value, radix: 16)
  }
}
