import Foundation
import HESPCore

/// Checks `manifest.json` against `frame-index.json` and the files: track ids, base URLs,
/// patterns (every init packet and segment must resolve to an existing file), segment lists and
/// codec strings. Findings point at the manifest field's byte offset.
enum ManifestCheck {
  static func run(_ contents: PackageContents, findings: inout FindingList) {
    let manifest = contents.manifest
    let index = contents.frameIndex
    let bytes = contents.manifestBytes
    func at(_ field: String) -> Int { PackageContents.offset(of: "\"\(field)\"", in: bytes) }
    guard manifest.presentations.count == 1, let presentation = manifest.presentations.first else {
      findings.add(
        PackageLayout.manifest, at("presentations"),
        "has \(manifest.presentations.count) presentations, expected 1")
      return
    }
    guard presentation.video.count == 1, let set = presentation.video.first else {
      findings.add(
        PackageLayout.manifest, at("video"),
        "has \(presentation.video.count) video switching sets, expected 1")
      return
    }
    if manifest.manifestVersion != Manifest.version {
      findings.add(
        PackageLayout.manifest, at("manifestVersion"),
        "manifestVersion '\(manifest.manifestVersion)' is not \(Manifest.version)")
    }
    let manifestIds = set.tracks.map(\.id)
    let indexIds = index.tracks.map(\.id)
    if manifestIds != indexIds {
      findings.add(
        PackageLayout.manifest, at("tracks"),
        "track ids \(manifestIds) differ from frame-index.json's \(indexIds)")
    }
    guard let initPattern = set.initializationPattern, let segmentPattern = set.continuationPattern
    else {
      findings.add(
        PackageLayout.manifest, at("video"),
        "the switching set has no initializationPattern or continuationPattern")
      return
    }
    for track in set.tracks {
      guard let indexTrack = index.tracks.first(where: { $0.id == track.id }) else { continue }
      let base = track.baseUrl ?? ""
      if base != PackageLayout.videoFolder(track.id) {
        findings.add(
          PackageLayout.manifest, at("baseUrl"),
          "track \(track.id): baseUrl '\(base)' is not 'video/\(track.id)/'")
        continue
      }
      if track.codecs != indexTrack.codecs {
        findings.add(
          PackageLayout.manifest, at("codecs"),
          "track \(track.id): codecs '\(track.codecs ?? "")' differ from frame-index.json's '\(indexTrack.codecs)'"
        )
      }
      let firstInit = track.startSequenceNumber ?? 0
      let initFrames = indexTrack.frames.indices.filter {
        indexTrack.frames[$0].initPacketByteCount > 0
      }
      if let missing = initFrames.first(where: {
        !exists(
          contents.root,
          base + Manifest.expand(initPattern, placeholder: "initId", with: firstInit + $0))
      }) {
        let name = Manifest.expand(initPattern, placeholder: "initId", with: firstInit + missing)
        findings.add(
          PackageLayout.manifest, at("initializationPattern"),
          "track \(track.id): initializationPattern '\(initPattern)' gives '\(base)\(name)' for init packet \(missing), which does not exist"
        )
      }
      let segmentIds = indexTrack.segments.map(\.id)
      if track.segments.map(\.id) != segmentIds {
        findings.add(
          PackageLayout.manifest, at("segments"),
          "track \(track.id): segment ids differ from frame-index.json's \(segmentIds.count) segments"
        )
      }
      if let first = segmentIds.first, track.startSegmentId != first {
        findings.add(
          PackageLayout.manifest, at("startSegmentId"),
          "track \(track.id): startSegmentId \(track.startSegmentId.map(String.init) ?? "absent") is not \(first)"
        )
      }
      if let missing = track.segments.first(where: {
        !exists(
          contents.root,
          base + Manifest.expand(segmentPattern, placeholder: "segmentId", with: $0.id))
      }) {
        let name = Manifest.expand(segmentPattern, placeholder: "segmentId", with: missing.id)
        findings.add(
          PackageLayout.manifest, at("continuationPattern"),
          "track \(track.id): continuationPattern '\(segmentPattern)' gives '\(base)\(name)' for segment \(missing.id), which does not exist"
        )
      }
    }
  }

  private static func exists(_ root: URL, _ path: String) -> Bool {
    FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path)
  }
}
