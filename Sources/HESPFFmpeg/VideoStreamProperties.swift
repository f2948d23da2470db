import CFFmpeg

/// What a video stream says about how its pictures are shown: rotation, pixel shape, colour,
/// bit depth and interlacing (read from the container and codec parameters).
public struct VideoStreamProperties: Sendable, Equatable {
  /// Clockwise rotation a player applies (degrees, from the display matrix, as FFmpeg's
  /// `autorotate` reads it); nil when the stream has no display matrix.
  public var rotationClockwiseDegrees: Double?
  /// True when the display matrix also mirrors the picture (negative determinant).
  public var isMirrored = false
  /// Sample (pixel) aspect ratio; 0:1 when the stream does not say.
  public var sampleAspectNumerator = 0
  public var sampleAspectDenominator = 1
  /// `progressive`, `tt`, `bb`, `tb`, `bt` or `unknown` (FFmpeg's field order names).
  public var fieldOrder = "unknown"
  public var colour = ColourTags(primaries: 2, transfer: 2, matrix: 2, range: 0)
  /// Bits per luma sample (8, 10, 12).
  public var bitsPerComponent = 8
  /// `4:2:0`, `4:2:2`, `4:4:4` (or `gray`).
  public var chromaSubsampling = "4:2:0"
  /// True for RGB pixel formats (converted to YUV by libswscale).
  public var isRGB = false
  /// Streams that are pictures attached to the file (cover art), not video.
  public var attachedPictureCount = 0

  public init() {}

  /// True when the field order names an interlaced stream.
  public var isInterlaced: Bool { ["tt", "bb", "tb", "bt"].contains(fieldOrder) }

  /// Which field is shown first: tt and bt show the top field first, bb and tb the bottom one.
  public var topFieldShownFirst: Bool? {
    switch fieldOrder {
    case "tt", "bt": return true
    case "bb", "tb": return false
    default: return nil
    }
  }

  static func read(
    _ stream: UnsafeMutablePointer<AVStream>, context: UnsafeMutablePointer<AVFormatContext>
  ) -> VideoStreamProperties {
    var properties = VideoStreamProperties()
    let parameters = stream.pointee.codecpar.pointee
    var size: Int = 0
    if let data = av_stream_get_side_data(stream, AV_PKT_DATA_DISPLAYMATRIX, &size),
      size >= 9 * MemoryLayout<Int32>.size
    {
      let matrix = UnsafeRawPointer(data).assumingMemoryBound(to: Int32.self)
      let rotation = av_display_rotation_get(matrix)
      if rotation.isFinite { properties.rotationClockwiseDegrees = rotation == 0 ? 0 : -rotation }
      let determinant =
        Double(matrix[0]) * Double(matrix[4]) - Double(matrix[1]) * Double(matrix[3])
      properties.isMirrored = determinant < 0
    }
    let sar = av_guess_sample_aspect_ratio(context, stream, nil)
    if sar.num > 0 && sar.den > 0 {
      properties.sampleAspectNumerator = Int(sar.num)
      properties.sampleAspectDenominator = Int(sar.den)
    }
    switch parameters.field_order {
    case AV_FIELD_PROGRESSIVE: properties.fieldOrder = "progressive"
    case AV_FIELD_TT: properties.fieldOrder = "tt"
    case AV_FIELD_BB: properties.fieldOrder = "bb"
    case AV_FIELD_TB: properties.fieldOrder = "tb"
    case AV_FIELD_BT: properties.fieldOrder = "bt"
    default: properties.fieldOrder = "unknown"
    }
    properties.colour = ColourTags(
      primaries: Int(parameters.color_primaries.rawValue),
      transfer: Int(parameters.color_trc.rawValue), matrix: Int(parameters.color_space.rawValue),
      range: Int(parameters.color_range.rawValue))
    if let descriptor = av_pix_fmt_desc_get(AVPixelFormat(rawValue: parameters.format)) {
      let d = descriptor.pointee
      properties.bitsPerComponent = Int(d.comp.0.depth)
      properties.isRGB = d.flags & UInt64(AV_PIX_FMT_FLAG_RGB) != 0
      if d.nb_components < 3 {
        properties.chromaSubsampling = "gray"
      } else {
        switch (d.log2_chroma_w, d.log2_chroma_h) {
        case (0, 0): properties.chromaSubsampling = "4:4:4"
        case (1, 0): properties.chromaSubsampling = "4:2:2"
        case (1, 1): properties.chromaSubsampling = "4:2:0"
        default: properties.chromaSubsampling = "\(d.log2_chroma_w)x\(d.log2_chroma_h)"
        }
      }
    }
    for i in 0..<Int(context.pointee.nb_streams) {
      guard let other = context.pointee.streams[i] else { continue }
      if other.pointee.disposition & AV_DISPOSITION_ATTACHED_PIC != 0 {
        properties.attachedPictureCount += 1
      }
    }
    return properties
  }
}
