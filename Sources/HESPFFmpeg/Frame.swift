import CFFmpeg

/// An owned, reference-counted `AVFrame` (a decoded or scaled picture).
///
/// Sendable because a frame is immutable once produced: the packager hands one decoded frame to
/// several rendition workers, which only read its planes (scaling, PSNR) or make their own
/// reference to it before changing per-use fields (`VideoEncoder.send` does so).
// @unchecked: an owned C pointer; immutable once produced (see above).
public final class Frame: @unchecked Sendable {
  let pointer: UnsafeMutablePointer<AVFrame>

  init() throws {
    guard let frame = av_frame_alloc() else { throw FFmpegError(call: "av_frame_alloc", code: -12) }
    pointer = frame
  }

  /// A new picture with its own buffers, 4:2:0 8-bit, uninitialised.
  public convenience init(width: Int, height: Int) throws {
    try self.init()
    pointer.pointee.width = Int32(width)
    pointer.pointee.height = Int32(height)
    pointer.pointee.format = AV_PIX_FMT_YUV420P.rawValue
    try check(av_frame_get_buffer(pointer, 0), "av_frame_get_buffer")
  }

  /// A new reference to the same buffers (cheap; the buffers are shared, fields copied).
  public func reference() throws -> Frame {
    let copy = try Frame()
    try check(av_frame_ref(copy.pointer, pointer), "av_frame_ref")
    return copy
  }

  deinit {
    var frame: UnsafeMutablePointer<AVFrame>? = pointer
    av_frame_free(&frame)
  }

  public var width: Int { Int(pointer.pointee.width) }
  public var height: Int { Int(pointer.pointee.height) }
  /// Presentation time in the producer's time base, nil when unknown.
  public var presentationTime: Int64? {
    let time = pointer.pointee.best_effort_timestamp
    if time != noTimestamp { return time }
    return pointer.pointee.pts == noTimestamp ? nil : pointer.pointee.pts
  }
  /// FFmpeg's name of the pixel format (`yuv420p`, `yuvj420p`).
  public var pixelFormatName: String {
    guard let name = av_get_pix_fmt_name(AVPixelFormat(rawValue: pointer.pointee.format)) else {
      return "unknown"
    }
    return String(cString: name)
  }
  /// True when the decoder flagged the picture as interlaced (two fields).
  public var isInterlaced: Bool { pointer.pointee.interlaced_frame != 0 }
  /// For an interlaced picture: true when the top field is shown first.
  public var topFieldFirst: Bool { pointer.pointee.top_field_first != 0 }
  /// The picture's colour tags as the decoder (or a filter) set them.
  public var colour: ColourTags {
    ColourTags(
      primaries: Int(pointer.pointee.color_primaries.rawValue),
      transfer: Int(pointer.pointee.color_trc.rawValue),
      matrix: Int(pointer.pointee.colorspace.rawValue),
      range: Int(pointer.pointee.color_range.rawValue))
  }
  /// True for 4:2:0 8-bit limited range (what the encoders take without conversion).
  public var isPlanar420LimitedRange: Bool {
    pointer.pointee.format == AV_PIX_FMT_YUV420P.rawValue
      && pointer.pointee.color_range != AVCOL_RANGE_JPEG
  }

  /// Calls `body` with the luma plane: base address, bytes per row (may exceed `width`).
  public func withLumaPlane<R>(_ body: (UnsafePointer<UInt8>, Int) throws -> R) rethrows -> R {
    try body(UnsafePointer(pointer.pointee.data.0!), Int(pointer.pointee.linesize.0))
  }

  /// One plane of a 4:2:0 picture: base address, bytes per row, visible size.
  public struct Plane {
    public var base: UnsafePointer<UInt8>
    public var bytesPerRow: Int
    public var width: Int
    public var height: Int

    /// Row `row`, `width` bytes.
    public func row(_ row: Int) -> UnsafeBufferPointer<UInt8> {
      UnsafeBufferPointer(start: base + row * bytesPerRow, count: width)
    }
  }

  /// Calls `body` with the Y, Cb and Cr planes cropped to `width` x `height` (planes the frame
  /// does not have are left out). The pointers are valid only inside `body`.
  public func withPlanes<R>(_ body: ([Plane]) throws -> R) rethrows -> R {
    let w = width
    let h = height
    let planes = [
      (pointer.pointee.data.0, pointer.pointee.linesize.0, w, h),
      (pointer.pointee.data.1, pointer.pointee.linesize.1, (w + 1) / 2, (h + 1) / 2),
      (pointer.pointee.data.2, pointer.pointee.linesize.2, (w + 1) / 2, (h + 1) / 2),
    ].compactMap { data, stride, pw, ph in
      data.map { Plane(base: UnsafePointer($0), bytesPerRow: Int(stride), width: pw, height: ph) }
    }
    return try body(planes)
  }

  /// Copy of the three planes cropped to `width` x `height` (for tests and checksums).
  public func planeBytes() -> [UInt8] {
    withPlanes { planes in
      var out: [UInt8] = []
      out.reserveCapacity(planes.reduce(0) { $0 + $1.width * $1.height })
      for plane in planes {
        for row in 0..<plane.height { out.append(contentsOf: plane.row(row)) }
      }
      return out
    }
  }

  /// Fills the picture with a flat colour (tests and synthetic clips).
  public func fill(luma: UInt8, cb: UInt8 = 128, cr: UInt8 = 128) throws {
    try check(av_frame_make_writable(pointer), "av_frame_make_writable")
    let h = height
    let chromaRows = (h + 1) / 2
    guard let y = pointer.pointee.data.0, let u = pointer.pointee.data.1,
      let v = pointer.pointee.data.2
    else {
      throw FFmpegError(call: "av_frame_get_buffer", code: -22, message: "frame has no planes")
    }
    memset(y, Int32(luma), Int(pointer.pointee.linesize.0) * h)
    memset(u, Int32(cb), Int(pointer.pointee.linesize.1) * chromaRows)
    memset(v, Int32(cr), Int(pointer.pointee.linesize.2) * chromaRows)
  }

  /// Writes a pattern that moves with `index` into the luma plane (tests: something to encode).
  public func drawPattern(index: Int) throws {
    try fill(luma: 16)
    let stride = Int(pointer.pointee.linesize.0)
    let base = pointer.pointee.data.0!
    for y in 0..<height {
      for x in 0..<width {
        base[y * stride + x] = UInt8(truncatingIfNeeded: 16 + ((x + 2 * index) ^ (y + index)) % 200)
      }
    }
  }
}
