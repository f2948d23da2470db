import Foundation
import HESPAVC
import HESPCore
import HESPFFmpeg
import HESPMP4

/// The decode check of one track: for each selected init packet n, decodes header + init packet
/// + the continuation from its emsg pointer up to the next keyframe, and compares every picture
/// with the continuation's own decode. The continuation is decoded once per GOP (only GOPs that
/// hold a selected splice), and its pictures are dropped when the GOP is done.
struct SpliceCheck: Sendable {
  let media: TrackMedia
  let strict: Bool
  /// A frame_num gap is reported, not a failure (`--allow-frame-num-gaps`).
  var allowsFrameNumGaps = false
  /// `--source`: the source pictures at the track's size.
  let source: SourcePictures?
  /// Told after each splice.
  var counter: VerifyProgressCounter?

  struct Outcome: Sendable {
    var splices: [VerifyReport.Splice] = []
    var findings = FindingList()
    /// `--source` pictures that are not the package's source (reported once by the verifier).
    var sourceMismatch: String?
  }

  /// Largest gap (dB) between the continuation's PSNR-Y against `--source` and the packager's
  /// against its own source, over one GOP, for the two to count as the same clip.
  static let sourceTolerance = 0.5

  /// The frames of one GOP (continuation keyframe `start` up to the next, `end`) whose splices
  /// are decoded.
  struct GOP: Sendable {
    var start: Int
    var end: Int
    var frames: [Int]
  }

  /// The GOPs holding the `selected` splices, in order; a frame with no keyframe at or before
  /// it becomes a finding.
  func gops(for selected: [Int]) -> (gops: [GOP], findings: FindingList) {
    var findings = FindingList()
    let keyframes = media.keyframes
    var byGOP: [Int: [Int]] = [:]
    for frame in selected {
      guard let start = keyframes.last(where: { $0 <= frame }) else {
        findings.add(
          media.directory + "init-\(frame).m4s", 0,
          "no continuation keyframe at or before frame \(frame)")
        continue
      }
      byGOP[start, default: []].append(frame)
    }
    let gops = byGOP.keys.sorted().map { start in
      GOP(
        start: start, end: keyframes.first(where: { $0 > start }) ?? media.continuation.count,
        frames: byGOP[start] ?? [])
    }
    return (gops, findings)
  }

  /// Decodes the splices of `gops`, in order (with `--source`, the GOPs of a track must come
  /// in ascending order through one `SpliceCheck`: the source is read front to back).
  func run(_ gops: [GOP]) -> Outcome {
    var outcome = Outcome()
    let continuationSets = Result { try AVCParameterSets(media.configuration) }
    for gop in gops {
      let (start, end) = (gop.start, gop.end)
      let samples = (start..<end).compactMap { media.continuation[$0]?.data }
      guard samples.count == end - start else {
        for frame in gop.frames {
          outcome.findings.add(
            media.directory + "init-\(frame).m4s", 0,
            "cannot decode the splice: continuation frames \(start)..<\(end) are not all readable")
        }
        continue
      }
      let reference = SampleDecoder.decode(
        decoderConfigurationRecord: media.decoderConfigurationRecord, samples: samples)
      if !reference.errors.isEmpty || reference.pictureCount != end - start {
        let file =
          media.directory + PackageLayout.segment(media.continuation[start]?.segmentId ?? 0)
        outcome.findings.add(
          file, media.continuation[start]?.byteOffset ?? 0,
          "continuation frames \(start)..<\(end) decode to \(reference.pictureCount) pictures with errors \(reference.errors)"
        )
        continue
      }
      var sourcePictures: [[UInt8]]?
      if let source, outcome.sourceMismatch == nil {
        do {
          sourcePictures = try source.pictures(start..<end)
          if sourcePictures == nil {
            outcome.findings.add("--source", 0, "the source ends before frame \(end)")
          }
        } catch {
          outcome.findings.add("--source", 0, "decoding the source failed: \(error)")
        }
        if let pictures = sourcePictures,
          let mismatch = sourceMismatch(pictures, reference: reference, start: start)
        {
          outcome.sourceMismatch = mismatch
          sourcePictures = nil
        }
      }
      for frame in gop.frames {
        guard let packet = media.initPackets[frame] else { continue }
        var splice = check(
          packet, gopStart: start, continuation: Array(samples[(frame - start + 1)...]),
          reference: reference, parameterSets: continuationSets)
        if let sourcePictures, splice.decodeErrors.isEmpty {
          compareWithSource(
            &splice, sourcePictures: Array(sourcePictures[(frame - start)...]),
            reference: Array(reference.pictures[(frame - start)...]), width: reference.width,
            height: reference.height)
        }
        if !splice.decodeErrors.isEmpty {
          outcome.findings.add(
            packet.file, packet.dataOffset,
            "splice decode failed: \(splice.decodeErrors.joined(separator: "; "))")
        }
        if let mismatch = splice.pictureMismatch {
          outcome.findings.add(packet.file, packet.dataOffset, mismatch)
        }
        if !allowsFrameNumGaps, let gap = splice.frameNumGapAtFrame {
          outcome.findings.add(
            packet.file, 0,
            "frame_num gap after the init IDR at continuation frame \(gap): not conformant H.264, decoders such as OpenH264 drop frames (package without --no-splice-safe-frame-num, or pass --allow-frame-num-gaps)"
          )
        }
        if splice.renumberedSpliceIdentical == false {
          outcome.findings.add(
            packet.file, 0,
            "--strict: the frame_num-renumbered splice is not gap-free or decodes differently")
        }
        outcome.splices.append(splice)
        counter?.spliceDone()
      }
    }
    return outcome
  }

  private func check(
    _ packet: TrackMedia.InitPacket, gopStart: Int, continuation: [[UInt8]],
    reference: SampleDecoder.Output,
    parameterSets: Result<AVCParameterSets, any Error>
  ) -> VerifyReport.Splice {
    let frame = packet.frame
    let stream = [packet.data] + continuation
    // frame_num first (headers only): a splice with a gap is decoded again renumbered under
    // --strict, which needs this decode's pictures.
    var gapFrame: Int?
    var headerError: String?
    var setsPerSample: [AVCParameterSets] = []
    do {
      let initSets = try AVCParameterSets(packet.configuration)
      setsPerSample =
        [initSets] + Array(repeating: try parameterSets.get(), count: continuation.count)
      gapFrame = try FrameNumberSequence.firstGap(stream, parameterSets: setsPerSample).map {
        frame + $0
      }
    } catch {
      headerError = "slice header: \(error)"
    }
    // Each picture is compared as it comes out of the decoder; the comparisons count only if
    // the decode as a whole had no error.
    var comparisons: [PictureComparison] = []
    var worstInitBlock = (meanSquaredError: 0.0, x: 0, y: 0)
    var initSquaredError: UInt64?
    let decoded = SampleDecoder.decode(
      decoderConfigurationRecord: packet.decoderConfigurationRecord, samples: stream,
      keepsPictures: strict && gapFrame != nil
    ) { number, picture in
      guard number < stream.count, picture.width == reference.width,
        picture.height == reference.height
      else { return }
      comparisons.append(
        PictureComparison(picture, against: reference.pictures[frame - gopStart + number]))
      if number == 0 {
        worstInitBlock = InitPictureCheck.worstBlock(
          picture, against: reference.pictures[frame - gopStart])
        initSquaredError = PictureDifference.squaredErrorSum(
          picture, packed: reference.pictures[frame - gopStart])
      }
    }
    var errors = decoded.errors
    if decoded.pictureCount != stream.count {
      errors.append("\(decoded.pictureCount) pictures decoded from \(stream.count) samples")
    }
    if decoded.width != reference.width || decoded.height != reference.height {
      errors.append(
        "picture size \(decoded.width)x\(decoded.height), the continuation's is \(reference.width)x\(reference.height)"
      )
    }
    var psnrs: [Double?] = []
    var squaredErrorSum = 0.0
    var exact = 0
    for comparison in comparisons where errors.isEmpty {
      psnrs.append(PictureComparison.rounded(comparison.psnrYDecibels))
      squaredErrorSum += comparison.lumaMeanSquaredError
      if comparison.isExact { exact += 1 }
    }
    var renumberedIdentical: Bool?
    if let headerError { errors.append(headerError) }
    if strict && gapFrame != nil {
      do {
        // The experiment's fix, relative to this splice: renumber and decode again.
        let renumbered =
          [packet.data]
          + (try FrameNumberSequence.renumbered(
            continuation, parameterSets: try parameterSets.get()))
        let gapFree =
          try FrameNumberSequence.firstGap(renumbered, parameterSets: setsPerSample) == nil
        let again = SampleDecoder.decode(
          decoderConfigurationRecord: packet.decoderConfigurationRecord, samples: renumbered)
        renumberedIdentical = gapFree && again.errors.isEmpty && again.pictures == decoded.pictures
      } catch {
        errors.append("slice header: \(error)")
      }
    }
    var mismatch: String?
    let recorded =
      frame < media.recordedInitSquaredErrorSums.count
      ? media.recordedInitSquaredErrorSums[frame] : nil
    if errors.isEmpty, let first = comparisons.first {
      if let recorded, let measured = initSquaredError, UInt64(max(0, recorded)) != measured {
        mismatch =
          "the init picture is \(measured) (sum of squared Y, Cb, Cr differences) from continuation frame \(frame), the packager recorded \(recorded) (initSquaredErrorSum): the IDR's bytes changed and still decode"
      } else if InitPictureCheck.isLossless(packet.configuration) {
        if let different = comparisons.firstIndex(where: { !$0.isExact }) {
          mismatch =
            "lossless init packet, but spliced picture \(different) (frame \(frame + different)) differs from the continuation's"
        }
      } else {
        mismatch = InitPictureCheck.problem(
          worst: worstInitBlock, pictureMeanSquaredError: first.lumaMeanSquaredError)
      }
    }
    let finite = psnrs.compactMap { $0 }
    let mean = psnrs.isEmpty ? nil : PictureComparison.psnr(squaredErrorSum / Double(psnrs.count))
    return VerifyReport.Splice(
      initFrame: frame, frameCount: psnrs.count, psnrYDecibels: psnrs,
      meanPSNRYDecibels: PictureComparison.rounded(mean), minPSNRYDecibels: finite.min(),
      exactFrameCount: exact,
      decodeErrors: errors, frameNumGapAtFrame: gapFrame,
      renumberedSpliceIdentical: renumberedIdentical,
      psnrYVsSourceDecibels: nil, continuationPSNRYVsSourceDecibels: nil, pictureMismatch: mismatch)
  }

  /// Why `pictures` (source frames `start...`) are not the package's source: the continuation
  /// is much further from them than the packager measured from its own source; nil when close.
  private func sourceMismatch(_ pictures: [[UInt8]], reference: SampleDecoder.Output, start: Int)
    -> String?
  {
    let count = min(pictures.count, reference.pictures.count)
    let recorded = (start..<start + count).compactMap {
      $0 < media.recordedPSNRYDecibels.count ? media.recordedPSNRYDecibels[$0] : nil
    }
    guard count > 0, recorded.count == count else { return nil }
    let measured = (0..<count).reduce(0.0) {
      $0
        + PictureComparison(
          reference.pictures[$1], against: pictures[$1], width: reference.width,
          height: reference.height
        ).lumaMeanSquaredError
    }
    let expected = recorded.reduce(0.0) { $0 + 255 * 255 / pow(10, $1 / 10) }
    guard let now = PictureComparison.psnr(measured / Double(count)),
      let then = PictureComparison.psnr(expected / Double(count)),
      abs(now - then) > Self.sourceTolerance
    else { return nil }
    return String(
      format:
        "track %@ frames %d-%d: the continuation is at %.2f dB PSNR-Y against it, %.2f dB against the source it was packaged from",
      media.id, start, start + count - 1, now, then)
  }

  /// Fills the splice's PSNR-Y against the source, and the continuation's over the same frames.
  private func compareWithSource(
    _ splice: inout VerifyReport.Splice, sourcePictures: [[UInt8]], reference: [[UInt8]],
    width: Int, height: Int
  ) {
    guard let packet = media.initPackets[splice.initFrame] else { return }
    let stream =
      [packet.data]
      + ((splice.initFrame + 1)..<(splice.initFrame + splice.frameCount)).compactMap {
        media.continuation[$0]?.data
      }
    let decoded = SampleDecoder.decode(
      decoderConfigurationRecord: packet.decoderConfigurationRecord, samples: stream)
    guard decoded.pictureCount == splice.frameCount, sourcePictures.count >= splice.frameCount
    else { return }
    var spliced = 0.0
    var continuation = 0.0
    for position in 0..<splice.frameCount {
      spliced +=
        PictureComparison(
          decoded.pictures[position], against: sourcePictures[position], width: width,
          height: height
        ).lumaMeanSquaredError
      continuation +=
        PictureComparison(
          reference[position], against: sourcePictures[position], width: width, height: height
        ).lumaMeanSquaredError
    }
    let count = Double(splice.frameCount)
    splice.psnrYVsSourceDecibels = PictureComparison.rounded(
      PictureComparison.psnr(spliced / count))
    splice.continuationPSNRYVsSourceDecibels = PictureComparison.rounded(
      PictureComparison.psnr(continuation / count))
  }
}
