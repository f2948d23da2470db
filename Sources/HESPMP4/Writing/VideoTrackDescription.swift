/// The one video track of a CMAF header.
public struct VideoTrackDescription: Sendable, Equatable {
  /// `tkhd`/`trex` track_ID; 1 in hesp packages.
  public var trackId: UInt32
  /// Media timescale in ticks per second (e.g. 15360 for 30 fps, 12800 for 25).
  public var timescale: UInt32
  /// Display size in pixels (`tkhd` as 16.16 fixed point, `avc1` as integers).
  public var width: Int
  /// Display height in pixels.
  public var height: Int
  /// SPS/PPS for `avcC`.
  public var avc: AVCConfiguration
  /// `colr` nclx after `avcC`; nil writes none.
  public var colour: ColourInformation?
  /// `pasp` after `colr`; nil (or square) writes none.
  public var pixelAspectRatio: PixelAspectRatio?

  /// A track description; `trackId` is 1 in hesp packages.
  public init(
    trackId: UInt32 = 1, timescale: UInt32, width: Int, height: Int, avc: AVCConfiguration,
    colour: ColourInformation? = nil, pixelAspectRatio: PixelAspectRatio? = nil
  ) {
    self.colour = colour
    self.pixelAspectRatio = pixelAspectRatio
    self.trackId = trackId
    self.timescale = timescale
    self.width = width
    self.height = height
    self.avc = avc
  }
}
