import HESPAVC
import HESPCore
import HESPTestSupport
import Testing

@testable import HESPMP4

@Suite struct AVCConfigurationTests {
  let sps = TestParameterSets.sps
  let pps = TestParameterSets.pps

  @Test func annexBExtradataKeepsOnlyTheParameterSets() throws {
    let sei = Hex.bytes("0605 0102 80")
    let extradata = [0, 0, 0, 1] + sps + [0, 0, 0, 1] + pps + [0, 0, 1] + sei
    let configuration = try AVCConfiguration(extradata: extradata)
    #expect(configuration.sequenceParameterSets == [sps])
    #expect(configuration.pictureParameterSets == [pps])
  }

  @Test func avcCExtradataParsesToTheSameConfiguration() throws {
    let record = TestParameterSets.configuration.decoderConfigurationRecord
    #expect(try AVCConfiguration(extradata: record) == TestParameterSets.configuration)
  }

  @Test func theRecordOfAHighProfileStreamCarriesTheChromaAndBitDepthExtension() {
    let expected =
      Hex.bytes("01 64 00 0b ff e1 0018") + sps + Hex.bytes("01 0006") + pps
      + Hex.bytes("fd f8 f8 00")
    #expect(TestParameterSets.configuration.decoderConfigurationRecord == expected)
  }

  @Test func theRecordOfABaselineStreamHasNoExtension() throws {
    // Baseline 66, constraint_set0+1, level 3.0; sps id 0, log2_max_frame_num 4, poc type 2,
    // 1 ref, 20x15 macroblocks (320x240), frame_mbs_only, no cropping, no VUI.
    let baseline = Hex.bytes("67 42 c0 1e") + bitPacked("1 1 011 010 0 000010100 0001111 1 1 0 0")
    let configuration = AVCConfiguration(
      sequenceParameterSets: [baseline], pictureParameterSets: [pps])
    let record = configuration.decoderConfigurationRecord
    #expect(record.count == 6 + 2 + baseline.count + 1 + 2 + pps.count)
    #expect(configuration.codecString == "avc1.42c01e")
    let parsed = try configuration.sequenceParameterSet
    #expect(parsed.width == 320 && parsed.height == 240)
  }

  @Test func theCodecStringIsProfileCompatibilityAndLevelInLowercaseHex() {
    #expect(TestParameterSets.configuration.codecString == "avc1.64000b")
  }

  @Test func theSequenceParameterSetGivesTheCroppedPictureSize() throws {
    let parsed = try TestParameterSets.configuration.sequenceParameterSet
    #expect(parsed.width == 160)
    #expect(parsed.height == 96)
    #expect(parsed.chromaFormatIdc == 1)
    #expect(parsed.bitDepthLumaMinus8 == 0)
    #expect(parsed.frameNumBitCount >= 4)
  }

  @Test func extradataWithoutAPictureParameterSetIsRejected() {
    #expect(throws: MP4Error.self) { try AVCConfiguration(extradata: [0, 0, 0, 1] + sps) }
  }

  @Test func emptyOrGarbageExtradataIsRejectedWithItsName() {
    let empty = #expect(throws: MP4Error.self) { try AVCConfiguration(extradata: []) }
    #expect(empty?.box == "extradata")
    #expect(throws: AVCError.self) { try AVCConfiguration(extradata: [0x42, 0x42, 0x42]) }
  }

  @Test func aTruncatedAvcCRecordIsRejectedWithTheOffset() {
    let record = TestParameterSets.configuration.decoderConfigurationRecord
    for length in 0..<(record.count - 4) {
      #expect(throws: MP4Error.self) {
        try AVCConfiguration(extradata: Array(record.prefix(length)))
      }
    }
  }

  @Test func aTruncatedSequenceParameterSetIsRejected() {
    let error = #expect(throws: AVCError.self) {
      try SequenceParameterSet(nalUnit: Array(sps.prefix(6)))
    }
    #expect(error?.structure == "SPS")
  }

  @Test func corruptedParameterSetsAndExtradataThrowOrParseButNeverTrap() {
    var generator = SplitMix64(seed: 264)
    let record = TestParameterSets.configuration.decoderConfigurationRecord
    let annexB = [0, 0, 0, 1] + sps + [0, 0, 0, 1] + pps
    var rejected = 0
    for _ in 0..<4000 {
      for original in [sps, record, annexB] {
        var bytes = original
        for _ in 0..<Int.random(in: 1...3, using: &generator) {
          bytes[Int.random(in: 1..<bytes.count, using: &generator)] = UInt8.random(
            in: 0...255, using: &generator)
        }
        bytes.removeLast(Int.random(in: 0..<4, using: &generator))
        do {
          if original == sps {
            _ = try SequenceParameterSet(nalUnit: bytes)
          } else {
            let configuration = try AVCConfiguration(extradata: bytes)
            _ = configuration.decoderConfigurationRecord
            _ = configuration.codecString
          }
        } catch is MP4Error {
          rejected += 1
        } catch is AVCError {
          rejected += 1
        } catch {
          Issue.record("unexpected error \(error)")
        }
      }
    }
    #expect(rejected > 1000)
  }

  /// Bits written as "0 1 1" (spaces ignored) packed MSB-first, then the RBSP stop bit.
  private func bitPacked(_ text: String) -> [UInt8] {
    var bits = text.filter { $0 == "0" || $0 == "1" }.map { $0 == "1" ? UInt8(1) : 0 }
    bits.append(1)
    while bits.count % 8 != 0 { bits.append(0) }
    return stride(from: 0, to: bits.count, by: 8).map { start in
      bits[start..<start + 8].reduce(0) { ($0 << 1) | $1 }
    }
  }
}
