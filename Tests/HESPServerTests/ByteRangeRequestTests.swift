import HESPServer
import Testing

/// One byte range per request, parsed strictly; everything else is refused (416).
@Suite struct ByteRangeRequestTests {
  @Test func theDraftsContinuationRangeRunsToTheEnd() {
    let range = ByteRangeRequest(header: "bytes=100-9007199254740991")
    #expect(range == .from(first: 100, last: 9_007_199_254_740_991))
    #expect(range?.resolve(size: 1993) == 100...1992)
    #expect(range?.resolve(size: 100) == nil)
  }

  @Test func closedOpenAndSuffixRangesResolve() {
    #expect(ByteRangeRequest(header: "bytes=0-9")?.resolve(size: 50) == 0...9)
    #expect(ByteRangeRequest(header: "bytes=40-")?.resolve(size: 50) == 40...49)
    #expect(ByteRangeRequest(header: "bytes=-10")?.resolve(size: 50) == 40...49)
    #expect(ByteRangeRequest(header: "bytes=-100")?.resolve(size: 50) == 0...49)
    #expect(ByteRangeRequest(header: "bytes=-0")?.resolve(size: 50) == nil)
  }

  @Test(arguments: [
    "bytes=-5-10", "bytes=10-5", "bytes=99999999999999999999-", "bytes=0-99999999999999999999",
    "bytes=0-1,3-4",
    "bytes=", "bytes=-", "items=0-1", "bytes=a-b", "bytes=+1-2", "bytes=0x10-", "garbage", "",
  ])
  func malformedRangesAreRefused(header: String) {
    #expect(ByteRangeRequest(header: header) == nil)
  }
}
