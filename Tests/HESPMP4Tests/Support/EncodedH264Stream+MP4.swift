import HESPMP4
import HESPTestSupport

/// The test stream as an MP4 track carries it: avcC and samples at 25 fps.
extension EncodedH264Stream {
  static let timescale: UInt32 = 12800
  static let frameDurationTicks: UInt32 = 512  // 25 fps

  var configuration: AVCConfiguration {
    AVCConfiguration(
      sequenceParameterSets: sequenceParameterSets, pictureParameterSets: pictureParameterSets)
  }

  /// One sample per access unit, one frame duration apart.
  var samples: [MP4Sample] {
    accessUnits.enumerated().map { index, unit in
      MP4Sample(
        data: unit.data, decodeTimeTicks: UInt64(index) * UInt64(Self.frameDurationTicks),
        durationTicks: Self.frameDurationTicks, isSync: unit.isSync)
    }
  }

  func track(width: Int = 160, height: Int = 96) -> VideoTrackDescription {
    VideoTrackDescription(
      timescale: Self.timescale, width: width, height: height, avc: configuration)
  }
}
