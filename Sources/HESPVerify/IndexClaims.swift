import Foundation
import HESPAVC
import HESPCore
import HESPMP4

/// What `frame-index.json` and `sabre-movie.json` state beyond the per-frame entries (which the
/// box checks hold against the files): the GOP, segment and init-packet intervals, each track's
/// rates and picture size, and the Sabre movie's segment duration, sizes and bitrates.
enum IndexClaims {
  static func run(_ contents: PackageContents, findings: inout FindingList) {
    let index = contents.frameIndex
    let file = PackageLayout.frameIndex
    let bytes = contents.frameIndexBytes
    for track in index.tracks {
      func field(_ key: String) -> Int {
        JSONFieldLocator.offset(of: key, inObjectWithId: track.id, in: bytes)
      }
      let rates = TrackRates(track, index: index)
      if track.averageBitsPerSecond != rates.averageBitsPerSecond {
        findings.add(
          file, field("averageBitsPerSecond"),
          "track \(track.id): averageBitsPerSecond \(track.averageBitsPerSecond), but its segments hold \(rates.averageBitsPerSecond) b/s"
        )
      }
      if track.peakBitsPerSecond != rates.peakBitsPerSecond {
        findings.add(
          file, field("peakBitsPerSecond"),
          "track \(track.id): peakBitsPerSecond \(track.peakBitsPerSecond), but its largest full segment runs at \(rates.peakBitsPerSecond) b/s"
        )
      }
      let keyframes = track.frames.indices.filter { track.frames[$0].isKeyframe }
      let gop = max(1, index.gopFrames)
      if keyframes != Array(stride(from: 0, to: track.frames.count, by: gop)) {
        findings.add(
          file, JSONFieldLocator.offset(of: "gopFrames", in: bytes),
          "gopFrames \(index.gopFrames), but track \(track.id) has keyframes at frames \(Verifier.listing(keyframes))"
        )
      }
      let segmentFrames = max(1, index.segmentDurationFrames)
      if let wrong = track.segments.first(where: { segment in
        segment.firstFrame != segment.id * segmentFrames
          || segment.frameCount != min(segmentFrames, track.frames.count - segment.firstFrame)
      }) {
        findings.add(
          file, JSONFieldLocator.offset(of: "segmentDurationFrames", in: bytes),
          "segmentDurationFrames \(index.segmentDurationFrames), but track \(track.id) segment \(wrong.id) holds frames \(wrong.firstFrame)..<\(wrong.firstFrame + wrong.frameCount)"
        )
      }
      let interval = max(1, index.initializationIntervalFrames)
      let packets = track.frames.indices.filter { track.frames[$0].initPacketByteCount > 0 }
      if packets != Array(stride(from: 0, to: track.frames.count, by: interval)) {
        findings.add(
          file, JSONFieldLocator.offset(of: "initializationIntervalFrames", in: bytes),
          "initializationIntervalFrames \(index.initializationIntervalFrames), but track \(track.id) has init packets for frames \(Verifier.listing(packets))"
        )
      }
    }
    sabreMovie(contents, findings: &findings)
  }

  /// The track's picture size against the SPS of its header (cropped size).
  static func pictureSize(
    _ track: FrameIndex.Track, header: CMAFHeader, contents: PackageContents,
    findings: inout FindingList
  ) {
    let sets =
      (try? AVCParameterSets(header.sampleEntry.avc))?.sequenceParameterSets.values.sorted {
        $0.seqParameterSetId < $1.seqParameterSetId
      } ?? []
    guard sets.contains(where: { $0.width != track.width || $0.height != track.height }) else {
      return
    }
    let sizes = sets.map { "\($0.width)x\($0.height)" }.joined(separator: ", ")
    findings.add(
      PackageLayout.frameIndex,
      JSONFieldLocator.offset(of: "width", inObjectWithId: track.id, in: contents.frameIndexBytes),
      "track \(track.id): width x height \(track.width)x\(track.height), but video/\(track.id)/header.mp4's SPS code \(sizes) (cropped)"
    )
  }

  private static func sabreMovie(_ contents: PackageContents, findings: inout FindingList) {
    let file = PackageLayout.sabreMovie
    guard let bytes = PackageContents.bytes(contents.root, file) else {
      findings.add(file, 0, "missing (every hesp package has one)")
      return
    }
    let movie: SabreMovie
    do {
      movie = try JSONDecoder().decode(SabreMovie.self, from: Data(bytes))
    } catch {
      findings.add(file, 0, "is not a Sabre movie: \(error)")
      return
    }
    let index = contents.frameIndex
    func at(_ key: String) -> Int { JSONFieldLocator.offset(of: key, in: bytes) }
    let milliseconds = Int(
      (Double(index.segmentDurationFrames * index.frameDurationTicks) * 1000
        / Double(index.timescale)).rounded())
    if movie.segmentDurationMs != milliseconds {
      findings.add(
        file, at("segment_duration_ms"),
        "segment_duration_ms \(movie.segmentDurationMs), the segments last \(index.segmentDurationFrames) frames = \(milliseconds) ms"
      )
    }
    let count = index.tracks.map(\.segments.count).min() ?? 0
    let sizes = (0..<count).map { segment in
      index.tracks.map { Double($0.segments[segment].byteCount * 8) }
    }
    if movie.segmentSizesBits != sizes {
      let wrong =
        (0..<max(movie.segmentSizesBits.count, sizes.count)).first { segment in
          segment >= movie.segmentSizesBits.count || segment >= sizes.count
            || movie.segmentSizesBits[segment] != sizes[segment]
        } ?? 0
      findings.add(
        file, at("segment_sizes_bits"),
        "segment_sizes_bits: segment \(wrong) is \(wrong < movie.segmentSizesBits.count ? "\(movie.segmentSizesBits[wrong])" : "absent") bits, the files hold \(wrong < sizes.count ? "\(sizes[wrong])" : "no such segment") (\(movie.segmentSizesBits.count) rows for \(count) segments)"
      )
    }
    let produced = index.tracks.map {
      Double(TrackRates($0, index: index).averageBitsPerSecond) / 1000
    }
    let ascending = zip(produced, produced.dropFirst()).allSatisfy { $0 < $1 }
    let expected = ascending ? produced : index.tracks.map { Double($0.targetBitsPerSecond) / 1000 }
    if movie.bitratesKbps.count != expected.count
      || zip(movie.bitratesKbps, expected).contains(where: { abs($0 - $1) > 0.0005 })
    {
      findings.add(
        file, at("bitrates_kbps"),
        "bitrates_kbps \(movie.bitratesKbps), but the tracks' \(ascending ? "averages" : "targets (the averages do not ascend)") are \(expected)"
      )
    }
  }
}
