import Foundation
import HESPCore
import HESPFFmpeg

/// What one rendition worker produces: the rung, its size, and the package-wide settings.
public struct TrackPlan: Sendable {
  public var id: String
  public var width: Int
  public var height: Int
  public var targetBitsPerSecond: Int
  /// Pixel shape of the rung (`pasp`, VUI sar), 1:1 unless a `<w>x<h>` rung differs from the
  /// displayed aspect ratio.
  public var pixelAspectWidth = 1
  public var pixelAspectHeight = 1
  /// Colour tags of the rung (VUI, `colr`), limited range.
  public var colour: ColourTags = .bt709
  public var grid: FrameGrid
  public var gopFrames: Int
  public var segmentFrames: Int
  public var initIntervalFrames: Int
  public var initQP: Int
  public var initLossless: Bool
  /// Rewrite continuation P pictures with `SpliceSafeFrameNumbering`.
  public var spliceSafeFrameNum: Bool
  public var preset: String
  public var encoderThreadCount: Int
  /// `OUT.partial-*/video/<id>/` (where `TrackWriter` writes; `hesp live` writes its own files).
  public var directory: URL

  public init(
    id: String, width: Int, height: Int, targetBitsPerSecond: Int, pixelAspectWidth: Int = 1,
    pixelAspectHeight: Int = 1, colour: ColourTags = .bt709, grid: FrameGrid, gopFrames: Int, segmentFrames: Int,
    initIntervalFrames: Int, initQP: Int, initLossless: Bool, spliceSafeFrameNum: Bool, preset: String,
    encoderThreadCount: Int, directory: URL
  ) {
    self.id = id
    self.width = width
    self.height = height
    self.targetBitsPerSecond = targetBitsPerSecond
    self.pixelAspectWidth = pixelAspectWidth
    self.pixelAspectHeight = pixelAspectHeight
    self.colour = colour
    self.grid = grid
    self.gopFrames = gopFrames
    self.segmentFrames = segmentFrames
    self.initIntervalFrames = initIntervalFrames
    self.initQP = initQP
    self.initLossless = initLossless
    self.spliceSafeFrameNum = spliceSafeFrameNum
    self.preset = preset
    self.encoderThreadCount = encoderThreadCount
    self.directory = directory
  }

  public var hasSquarePixels: Bool { pixelAspectWidth == pixelAspectHeight }

  /// The pixel shape that shows `width` x `height` at the aspect ratio of a picture displayed
  /// at `displayWidth` x `displayHeight`: 1:1 when it matches to within half a pixel of width.
  public static func pixelAspect(
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
  public static let chunkOverheadBytes = 112
  public static let segmentTypeBytes = 24

  /// The container's share of the target, bits per second.
  public var containerBitsPerSecond: Int {
    let perFrame = Double(Self.chunkOverheadBytes) + Double(Self.segmentTypeBytes) / Double(segmentFrames)
    return Int((perFrame * 8 * grid.framesPerSecond).rounded())
  }

  /// What x264 is asked for: the target less the container's share, so the delivered stream
  /// (what the manifest and the Sabre movie state) meets the target; at least half the target.
  public var encoderBitsPerSecond: Int {
    max(targetBitsPerSecond / 2, targetBitsPerSecond - containerBitsPerSecond)
  }

  /// VBV cap of the continuation: peak = the encoder's rate, buffer = 2 s at that rate.
  public var maxBitsPerSecond: Int { encoderBitsPerSecond }
  public var bufferBits: Int { encoderBitsPerSecond * 2 }
}

extension TrackPlan {
  /// The continuation encoder's settings (DESIGN.md §2.1).
  public var continuationEncoderSettings: EncoderSettings { RenditionEncoder.continuationSettings(self) }

  /// The init encoder's settings: the continuation's plus constant QP, `ipratio=1`, an IDR for
  /// every frame, and the continuation SPS's `levelIdc` (so both share one header).
  public func initEncoderSettings(codedWidth: Int, codedHeight: Int, levelIdc: Int?) -> EncoderSettings {
    RenditionEncoder.initSettings(self, codedWidth: codedWidth, codedHeight: codedHeight, levelIdc: levelIdc)
  }
}
