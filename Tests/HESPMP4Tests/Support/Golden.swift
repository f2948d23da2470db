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

extension TestParameterSets {
  static let configuration = AVCConfiguration(
    sequenceParameterSets: [TestParameterSets.sps], pictureParameterSets: [TestParameterSets.pps])
}
