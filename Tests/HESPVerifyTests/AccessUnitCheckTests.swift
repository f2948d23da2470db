import HESPAVC
import HESPMP4
import Testing

@testable import HESPVerify

/// An init sample is one access unit with one picture, and no parameter-set id means two things:
/// what a decoder reading an init packet on its own relies on.
@Suite struct AccessUnitCheckTests {
  // Minimal units: an SPS and PPS that parse (160x96 High, ids 0), an IDR and a P slice header byte.
  static let sps: [UInt8] = [0x67, 0x64, 0x00, 0x0A, 0xAC, 0xD9, 0x42, 0x8D, 0xF9, 0x20]
  static let pps: [UInt8] = [0x68, 0xEB, 0xE3, 0xCB, 0x22, 0xC0]
  static let idr: [UInt8] = [0x65, 0x88, 0x84, 0x00]
  static let idrSecondSlice: [UInt8] = [0x65, 0x40, 0x84, 0x00]  // first_mb_in_slice != 0
  static let sei: [UInt8] = [0x06, 0x05, 0x01, 0x00, 0x80]

  func sample(_ units: [[UInt8]]) -> [UInt8] { NALUnits.joinedLengthPrefixed(units) }
  var configuration: AVCConfiguration {
    AVCConfiguration(sequenceParameterSets: [Self.sps], pictureParameterSets: [Self.pps])
  }

  @Test func anIDRWithItsSEIAndSlicesIsOneAccessUnit() {
    #expect(
      AccessUnitCheck.problem(
        sample([Self.sei, Self.idr, Self.idrSecondSlice]), configuration: configuration) == nil)
    #expect(
      AccessUnitCheck.problem(sample([Self.sps, Self.pps, Self.idr]), configuration: configuration)
        == nil)
  }

  @Test func parameterSetsAfterThePictureStartAnAccessUnitWithoutAPicture() throws {
    // The old --init-lossless sample: IDR, then the continuation's SPS and PPS.
    let problem = try #require(
      AccessUnitCheck.problem(sample([Self.idr, Self.sps, Self.pps]), configuration: configuration))
    #expect(problem.contains("NAL unit 1 (type 7)") && problem.contains("without a picture"))
    #expect(
      AccessUnitCheck.problem(sample([Self.idr, Self.idr]), configuration: configuration)?.contains(
        "second picture") == true)
    #expect(
      AccessUnitCheck.problem(sample([Self.sei]), configuration: configuration)
        == "the sample holds no slice")
  }

  @Test func anSPSThatRedefinesAnIdOfTheHeaderIsReported() throws {
    var other = Self.sps
    other[3] = 0x1E  // level 3.0: same id 0, other bytes
    let problem = try #require(
      AccessUnitCheck.problem(sample([other, Self.idr]), configuration: configuration))
    #expect(problem.contains("SPS with id 0 that differs"))
    let twice = AVCConfiguration(
      sequenceParameterSets: [Self.sps, other], pictureParameterSets: [Self.pps])
    #expect(AccessUnitCheck.duplicateIds(twice) == "two different SPS with seq_parameter_set_id 0")
    #expect(AccessUnitCheck.duplicateIds(configuration) == nil)
  }
}
