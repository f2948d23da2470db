import HESPFFmpeg
import Testing

@testable import HESPVerify

@Suite struct PictureComparisonTests {
  private func frame(luma: UInt8, cb: UInt8 = 128) throws -> Frame {
    let frame = try Frame(width: 34, height: 18)
    try frame.fill(luma: luma, cb: cb)
    return frame
  }

  @Test func comparingAFrameStraightFromItsPlanesEqualsComparingItsPackedCopy() throws {
    let reference = try frame(luma: 103).planeBytes()
    for picture in [try frame(luma: 100), try frame(luma: 103), try frame(luma: 103, cb: 90)] {
      let direct = PictureComparison(picture, against: reference)
      let packed = PictureComparison(
        picture.planeBytes(), against: reference, width: 34, height: 18)
      #expect(direct.lumaMeanSquaredError == packed.lumaMeanSquaredError)
      #expect(direct.isExact == packed.isExact)
    }
    #expect(PictureComparison(try frame(luma: 100), against: reference).lumaMeanSquaredError == 9)
    #expect(PictureComparison(try frame(luma: 103), against: reference).isExact)
    // A chroma difference keeps the luma PSNR infinite but is not exact.
    let chroma = PictureComparison(try frame(luma: 103, cb: 90), against: reference)
    #expect(chroma.psnrYDecibels == nil && !chroma.isExact)
    // A reference of another size is never exact.
    #expect(!PictureComparison(try frame(luma: 103), against: Array(reference.dropLast())).isExact)
  }
}
