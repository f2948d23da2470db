/// A decoded `moof` + `mdat` pair (one CMAF chunk) with every sample's timing, flags and the
/// byte range of its data, resolved against `tfhd` and `trex` defaults.
public struct MovieFragment: Sendable, Equatable {
  /// One sample with every field resolved.
  public struct Sample: Sendable, Equatable {
    /// tfdt + the durations of the samples before it, in media ticks.
    public var decodeTimeTicks: UInt64
    /// In media ticks.
    public var durationTicks: UInt32
    /// Presentation minus decode time.
    public var compositionOffsetTicks: Int64
    /// The sample flags (see `SampleFlags`).
    public var flags: UInt32
    /// Byte range of the sample's data in the parsed buffer (inside the mdat payload).
    public var dataRange: Range<Int>
    /// `sample_is_non_sync_sample` is clear.
    public var isSync: Bool { SampleFlags.isSync(flags) }
  }

  /// The `moof` box.
  public var moof: MP4Box
  /// The `mdat` box right after it.
  public var mdat: MP4Box
  /// `mfhd` sequence_number.
  public var sequenceNumber: UInt32
  /// `traf/tfhd`.
  public var trackFragmentHeader: TrackFragmentHeader
  /// `traf/tfdt`.
  public var decodeTime: TrackFragmentDecodeTime
  /// Every `traf/trun`, in order.
  public var runs: [TrackRun]
  /// The samples of all runs, in decode order.
  public var samples: [Sample]

  /// The `tfhd` track_ID.
  public var trackId: UInt32 { trackFragmentHeader.trackId }
  /// Bytes of the moof through the end of its mdat.
  public var byteRange: Range<Int> { moof.offset..<mdat.range.upperBound }

  /// Decodes `moof` (one `traf`, as CMAF tracks have) and checks that every sample lies in
  /// `mdat`'s payload. `defaults` (the header's `trex`) fill fields absent from tfhd/trun.
  public init(moof: MP4Box, mdat: MP4Box, in bytes: [UInt8], defaults: TrackExtends? = nil) throws {
    guard moof.type == "moof", mdat.type == "mdat" else {
      throw MP4Error(
        box: moof.type, byteOffset: moof.offset, reason: "expected a 'moof' followed by an 'mdat'")
    }
    self.moof = moof
    self.mdat = mdat
    sequenceNumber = try MovieFragmentHeader(try moof.requiredChild("mfhd"), in: bytes)
      .sequenceNumber
    let trafs = moof.children("traf")
    guard trafs.count == 1, let traf = trafs.first else {
      throw MP4Error(
        box: "moof", byteOffset: moof.offset, reason: "has \(trafs.count) 'traf' boxes, expected 1")
    }
    let tfhdBox = try traf.requiredChild("tfhd")
    trackFragmentHeader = try TrackFragmentHeader(tfhdBox, in: bytes)
    decodeTime = try TrackFragmentDecodeTime(try traf.requiredChild("tfdt"), in: bytes)
    if let defaults, defaults.trackId != trackFragmentHeader.trackId {
      throw MP4Error(
        box: "tfhd", byteOffset: tfhdBox.offset,
        reason:
          "track_ID \(trackFragmentHeader.trackId) is not the header's track \(defaults.trackId)")
    }
    let runBoxes = traf.children("trun")
    runs = try runBoxes.map { try TrackRun($0, in: bytes) }

    let header = trackFragmentHeader
    var base = moof.offset
    if let baseDataOffset = header.baseDataOffset {
      guard baseDataOffset <= UInt64(bytes.count) else {
        throw MP4Error(
          box: "tfhd", byteOffset: tfhdBox.offset,
          reason: "base_data_offset \(baseDataOffset) is past the end")
      }
      base = Int(baseDataOffset)
    }
    var decodeTimeTicks = decodeTime.baseMediaDecodeTime
    var samples: [Sample] = []
    var nextDataStart = base
    for (run, runBox) in zip(runs, runBoxes) {
      if let dataOffset = run.dataOffset { nextDataStart = base + Int(dataOffset) }
      for (index, entry) in run.samples.enumerated() {
        func resolve(_ values: UInt32?..., name: String) throws -> UInt32 {
          guard let value = values.lazy.compactMap({ $0 }).first else {
            throw MP4Error(
              box: "trun", byteOffset: runBox.offset,
              reason: "sample \(index) has no \(name) and no default")
          }
          return value
        }
        let duration = try resolve(
          entry.duration, header.defaultSampleDuration, defaults?.defaultSampleDuration,
          name: "duration")
        let size = try resolve(
          entry.size, header.defaultSampleSize, defaults?.defaultSampleSize, name: "size")
        let flags = try resolve(
          index == 0 ? run.firstSampleFlags : nil, entry.flags, header.defaultSampleFlags,
          defaults?.defaultSampleFlags,
          name: "flags")
        let dataRange = nextDataStart..<nextDataStart + Int(size)
        guard dataRange.lowerBound >= mdat.payloadRange.lowerBound,
          dataRange.upperBound <= mdat.payloadRange.upperBound
        else {
          throw MP4Error(
            box: "trun", byteOffset: runBox.offset,
            reason:
              "sample \(index) data \(dataRange) lies outside the mdat payload \(mdat.payloadRange)"
          )
        }
        samples.append(
          Sample(
            decodeTimeTicks: decodeTimeTicks, durationTicks: duration,
            compositionOffsetTicks: entry.compositionTimeOffset ?? 0, flags: flags,
            dataRange: dataRange))
        decodeTimeTicks &+= UInt64(duration)
        nextDataStart = dataRange.upperBound
      }
    }
    self.samples = samples
  }
}
