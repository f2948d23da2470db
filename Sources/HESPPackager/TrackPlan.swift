import Foundation
import HESPCore

/// What one rendition worker produces: the rung, its size, and the package-wide settings.
struct TrackPlan: Sendable {
  var id: String
  var width: Int
  var height: Int
  var targetBitsPerSecond: Int
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

  /// VBV cap of the continuation: peak = target, buffer = 2 s at the target rate.
  var maxBitsPerSecond: Int { targetBitsPerSecond }
  var bufferBits: Int { targetBitsPerSecond * 2 }
}
