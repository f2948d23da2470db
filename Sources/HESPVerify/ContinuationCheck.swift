import HESPCore
import HESPMP4

/// Box conformance of a track's `header.mp4` and continuation segments, against the frame index:
/// styp first, then one moof/mdat per frame with one sample (a chunk may start with a prft), mfhd sequence numbers increasing,
/// tfdt contiguous across segments (frame n at n x frame duration), sync samples holding IDRs,
/// and every frame-index entry (segment, byte offset, chunk bytes, keyframe flag, segment bytes)
/// equal to what the files hold.
enum ContinuationCheck {
  /// The header's decoded boxes, or nil (with a finding) when it is missing or malformed.
  static func header(
    _ contents: PackageContents, _ track: FrameIndex.Track, directory: String,
    findings: inout FindingList
  ) -> (header: CMAFHeader, bytes: [UInt8])? {
    let file = directory + PackageLayout.header
    guard let bytes = PackageContents.bytes(contents.root, file) else {
      findings.add(file, 0, "missing")
      return nil
    }
    do {
      let mp4 = try MP4File(bytes: bytes)
      let header = try mp4.header()
      if mp4.topLevelTypes != ["ftyp", "moov"] {
        findings.add(file, 0, "top-level boxes \(mp4.topLevelTypes), expected [ftyp, moov]")
      }
      if Int(header.timescale) != contents.frameIndex.timescale {
        findings.add(
          file, 0,
          "timescale \(header.timescale) differs from frame-index.json's \(contents.frameIndex.timescale)"
        )
      }
      if header.trackExtends == nil {
        findings.add(file, 0, "moov has no mvex/trex (not a fragmented CMAF header)")
      }
      if bytes.count != track.headerByteCount {
        findings.add(
          file, min(bytes.count, track.headerByteCount),
          "has \(bytes.count) bytes, frame-index.json says \(track.headerByteCount)")
      }
      if let duplicate = AccessUnitCheck.duplicateIds(header.sampleEntry.avc) {
        findings.add(file, 0, "avcC holds \(duplicate)")
      }
      if header.sampleEntry.avc.codecString != track.codecs {
        findings.add(
          file, 0,
          "avcC codec string \(header.sampleEntry.avc.codecString) differs from frame-index.json's \(track.codecs)"
        )
      }
      return (header, bytes)
    } catch {
      findings.add(file, error: error)
      return nil
    }
  }

  /// A segment whose frames cannot be read (missing, truncated, unparsable): reported once by
  /// the verifier, with the init packets whose splices need it.
  struct DamagedSegment: Sendable {
    var file: String
    var byteOffset: Int
    var message: String
    /// Frames of the segment that cannot be read.
    var frames: Range<Int>
  }

  /// Reads every segment; returns the samples by frame (nil where unreadable) and the segments
  /// that could not be read, which are not in `findings`.
  static func segments(
    _ contents: PackageContents, _ track: FrameIndex.Track, directory: String, header: CMAFHeader,
    findings: inout FindingList
  ) -> (samples: [TrackMedia.ContinuationSample?], damaged: [DamagedSegment]) {
    var damaged: [DamagedSegment] = []
    let index = contents.frameIndex
    let duration = index.frameDurationTicks
    var samples = [TrackMedia.ContinuationSample?](repeating: nil, count: track.frames.count)
    var previousSequence: UInt32?
    var nextFrame = 0
    if track.frames.count != index.frameCount {
      findings.add(
        PackageLayout.frameIndex, 0,
        "track \(track.id) has \(track.frames.count) frames, frameCount is \(index.frameCount)")
    }
    for segment in track.segments {
      let file = directory + PackageLayout.segment(segment.id)
      if segment.firstFrame != nextFrame {
        findings.add(
          file, 0,
          "segment \(segment.id) starts at frame \(segment.firstFrame), the previous one ended at \(nextFrame) (gap or overlap)"
        )
      }
      nextFrame = segment.firstFrame + segment.frameCount
      let segmentFrames = segment.firstFrame..<max(segment.firstFrame, nextFrame)
      guard let bytes = PackageContents.bytes(contents.root, file) else {
        damaged.append(
          .init(
            file: file, byteOffset: 0,
            message: "missing (frame-index.json lists segment \(segment.id))", frames: segmentFrames
          ))
        continue
      }
      let sizeNote =
        bytes.count == segment.byteCount
        ? nil : "has \(bytes.count) bytes, frame-index.json says \(segment.byteCount)"
      let sizeOffset = min(bytes.count, segment.byteCount)
      let mp4: MP4File
      let fragments: [MovieFragment]
      do {
        mp4 = try MP4File(bytes: bytes)
        fragments = try mp4.fragments(defaults: header.trackExtends)
      } catch {
        let (offset, reason) =
          (error as? MP4Error).map {
            ($0.byteOffset, "box '\($0.box)' at byte \($0.byteOffset): \($0.reason)")
          } ?? (0, "\(error)")
        let truncated = bytes.count < segment.byteCount
        let message =
          truncated
          ? "truncated: has \(bytes.count) of the \(segment.byteCount) bytes frame-index.json lists (\(reason))"
          : [sizeNote, reason].compactMap { $0 }.joined(separator: "; ")
        damaged.append(
          .init(
            file: file, byteOffset: truncated ? sizeOffset : offset, message: message,
            frames: segmentFrames))
        continue
      }
      if fragments.count < segment.frameCount {
        // Cut at a box boundary: the frames after the last whole chunk are gone.
        let message = [
          sizeNote,
          "holds \(fragments.count) chunks, frame-index.json says \(segment.frameCount) frames",
        ].compactMap { $0 }
        damaged.append(
          .init(
            file: file, byteOffset: sizeNote == nil ? bytes.count : sizeOffset,
            message: message.joined(separator: "; "),
            frames: (segment.firstFrame + fragments.count)..<max(
              segment.firstFrame + fragments.count, nextFrame)))
      } else if let sizeNote {
        findings.add(file, sizeOffset, sizeNote)
      }
      // A chunk may start with a `prft` (CMAF allows it before a moof; `hesp live` writes one
      // per chunk with the capture time): the chunk then runs from the prft to its mdat's end.
      let boxes = mp4.boxes
      let chunkBoxes = boxes.indices.filter { position in
        !(boxes[position].type == "prft" && position + 1 < boxes.count
          && boxes[position + 1].type == "moof")
      }
      var chunkStart: [Int: Int] = [:]
      for position in boxes.indices.dropFirst() where boxes[position].type == "moof" {
        if boxes[position - 1].type == "prft" {
          chunkStart[boxes[position].offset] = boxes[position - 1].offset
        }
      }
      let types = chunkBoxes.map { boxes[$0].type }
      if types.first != "styp" {
        findings.add(
          file, 0, "does not start with 'styp' (starts with '\(types.first ?? "nothing")')")
      }
      let expectedTypes =
        ["styp"] + Array(repeating: ["moof", "mdat"], count: fragments.count).flatMap { $0 }
      if types != expectedTypes {
        let bad =
          (0..<min(types.count, expectedTypes.count)).first { types[$0] != expectedTypes[$0] }
          ?? min(types.count, expectedTypes.count)
        let offset = bad < chunkBoxes.count ? boxes[chunkBoxes[bad]].offset : bytes.count
        findings.add(
          file, offset,
          "box \(bad) is '\(bad < types.count ? types[bad] : "end of file")', expected '\(bad < expectedTypes.count ? expectedTypes[bad] : "end of file")'"
        )
      }
      if let brands = try? mp4.segmentType(), let first = fragments.first?.samples.first,
        !first.isSync, ([brands.majorBrand] + brands.compatibleBrands).contains("cmfs")
      {
        findings.add(
          file, mp4.boxes.first?.offset ?? 0,
          "styp claims the CMAF segment brand 'cmfs' but the segment starts with a non-sync sample (a CMAF segment starts with a SAP)"
        )
      }
      if fragments.count > segment.frameCount {
        findings.add(
          file, bytes.count,
          "holds \(fragments.count) chunks, frame-index.json says \(segment.frameCount) frames")
      }
      for (position, fragment) in fragments.enumerated() {
        let frame = segment.firstFrame + position
        let at = chunkStart[fragment.moof.offset] ?? fragment.moof.offset
        let chunkByteCount = fragment.byteRange.upperBound - at
        if let previousSequence, fragment.sequenceNumber <= previousSequence {
          findings.add(
            file, at,
            "mfhd sequence number \(fragment.sequenceNumber) does not increase (previous \(previousSequence))"
          )
        }
        previousSequence = fragment.sequenceNumber
        guard fragment.samples.count == 1, let sample = fragment.samples.first else {
          findings.add(
            file, at, "moof holds \(fragment.samples.count) samples, expected 1 per chunk")
          continue
        }
        let expectedTime = UInt64(frame * duration)
        if sample.decodeTimeTicks != expectedTime {
          findings.add(
            file, at,
            "frame \(frame): tfdt \(sample.decodeTimeTicks) is not \(expectedTime) (gap or overlap in the timeline)"
          )
        }
        if Int(sample.durationTicks) != duration {
          findings.add(
            file, at,
            "frame \(frame): sample duration \(sample.durationTicks) is not the frame duration \(duration)"
          )
        }
        let data = mp4.data(of: sample)
        let hasIDR = SampleInspection.containsIDR(data)
        if sample.isSync != hasIDR {
          findings.add(
            file, sample.dataRange.lowerBound,
            "frame \(frame): sample is \(sample.isSync ? "sync" : "non-sync") but \(hasIDR ? "holds" : "holds no") IDR slice"
          )
        }
        guard frame < track.frames.count else {
          findings.add(
            file, at, "frame \(frame) is beyond frame-index.json's \(track.frames.count) frames")
          continue
        }
        let entry = track.frames[frame]
        if entry.segmentId != segment.id || entry.byteOffset != at
          || entry.chunkByteCount != chunkByteCount
          || entry.isKeyframe != sample.isSync
        {
          findings.add(
            PackageLayout.frameIndex, 0,
            "track \(track.id) frame \(frame): segment \(entry.segmentId) offset \(entry.byteOffset) bytes \(entry.chunkByteCount) keyframe \(entry.isKeyframe), but \(file) has it at \(at), \(chunkByteCount) bytes, keyframe \(sample.isSync)"
          )
        }
        samples[frame] = TrackMedia.ContinuationSample(
          frame: frame, segmentId: segment.id, byteOffset: at, isSync: sample.isSync, data: data)
      }
    }
    if nextFrame != track.frames.count {
      findings.add(
        PackageLayout.frameIndex, 0,
        "track \(track.id): segments cover \(nextFrame) frames, the track has \(track.frames.count)"
      )
    }
    if let first = samples.first, let sample = first, !sample.isSync {
      findings.add(directory + "content-0.m4s", sample.byteOffset, "frame 0 is not a keyframe")
    }
    return (samples, damaged)
  }
}
