import Foundation

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
    var sum: UInt64 = 0
    picture.withUnsafeBufferPointer { a in
      reference.withUnsafeBufferPointer { b in
        // 32-bit partial sums (16384 x 255² < 2³²) let the compiler vectorize the loop.
        var start = 0
        while start < lumaCount {
          let end = min(start + 16384, lumaCount)
          var partial: UInt32 = 0
          for index in start..<end {
            let difference = Int32(a[index]) &- Int32(b[index])
            partial &+= UInt32(bitPattern: difference &* difference)
          }
          sum &+= UInt64(partial)
          start = end
        }
      }
    }
    lumaMeanSquaredError = lumaCount > 0 ? Double(sum) / Double(lumaCount) : 0
    isExact = picture == reference
  }

  /// 10 log10(255² / mse); nil for mse 0.
  static func psnr(_ meanSquaredError: Double) -> Double? {
    guard meanSquaredError > 0 else { return nil }
    return 10 * log10(255 * 255 / meanSquaredError)
  }

  /// Rounded to 0.001 dB for reports.
  static func rounded(_ value: Double?) -> Double? {
    value.map { ($0 * 1000).rounded() / 1000 }
  }
}
