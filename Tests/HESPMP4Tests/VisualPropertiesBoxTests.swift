import HESPMP4
import HESPTestSupport
import Testing

/// `colr` (nclx) and `pasp` in the `avc1` sample entry: written after `avcC` when asked for,
/// read back by `VisualSampleEntry`, and `tkhd` giving the width as shown.
@Suite struct VisualPropertiesBoxTests {
  static func track(colour: ColourInformation?, aspect: PixelAspectRatio?) -> VideoTrackDescription
  {
    VideoTrackDescription(
      timescale: 12800, width: 160, height: 96, avc: TestParameterSets.configuration,
      colour: colour, pixelAspectRatio: aspect)
  }

  @Test func colrHoldsTheNclxCodePointsAndTheRangeBit() throws {
    let colour = ColourInformation(primaries: 9, transfer: 14, matrix: 9, fullRange: true)
    let header = CMAFWriter.header(Self.track(colour: colour, aspect: nil))
    #expect(header.count == 679)
    let at = try #require(header.firstRange(of: Array("colr".utf8))?.lowerBound)
    #expect(
      Array(header[(at - 4)..<(at + 15)])
        == Hex.bytes("00000013 636f6c72 6e636c78 0009 000e 0009 80"))
    let entry = try MP4File(bytes: header).header().sampleEntry
    #expect(entry.colour == colour)
    #expect(entry.pixelAspectRatio == nil)
  }

  @Test func paspIsWrittenOnlyForPixelsThatAreNotSquare() throws {
    let aspect = PixelAspectRatio(horizontalSpacing: 4, verticalSpacing: 3)
    let header = CMAFWriter.header(Self.track(colour: .bt709, aspect: aspect))
    #expect(header.count == 695)
    let file = try MP4File(bytes: header).header()
    #expect(file.sampleEntry.pixelAspectRatio == aspect)
    #expect(file.sampleEntry.width == 160)
    // tkhd: the width as shown, 160 x 4/3 = 213.
    #expect(file.trackHeader.width == 213)
    let square = CMAFWriter.header(
      Self.track(colour: .bt709, aspect: PixelAspectRatio(horizontalSpacing: 1, verticalSpacing: 1))
    )
    #expect(square.count == 679)
    #expect(square.firstRange(of: Array("pasp".utf8)) == nil)
  }

  @Test func withoutColourOrAspectTheHeaderIsUnchanged() throws {
    #expect(CMAFWriter.header(Self.track(colour: nil, aspect: nil)).count == 660)
  }
}
