import Foundation
import HESPCore

/// `hesp live -o DIR`: the stream's files as they grow, laid out as a `hesp package` output
/// (`video/<track>/header.mp4`, `content-<s>.m4s` appended chunk by chunk, `init-<n>.m4s` per
/// packet), under the project's output rules (`OutputFolder`: refused if DIR exists unless
/// `--force`, staged in `DIR.partial-*` while live, moved in place when the stream ends). At the
/// end `manifest.json` describes the recording as VoD, so `hesp serve DIR` plays it back.
final class LiveDiskWriter: Sendable {
  let folder: OutputFolder
  let rungs: [RungFiles]

  /// The files of one track: the continuation thread appends, the init thread writes packets.
  // @unchecked: `segment` and `handle` are the continuation thread's only; packets need neither.
  final class RungFiles: @unchecked Sendable {
    let directory: URL
    private var segment = -1
    private var handle: FileHandle?

    init(directory: URL) { self.directory = directory }

    func write(_ bytes: [UInt8], to name: String) throws {
      let url = directory.appendingPathComponent(name)
      do { try Data(bytes).write(to: url) } catch {
        throw OutputError.notWritable(path: url.path, reason: error.localizedDescription)
      }
    }

    /// Appends to `content-<segment>.m4s` (a new segment closes the previous file).
    func append(_ bytes: [UInt8], segment: Int) throws {
      let url = directory.appendingPathComponent("content-\(segment).m4s")
      do {
        if segment != self.segment {
          try handle?.close()
          FileManager.default.createFile(atPath: url.path, contents: nil)
          handle = try FileHandle(forWritingTo: url)
          self.segment = segment
        }
        try handle?.write(contentsOf: bytes)
      } catch {
        throw OutputError.notWritable(path: url.path, reason: error.localizedDescription)
      }
    }

    func close() { try? handle?.close() }
  }

  init(path: String, input: String, force: Bool, trackIds: [String], headers: [[UInt8]]) throws {
    let inputs = FileManager.default.fileExists(atPath: input) ? [input] : []
    let folder = try OutputFolder(path: path, command: "live", inputs: inputs, force: force)
    self.folder = folder
    rungs = try trackIds.map { RungFiles(directory: try folder.makeDirectory("video/\($0)")) }
    for (rung, header) in zip(rungs, headers) { try rung.write(header, to: "header.mp4") }
  }

  /// Writes the VoD manifest of what was recorded and moves the folder in place.
  func commit(manifest live: Manifest) throws {
    rungs.forEach { $0.close() }
    var manifest = live
    manifest.streamType = "vod"
    manifest.activePresentation = nil
    manifest.currentTime = nil
    manifest.timeSource = nil
    if let end = manifest.presentations.first?.timeBounds.endTime {
      manifest.availabilityDuration = Manifest.ScaledValue(
        value: end, scale: manifest.presentations[0].timeBounds.scale)
    }
    for p in manifest.presentations.indices {
      for s in manifest.presentations[p].video.indices {
        for t in manifest.presentations[p].video[s].tracks.indices {
          let track = manifest.presentations[p].video[s].tracks[t]
          let segments =
            (try? FileManager.default.contentsOfDirectory(
              atPath: folder.url("video/\(track.id)").path)) ?? []
          let ids = segments.compactMap { name -> Int? in
            guard name.hasPrefix("content-"), name.hasSuffix(".m4s") else { return nil }
            return Int(name.dropFirst("content-".count).dropLast(".m4s".count))
          }.sorted()
          manifest.presentations[p].video[s].tracks[t].segments = ids.map {
            Manifest.SegmentReference(id: $0)
          }
        }
      }
    }
    try folder.write(manifest.jsonData() + Data([0x0A]), to: "manifest.json")
    try folder.commit()
  }

  func discard() {
    rungs.forEach { $0.close() }
    folder.discard()
  }
}
