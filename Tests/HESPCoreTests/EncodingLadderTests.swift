import Testing

@testable import HESPCore

@Suite struct LadderTests {
  @Test func aLadderParsesHeightsAndBitratesAndSortsByBitrate() throws {
    let ladder = try EncodingLadder(parsing: "720p@3000k,360p@600k,480p@1.2M")
    #expect(ladder.renditions.map(\.height) == [360, 480, 720])
    #expect(ladder.renditions.map(\.targetBitsPerSecond) == [600_000, 1_200_000, 3_000_000])
    #expect(ladder.trackIds == ["360p", "480p", "720p"])
  }

  @Test func anExplicitSizeKeepsItsWidth() throws {
    let rendition = try Rendition(parsing: "960x540@2000k")
    #expect(rendition.width == 960)
    #expect(rendition.resolvedWidth(sourceWidth: 1280, sourceHeight: 720) == 960)
    #expect(rendition.description == "960x540@2000k")
  }

  @Test func theWidthFollowsTheSourceAspectRatioRoundedToEven() {
    #expect(
      Rendition(height: 480, targetBitsPerSecond: 1).resolvedWidth(
        sourceWidth: 1280, sourceHeight: 720) == 854)
    #expect(
      Rendition(height: 360, targetBitsPerSecond: 1).resolvedWidth(
        sourceWidth: 1920, sourceHeight: 1080) == 640)
    #expect(
      Rendition(height: 720, targetBitsPerSecond: 1).resolvedWidth(
        sourceWidth: 1281, sourceHeight: 720) == 1280)
  }

  @Test func rungsSharingAHeightGetTheirBitrateInTheTrackId() throws {
    #expect(
      try EncodingLadder(parsing: "720p@3000k,720p@4500k").trackIds == ["720p-3000k", "720p-4500k"])
  }

  @Test(arguments: [
    ("720p", "expected <height>p@<bitrate>k"), ("720@3000k", "is not <height>p"),
    ("720p@fast", "is not a number"),
    ("721p@3000k", "even"), ("0p@3000k", "even"), ("720p@5k", "at least 10k"),
    ("abcxdef@1k", "is not <height>p"),
    ("", "empty"), ("720p@3000k,720p@3000k", "same height and bitrate"),
  ])
  func aMalformedRungIsRejectedWithItsSpecAndReason(spec: String, reason: String) {
    #expect {
      _ = try EncodingLadder(parsing: spec)
    } throws: { error in
      let text = String(describing: error)
      return text.contains(reason) && text.contains("'")
    }
  }

  @Test func aRungLargerThanTheSourceIsRejected() throws {
    let ladder = try EncodingLadder(parsing: "1080p@5000k")
    #expect(throws: LadderError.self) { try ladder.validate(sourceWidth: 1280, sourceHeight: 720) }
    #expect(throws: Never.self) {
      try EncodingLadder(parsing: "720p@3000k").validate(sourceWidth: 1280, sourceHeight: 720)
    }
  }

  @Test func theDerivedLadderTakesTheThreeLargestStandardRungsNotAboveTheSource() {
    #expect(
      EncodingLadder.derived(sourceWidth: 1280, sourceHeight: 720).renditions.map(\.height) == [
        360, 480, 720,
      ])
    #expect(
      EncodingLadder.derived(sourceWidth: 1920, sourceHeight: 1080).renditions.map(\.height) == [
        480, 720, 1080,
      ])
    #expect(
      EncodingLadder.derived(sourceWidth: 320, sourceHeight: 192).renditions.map(\.height) == [144])
    #expect(
      EncodingLadder.derived(sourceWidth: 160, sourceHeight: 90).renditions.map(\.height) == [90])
  }
}
