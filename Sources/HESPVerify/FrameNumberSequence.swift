import HESPMP4

/// H.264 frame_num continuity of a spliced stream (ITU-T H.264 §7.4.3, with
/// `gaps_in_frame_num_value_allowed_flag` 0): after an IDR (frame_num 0) every picture's
/// frame_num must be PrevRefFrameNum + 1 (mod MaxFrameNum).
enum FrameNumberSequence {
  /// Index in `samples` of the first picture that breaks the sequence; nil when gap-free.
  /// `parameterSets[i]` is the SPS that sample i is decoded with.
  static func firstGap(_ samples: [[UInt8]], parameterSets: [SequenceParameterSet]) throws -> Int? {
    var previous: UInt32?
    for (position, (sample, sps)) in zip(samples, parameterSets).enumerated() {
      guard let (header, isReference) = try SampleInspection.firstSlice(sample, sps: sps) else { continue }
      if header.nalUnitType == 5 {
        previous = 0
        continue
      }
      guard let last = previous else { return position }
      let maximum = UInt32(1) << UInt32(header.frameNumBitCount)
      if header.frameNum != (last + 1) % maximum { return position }
      if isReference { previous = header.frameNum }
    }
    return nil
  }

  /// The continuation samples renumbered 1, 2, 3... after the init IDR (the experiment's 4-bit
  /// in-place rewrite, `SliceHeader.rewritingFrameNum`).
  static func renumbered(_ samples: [[UInt8]], sps: SequenceParameterSet) throws -> [[UInt8]] {
    try samples.enumerated().map { position, sample in
      try SliceHeader.rewritingFrameNum(inSample: sample, sps: sps, to: UInt32(position + 1))
    }
  }
}
