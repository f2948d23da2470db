import HESPAVC
import HESPMP4

/// H.264 frame_num continuity of a spliced stream (ITU-T H.264 §7.4.3, with
/// `gaps_in_frame_num_value_allowed_flag` 0): after an IDR, or after a reference picture with
/// memory_management_control_operation 5, PrevRefFrameNum is 0; every other picture's
/// frame_num must be PrevRefFrameNum + 1 (mod MaxFrameNum).
enum FrameNumberSequence {
  /// Index in `samples` of the first picture that breaks the sequence; nil when gap-free.
  /// `parameterSets[i]` are the SPS/PPS that sample i is decoded with.
  static func firstGap(_ samples: [[UInt8]], parameterSets: [AVCParameterSets]) throws -> Int? {
    var previous: UInt32?
    for (position, (sample, sets)) in zip(samples, parameterSets).enumerated() {
      guard let header = try SliceHeader.firstSlice(inSample: sample, parameterSets: sets) else {
        continue
      }
      if header.nalUnitType == 5 {
        previous = 0
        continue
      }
      guard let last = previous else { return position }
      let maximum = UInt32(1) << UInt32(header.frameNumBitCount)
      if header.frameNum != (last + 1) % maximum { return position }
      if header.nalRefIdc != 0 { previous = header.hasMemoryManagementReset ? 0 : header.frameNum }
    }
    return nil
  }

  /// The continuation samples renumbered 1, 2, 3... after the init IDR (the experiment's
  /// in-place rewrite relative to one splice point, `SliceHeader.rewritingFrameNum`).
  static func renumbered(_ samples: [[UInt8]], parameterSets: AVCParameterSets) throws -> [[UInt8]]
  {
    try samples.enumerated().map { position, sample in
      try SliceHeader.rewritingFrameNum(
        inSample: sample, parameterSets: parameterSets, to: UInt32(position + 1))
    }
  }
}
