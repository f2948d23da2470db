import Foundation

/// Peak signal-to-noise ratio of 8-bit luma (peak 255): the one PSNR of hesp, used by the
/// packager (per-frame PSNR-Y in frame-index.json) and by verify (drift, loss vs source).
/// Identical pictures have an infinite PSNR: `decibels` says so with nil; documents that must
/// hold a number (JSON has no infinity) use `cappedDecibels`, which writes it as 100 dB.
public enum LumaPSNR {
  /// What `cappedDecibels` writes for identical pictures (and the most it writes at all).
  public static let maximumDecibels = 100.0

  /// Sum of squared luma differences over the top-left `width` x `height` of both frames.
  public static func squaredErrorSum(_ a: Frame, _ b: Frame, width: Int, height: Int) -> UInt64 {
    a.withLumaPlane { aBase, aStride in
      b.withLumaPlane { bBase, bStride in
        var total: UInt64 = 0
        for y in 0..<height {
          total &+= PictureDifference.squaredErrorSum(
            aBase + y * aStride, bBase + y * bStride, count: width)
        }
        return total
      }
    }
  }

  /// 10 log10(255² / mse) in dB; nil for identical pictures (mse 0).
  public static func decibels(meanSquaredError: Double) -> Double? {
    guard meanSquaredError > 0 else { return nil }
    return 10 * log10(255.0 * 255.0 / meanSquaredError)
  }

  /// `decibels` for a document: identical pictures (and anything above) as `maximumDecibels`.
  public static func cappedDecibels(meanSquaredError: Double) -> Double {
    min(maximumDecibels, decibels(meanSquaredError: meanSquaredError) ?? maximumDecibels)
  }

  /// Capped PSNR-Y of `a` against `b` over `width` x `height`.
  public static func cappedDecibels(_ a: Frame, _ b: Frame, width: Int, height: Int) -> Double {
    let sum = squaredErrorSum(a, b, width: width, height: height)
    return cappedDecibels(meanSquaredError: Double(sum) / Double(width * height))
  }
}
