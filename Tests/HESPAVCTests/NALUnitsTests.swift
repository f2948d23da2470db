import HESPTestSupport
import Testing

@testable import HESPAVC

@Suite struct NALUnitsTests {
  @Test func annexBBecomesFourByteLengthPrefixedUnits() throws {
    let annexB = Hex.bytes("00000001 6588 84 00 000001 419a 00")
    let converted = try NALUnits.lengthPrefixed(fromAnnexB: annexB)
    #expect(converted == Hex.bytes("00000003 658884 00000002 419a"))
  }

  @Test func emulationPreventionBytesStayInTheUnit() throws {
    let annexB = Hex.bytes("000001 65 000003 01 ff")
    #expect(try NALUnits.split(annexB: annexB) == [Hex.bytes("65 000003 01 ff")])
  }

  @Test func lengthPrefixedInputIsRejected() {
    let error = #expect(throws: AVCError.self) {
      try NALUnits.lengthPrefixed(fromAnnexB: Hex.bytes("00000003 658884"))
    }
    #expect(error?.structure == "Annex B")
    #expect(error?.byteOffset == 0)
  }

  @Test func lengthPrefixedUnitsSplitBackAndOverrunsAreRejected() throws {
    let prefixed = Hex.bytes("00000003 658884 00000002 419a")
    #expect(
      try NALUnits.split(lengthPrefixed: prefixed) == [Hex.bytes("658884"), Hex.bytes("419a")])
    let error = #expect(throws: AVCError.self) {
      try NALUnits.split(lengthPrefixed: Hex.bytes("00000003 658884 00000009 419a"))
    }
    #expect(error?.byteOffset == 7)
  }

  @Test func rawByteSequencePayloadDropsEmulationPreventionBytes() {
    #expect(
      NALUnits.rawByteSequencePayload(Hex.bytes("67 000003 00 000003 01"))
        == Hex.bytes("67 0000 00 0000 01"))
  }
}
