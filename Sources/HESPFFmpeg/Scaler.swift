import CFFmpeg

/// A `SwsContext` converting pictures of one size and format to 4:2:0 8-bit limited range
/// at another size (bicubic).
public final class Scaler {
  let context: OpaquePointer
  public let outputWidth: Int
  public let outputHeight: Int
  /// The input shape it was made for.
  private let inputWidth: Int32
  private let inputHeight: Int32
  private let inputFormat: Int32
  private let inputRange: AVColorRange

  /// A scaler for frames shaped like `sample` to `width` x `height` yuv420p.
  public init(from sample: Frame, toWidth width: Int, height: Int) throws {
    let source = sample.pointer.pointee
    guard
      let context = sws_getContext(
        source.width, source.height, AVPixelFormat(rawValue: source.format), Int32(width),
        Int32(height),
        AV_PIX_FMT_YUV420P, SWS_BICUBIC, nil, nil, nil)
    else { throw FFmpegError(call: "sws_getContext", code: hesp_averror(EINVAL)) }
    self.context = context
    self.outputWidth = width
    self.outputHeight = height
    inputWidth = source.width
    inputHeight = source.height
    inputFormat = source.format
    inputRange = source.color_range
    // Full-range input (yuvj420p or a color_range=pc tag) becomes limited range.
    let fullRange: Int32 =
      source.color_range == AVCOL_RANGE_JPEG
        || source.format == AV_PIX_FMT_YUVJ420P.rawValue ? 1 : 0
    let coefficients = sws_getCoefficients(SWS_CS_DEFAULT)
    _ = sws_setColorspaceDetails(
      context, coefficients, fullRange, coefficients, 0, 0, 1 << 16, 1 << 16)
  }

  deinit { sws_freeContext(context) }

  /// True when `frame` has the size, format and range this scaler was made for (a stream that
  /// changes resolution mid-way needs a new scaler: `sws_scale_frame` fails with EAGAIN).
  public func accepts(_ frame: Frame) -> Bool {
    let shape = frame.pointer.pointee
    return shape.width == inputWidth && shape.height == inputHeight && shape.format == inputFormat
      && shape.color_range == inputRange
  }

  /// A scaler for `frame` to `width` x `height`: `current` when it accepts the frame, nil when
  /// the frame needs no conversion (already that size, 4:2:0 limited range), else a new one.
  public static func fitting(
    _ frame: Frame, width: Int, height: Int, current: Scaler?
  ) throws -> Scaler? {
    if let current, current.accepts(frame) { return current }
    if frame.width == width && frame.height == height && frame.isPlanar420LimitedRange {
      return nil
    }
    return try Scaler(from: frame, toWidth: width, height: height)
  }

  /// A new picture holding `frame` scaled; the timestamp is carried over.
  public func scale(_ frame: Frame) throws -> Frame {
    let output = try Frame(width: outputWidth, height: outputHeight)
    output.pointer.pointee.color_range = AVCOL_RANGE_MPEG
    try check(sws_scale_frame(context, output.pointer, frame.pointer), "sws_scale_frame")
    output.pointer.pointee.pts = frame.pointer.pointee.pts
    output.pointer.pointee.best_effort_timestamp = frame.pointer.pointee.best_effort_timestamp
    return output
  }
}
