import Foundation
import HESPFFmpeg

/// Peak signal-to-noise ratio of 8-bit luma (peak 255).
public enum LumaPSNR {
  /// PSNR values are capped here: identical pictures have an infinite PSNR, which JSON cannot hold.
  public static let maximumDecibels = 100.0

  /// Sum of squared luma differences over the top-left `width` x `height` of both frames.
  public static func squaredErrorSum(_ a: Frame, _ b: Frame, width: Int, height: Int) -> UInt64 {
    a.withLumaPlane { aBase, aStride in
      b.withLumaPlane { bBase, bStride in
        var total: UInt64 = 0
        for y in 0..<height {
          total &+= PictureDifference.squaredErrorSum(aBase + y * aStride, bBase + y * bStride, count: width)
        }
        return total
      }
    }
  }

  /// PSNR in dB for a mean squared error, capped at `maximumDecibels`.
  public static func decibels(meanSquaredError: Double) -> Double {
    guard meanSquaredError > 0 else { return maximumDecibels }
    return min(maximumDecibels, 10 * log10(255.0 * 255.0 / meanSquaredError))
  }

  /// PSNR-Y of `a` against `b` over `width` x `height`.
  public static func decibels(_ a: Frame, _ b: Frame, width: Int, height: Int) -> Double {
    let sum = squaredErrorSum(a, b, width: width, height: height)
    return decibels(meanSquaredError: Double(sum) / Double(width * height))
  }
}
