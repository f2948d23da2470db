import HESPFFmpeg

/// Small synthetic pictures for packager unit tests.
enum SyntheticFrames {
  static func flat(luma: UInt8, width: Int = 16, height: Int = 16) throws -> Frame {
    let frame = try Frame(width: width, height: height)
    try frame.fill(luma: luma)
    return frame
  }
}
