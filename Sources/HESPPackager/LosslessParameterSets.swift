import HESPAVC
import HESPMP4

/// `--init-lossless`: the init IDRs are High 4:4:4 Predictive (QP 0, transform bypass) with
/// their own SPS and PPS, encoded under id 1 (`sps-id=1`) while the continuation's are id 0.
/// Both sets go into the one `header.mp4` avcC, lossless SPS first so that the avcC's profile
/// and the codec string (`avc1.f4…`) describe what the init packets carry. An init sample is
/// then one access unit (just the IDR): it decodes on its own, no id is defined twice, and the
/// continuation's next P slice refers to PPS 0 / SPS 0, which the decoder has from the header.
enum LosslessParameterSets {
  /// seq_parameter_set_id and pic_parameter_set_id of the lossless init encoder.
  static let initParameterSetId = 1

  /// Lowest QP of a lossless package's continuation. After a lossless IDR (transform bypass at
  /// QP 0), FFmpeg's h264 decoder keeps bypass dequantisation tables for QP 0 when the stream
  /// goes back to the continuation's SPS, even past later IDRs: any continuation block at luma
  /// or chroma QP 0 then decodes differently from the continuation alone (seen on `testsrc` at
  /// 600 kb/s, chroma only). With QP'Y >= 13, QP'Y and QP'C stay above 0 for every chroma offset
  /// H.264 allows (-12...12), so no block reaches those tables; content that x264 would code
  /// below QP 13 is coded at 13 (over 50 dB PSNR-Y).
  static let continuationMinimumQP = 13

  /// The avcC content of a lossless track: the lossless SPS, the continuation's SPS, then both
  /// PPS. Throws when an id is used by both (x264 did not take `sps-id`).
  static func combined(continuation: AVCConfiguration, lossless: AVCConfiguration, track: String)
    throws
    -> AVCConfiguration
  {
    let continuationSets = try AVCParameterSets(continuation)
    let losslessSets = try AVCParameterSets(lossless)
    let sharedSPS = Set(continuationSets.sequenceParameterSets.keys).intersection(
      losslessSets.sequenceParameterSets.keys)
    let sharedPPS = Set(continuationSets.pictureParameterSets.keys).intersection(
      losslessSets.pictureParameterSets.keys)
    guard sharedSPS.isEmpty, sharedPPS.isEmpty else {
      throw PackagingError.encodingFailed(
        track: track,
        reason:
          "the lossless init encoder's parameter sets reuse the continuation's ids (SPS \(sharedSPS.sorted()), PPS \(sharedPPS.sorted()))"
      )
    }
    let both = AVCConfiguration(
      sequenceParameterSets: lossless.sequenceParameterSets + continuation.sequenceParameterSets,
      pictureParameterSets: continuation.pictureParameterSets + lossless.pictureParameterSets)
    try both.validate()
    return both
  }
}
