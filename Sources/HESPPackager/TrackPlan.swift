import Foundation
import HESPCore
import HESPFFmpeg

/// What one rendition worker produces: the rung, its size, and the package-wide settings.
struct TrackPlan: Sendable {
  var id: String
  var width: Int
  var height: Int
  var targetBitsPerSecond: Int
  /// Pixel shape of the rung (`pasp`, VUI sar), 1:1 unless a `<w>x<h>` rung differs from the
  /// displayed aspect ratio.
  var pixelAspectWidth = 1
  var pixelAspectHeight = 1
  /// Colour tags of the rung (VUI, `colr`), limited range.
  var colour: ColourTags = .bt709
  var grid: FrameGrid
  var gopFrames: Int
  var segmentFrames: Int
  var initIntervalFrames: Int
  var initQP: Int
  var initLossless: Bool
  /// Rewrite continuation P pictures with `SpliceSafeFrameNumbering`.
  var spliceSafeFrameNum: Bool
  var preset: String
  var encoderThreadCount: Int
  /// `OUT.partial-*/video/<id>/`.
  var directory: URL

  var hasSquarePixels: Bool { pixelAspectWidth == pixelAspectHeight }

  /// The pixel shape that shows `width` x `height` at the aspect ratio of a picture displayed
  /// at `displayWidth` x `displayHeight`: 1:1 when it matches to within half a pixel of width.
  static func pixelAspect(
    width: Int, height: Int, displayWidth: Int, displayHeight: Int
  ) -> (Int, Int) {
    let exactWidth = Double(height) * Double(displayWidth) / Double(max(displayHeight, 1))
    if abs(exactWidth - Double(width)) <= 1 { return (1, 1) }
    var a = displayWidth * height
    var b = displayHeight * width
    func gcd(_ x: Int, _ y: Int) -> Int { y == 0 ? max(x, 1) : gcd(y, x % y) }
    let divisor = gcd(a, b)
    a /= divisor
    b /= divisor
    return (a, b)
  }

  /// CMAF bytes around every continuation frame that x264 does not count: `moof` (104) and
  /// `mdat` header (8); the `styp` of each segment is spread over its frames.
  static let chunkOverheadBytes = 112
  static let segmentTypeBytes = 24

  /// The container's share of the target, bits per second.
  var containerBitsPerSecond: Int {
    let perFrame = Double(Self.chunkOverheadBytes) + Double(Self.segmentTypeBytes) / Double(segmentFrames)
    return Int((perFrame * 8 * grid.framesPerSecond).rounded())
  }

  /// What x264 is asked for: the target less the container's share, so the delivered stream
  /// (what the manifest and the Sabre movie state) meets the target; at least half the target.
  var encoderBitsPerSecond: Int {
    max(targetBitsPerSecond / 2, targetBitsPerSecond - containerBitsPerSecond)
  }

  /// VBV cap of the continuation: peak = the encoder's rate, buffer = 2 s at that rate.
  var maxBitsPerSecond: Int { encoderBitsPerSecond }
  var bufferBits: Int { encoderBitsPerSecond * 2 }
}
