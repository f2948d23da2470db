import Foundation
import HESPCore
import HESPPackager

/// `hesp live -o DIR`: the stream's files as they grow, laid out as a `hesp package` output
/// (`video/<track>/header.mp4`, `content-<s>.m4s` appended chunk by chunk, `init-<n>.m4s` per
/// packet), under the project's output rules (`OutputFolder`: refused if DIR exists unless
/// `--force`, staged in `DIR.partial-*` while live, moved in place when the stream ends; a
/// killed process leaves only the staging folder, which the next run removes). When the stream
/// ends, the package documents of what was recorded are written (`frame-index.json`,
/// `sabre-movie.json`, a VoD `manifest.json`: `RecordingDocuments`), so the folder is a package
/// `hesp verify` checks and `hesp serve DIR` plays back.
final class LiveDiskWriter: Sendable {
  let folder: OutputFolder
  let rungs: [RungFiles]

  /// The files of one track: the continuation thread appends, the init thread writes packets.
  // @unchecked: `segment` and `handle` are the continuation thread's only; packets need neither.
  final class RungFiles: @unchecked Sendable {
    let directory: URL
    let recorded: RecordedTrack
    private var segment = -1
    private var handle: FileHandle?

    init(directory: URL, recorded: RecordedTrack) {
      self.directory = directory
      self.recorded = recorded
    }

    func write(_ bytes: [UInt8], to name: String) throws {
      let url = directory.appendingPathComponent(name)
      do { try Data(bytes).write(to: url) } catch {
        throw OutputError.notWritable(path: url.path, reason: error.localizedDescription)
      }
    }

    /// Writes init packet `frame` (again when it is rewritten at the end).
    func writeInit(_ bytes: [UInt8], frame: Int) throws {
      try write(bytes, to: PackageLayout.initPacket(frame))
      recorded.addInitPacket(frame: frame, byteCount: bytes.count)
    }

    /// Appends continuation frame `frame` to `content-<segment>.m4s` (a new segment closes the
    /// previous file); the first `prefixByteCount` bytes are the segment's `styp`.
    func append(
      _ bytes: [UInt8], frame: Int, segment: Int, prefixByteCount: Int, isKeyframe: Bool
    ) throws {
      let url = directory.appendingPathComponent(PackageLayout.segment(segment))
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
      recorded.addChunk(
        frame: frame, segment: segment, byteCount: bytes.count, prefixByteCount: prefixByteCount,
        isKeyframe: isKeyframe)
    }

    func close() { try? handle?.close() }
  }

  init(
    path: String, input: String, force: Bool, plans: [TrackPlan], codecs: [String],
    headers: [[UInt8]]
  ) throws {
    let inputs = FileManager.default.fileExists(atPath: input) ? [input] : []
    let folder = try OutputFolder(path: path, command: "live", inputs: inputs, force: force)
    self.folder = folder
    rungs = try zip(plans, zip(codecs, headers)).map { plan, track in
      RungFiles(
        directory: try folder.makeDirectory(PackageLayout.videoFolder(plan.id)),
        recorded: RecordedTrack(plan: plan, codecs: track.0, headerByteCount: track.1.count))
    }
    for (rung, header) in zip(rungs, headers) { try rung.write(header, to: PackageLayout.header) }
  }

  /// Writes the package documents of what was recorded and moves the folder in place.
  func commit(manifest live: Manifest) throws {
    rungs.forEach { $0.close() }
    let documents = RecordingDocuments(tracks: rungs.map(\.recorded), live: live)
    func json<T: Encodable>(_ value: T) throws -> Data {
      try CanonicalJSON.data(value, newline: true)
    }
    try folder.write(json(documents.frameIndex), to: PackageLayout.frameIndex)
    try folder.write(json(documents.sabreMovie), to: PackageLayout.sabreMovie)
    // The manifest last: a folder with one is a finished package.
    try folder.write(json(documents.manifest), to: PackageLayout.manifest)
    try folder.commit()
  }

  func discard() {
    rungs.forEach { $0.close() }
    folder.discard()
  }
}
