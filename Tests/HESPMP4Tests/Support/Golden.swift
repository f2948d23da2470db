import Foundation
import HESPMP4
import HESPTestSupport

/// Checked-in golden files under `Fixtures/Golden/MP4/` (`HESPTestSupport.GoldenFile`:
/// `HESP_UPDATE_GOLDEN=1 swift test` rewrites them; review the diff before committing).
enum Golden {
  /// The golden bytes of `name`; writes `actual` first when updating goldens.
  static func bytes(_ name: String, updatingWith actual: [UInt8]) throws -> [UInt8] {
    try GoldenFile.expectedBytes("MP4/" + name, actual: actual)
  }
}

/// Hex helpers for readable inline byte literals.
enum Hex {
  /// `"00 0a ff"` (whitespace ignored) to bytes; the literal is test code, so bad hex is a bug.
  static func bytes(_ text: String) -> [UInt8] {
    let digits = Array(text.filter { !$0.isWhitespace })
    precondition(digits.count % 2 == 0, "odd hex literal")
    return stride(from: 0, to: digits.count, by: 2).map {
      UInt8(String(digits[$0...$0 + 1]), radix: 16)!
    }
  }

  static func string(_ bytes: [UInt8]) -> String {
    bytes.map { String(format: "%02x", $0) }.joined()
  }
}

/// Parameter sets of a 160x96 libx264 encode of testsrc2 (High profile, level 1.1).
enum TestParameterSets {
  static let sps = Hex.bytes("6764000bacb2051b6022000003000200000300641e285490")
  static let pps = Hex.bytes("68ebc3cb22c0")
  static let configuration = AVCConfigurationFixture.make()
}

enum AVCConfigurationFixture {
  static func make() -> AVCConfiguration {
    AVCConfiguration(
      sequenceParameterSets: [TestParameterSets.sps], pictureParameterSets: [TestParameterSets.pps])
  }
}
