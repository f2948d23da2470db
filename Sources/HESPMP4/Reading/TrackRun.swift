/// `trun` (ISO/IEC 14496-12 §8.8.8), versions 0 and 1 (signed composition offsets).
public struct TrackRun: Sendable, Equatable {
  /// The per-sample fields present in the run (nil where the tfhd/trex default applies).
  public struct Sample: Sendable, Equatable {
    /// sample_duration (flag 0x100).
    public var duration: UInt32?
    /// sample_size (flag 0x200).
    public var size: UInt32?
    /// sample_flags (flag 0x400).
    public var flags: UInt32?
    /// sample_composition_time_offset (flag 0x800; signed in v1).
    public var compositionTimeOffset: Int64?
  }

  /// Runs claiming more samples than this without per-sample fields are rejected as corrupt
  /// (2^20: a few hundred are usual; this bounds a 20-byte box to about 40 MB of samples).
  public static let maximumSampleCount = 1 << 20

  /// 0 or 1 (signed composition offsets).
  public var version: UInt8
  /// tr_flags: which optional fields are present.
  public var flags: UInt32
  /// Offset of the first sample's data from the base data offset (the moof with default-base-is-moof).
  public var dataOffset: Int32?
  /// first_sample_flags (flag 0x004), overriding the first sample's flags.
  public var firstSampleFlags: UInt32?
  /// One entry per sample.
  public var samples: [Sample]

  /// Decodes a `trun` box of `bytes`; throws MP4Error naming the box and offset.
  public init(_ box: MP4Box, in bytes: [UInt8]) throws {
    let full = try BoxDecoding.fullBoxReader(for: box, type: "trun", in: bytes, maximumVersion: 1)
    var reader = full.reader
    version = full.version
    let flags = full.flags
    self.flags = flags
    let sampleCount = Int(try reader.u32("sample_count"))
    dataOffset = flags & 0x001 != 0 ? try reader.i32("data_offset") : nil
    firstSampleFlags = flags & 0x004 != 0 ? try reader.u32("first_sample_flags") : nil
    let bytesPerSample = [0x100, 0x200, 0x400, 0x800].filter { flags & UInt32($0) != 0 }.count * 4
    let fits =
      bytesPerSample == 0
      ? sampleCount <= Self.maximumSampleCount : sampleCount <= reader.remaining / bytesPerSample
    guard fits else {
      throw MP4Error(
        box: "trun", byteOffset: box.offset,
        reason:
          "sample_count \(sampleCount) needs \(sampleCount * bytesPerSample) bytes, \(reader.remaining) left"
      )
    }
    var samples: [Sample] = []
    samples.reserveCapacity(sampleCount)
    for _ in 0..<sampleCount {
      var sample = Sample()
      if flags & 0x100 != 0 { sample.duration = try reader.u32("sample_duration") }
      if flags & 0x200 != 0 { sample.size = try reader.u32("sample_size") }
      if flags & 0x400 != 0 { sample.flags = try reader.u32("sample_flags") }
      if flags & 0x800 != 0 {
        let raw = try reader.u32("sample_composition_time_offset")
        sample.compositionTimeOffset = version == 0 ? Int64(raw) : Int64(Int32(bitPattern: raw))
      }
      samples.append(sample)
    }
    self.samples = samples
  }
}
