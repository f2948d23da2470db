import Foundation
import HESPFFmpeg

/// Luma PSNR and exactness of one decoded picture against a reference (8-bit, peak 255).
struct PictureComparison: Sendable {
  /// Mean squared error of the luma plane.
  var lumaMeanSquaredError: Double
  /// Y, Cb and Cr all byte-identical.
  var isExact: Bool

  /// PSNR-Y in dB; nil when the luma is identical (infinite PSNR).
  var psnrYDecibels: Double? { Self.psnr(lumaMeanSquaredError) }

  /// Compares packed planes (`Frame.planeBytes()`) of `width` x `height` pictures.
  init(_ picture: [UInt8], against reference: [UInt8], width: Int, height: Int) {
    let lumaCount = min(width * height, picture.count, reference.count)
    let sum = picture.withUnsafeBufferPointer { a in
      reference.withUnsafeBufferPointer { b in
        Self.squaredErrorSum(UnsafeBufferPointer(rebasing: a[..<lumaCount]), b)
      }
    }
    lumaMeanSquaredError = lumaCount > 0 ? Double(sum) / Double(lumaCount) : 0
    isExact = picture == reference
  }

  /// Compares a decoded frame, straight from its planes, with packed planes
  /// (`Frame.planeBytes()`) of the same size: the same result as comparing its `planeBytes()`.
  init(_ frame: Frame, against reference: [UInt8]) {
    (lumaMeanSquaredError, isExact) = frame.withPlanes { planes in
      reference.withUnsafeBufferPointer { packed in
        var offset = 0
        var exact = planes.reduce(0) { $0 + $1.width * $1.height } == packed.count
        var sum: UInt64 = 0
        var lumaCount = 0
        for (index, plane) in planes.enumerated() {
          for row in 0..<plane.height {
            let bytes = plane.row(row)
            let count = min(bytes.count, packed.count - offset)
            guard count > 0 else { break }
            let other = UnsafeBufferPointer(rebasing: packed[offset..<offset + count])
            if index == 0 {
              sum &+= Self.squaredErrorSum(UnsafeBufferPointer(rebasing: bytes[..<count]), other)
              lumaCount += count
            }
            if exact && memcmp(bytes.baseAddress!, other.baseAddress!, count) != 0 { exact = false }
            offset += count
          }
        }
        return (lumaCount > 0 ? Double(sum) / Double(lumaCount) : 0, exact)
      }
    }
  }

  /// Sum of squared differences of `a` and the first `a.count` bytes of `b`
  /// (`PictureDifference.squaredErrorSum`).
  static func squaredErrorSum(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>)
    -> UInt64
  {
    guard let aBase = a.baseAddress, let bBase = b.baseAddress, !a.isEmpty else { return 0 }
    return PictureDifference.squaredErrorSum(aBase, bBase, count: a.count)
  }

  /// `LumaPSNR.decibels`: nil for identical pictures.
  static func psnr(_ meanSquaredError: Double) -> Double? {
    LumaPSNR.decibels(meanSquaredError: meanSquaredError)
  }

  /// Rounded to 0.001 dB for reports.
  static func rounded(_ value: Double?) -> Double? {
    value.map { ($0 * 1000).rounded() / 1000 }
  }
}
