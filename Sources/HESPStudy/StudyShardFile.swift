import Foundation
import HESPCore
import HESPProtocols

/// The on-disk form of a shard: `shard.json` (the study header, K and N, the session count) and
/// `sessions.jsonl` (one line per session, `{"index":…,"result":{…}}`, in index order), plus
/// `timelines/` when the study draws them.
enum StudyShardFile {
  struct Manifest: Codable {
    var format = "hesp-study-shard"
    var version = 1
    var shard: StudyShard
    var sessionCount: Int
    var header: StudyHeader
  }

  struct Line: Codable {
    var index: Int
    var result: ProtocolSessionResult
  }

  static let manifestName = "shard.json"
  static let sessionsName = "sessions.jsonl"

  /// Writes one shard's sessions as they arrive, and its manifest at the end.
  final class Writer {
    let directory: URL
    let header: StudyHeader
    let shard: StudyShard
    private let sessions: FileHandle
    private var count = 0
    private let encoder = CanonicalJSON.encoder(pretty: false)

    init(directory: URL, header: StudyHeader, shard: StudyShard) throws {
      self.directory = directory
      self.header = header
      self.shard = shard
      sessions = try StudyWriter.create(directory, StudyShardFile.sessionsName, "")
    }

    func add(_ result: ProtocolSessionResult, index: Int) throws {
      var data = try encoder.encode(Line(index: index, result: result))
      data.append(0x0A)
      do { try sessions.write(contentsOf: data) } catch {
        throw ProtocolInputError("\(directory.path): cannot write (\(error.localizedDescription))")
      }
      count += 1
    }

    func finish() throws {
      try? sessions.close()
      let manifest = Manifest(shard: shard, sessionCount: count, header: header)
      let url = directory.appendingPathComponent(StudyShardFile.manifestName)
      do { try CanonicalJSON.data(manifest).write(to: url) } catch {
        throw ProtocolInputError("\(url.path): cannot write (\(error.localizedDescription))")
      }
    }
  }

  /// A complete set of shards of one study, checked, read back in session order.
  struct Set {
    let header: StudyHeader
    /// Shard directories by shard number − 1.
    let directories: [String]
    let manifests: [Manifest]

    init(directories given: [String]) throws {
      guard !given.isEmpty else { throw ProtocolInputError("merge: give the shard folders") }
      var loaded: [(String, Manifest)] = []
      for directory in given {
        let url = URL(fileURLWithPath: directory).appendingPathComponent(
          StudyShardFile.manifestName)
        guard let data = try? Data(contentsOf: url) else {
          throw ProtocolInputError(
            "\(directory): not a study shard (no \(StudyShardFile.manifestName))")
        }
        guard let manifest = try? JSONDecoder().decode(Manifest.self, from: data),
          manifest.format == "hesp-study-shard",
          manifest.version == 1
        else {
          throw ProtocolInputError(
            "\(directory)/\(StudyShardFile.manifestName): not a valid shard manifest")
        }
        loaded.append((directory, manifest))
      }
      let (firstDirectory, first) = loaded[0]
      for (directory, manifest) in loaded.dropFirst() {
        if let difference = manifest.header.difference(from: first.header) {
          throw ProtocolInputError(
            "\(directory): a shard of another study than \(firstDirectory): \(difference)")
        }
        guard manifest.shard.count == first.shard.count else {
          throw ProtocolInputError(
            "\(directory): shard \(manifest.shard) of a study cut into \(manifest.shard.count), \(firstDirectory) into \(first.shard.count)"
          )
        }
      }
      var byNumber = [(String, Manifest)?](repeating: nil, count: first.shard.count)
      for (directory, manifest) in loaded {
        if let (other, _) = byNumber[manifest.shard.number - 1] {
          throw ProtocolInputError(
            "\(directory): shard \(manifest.shard) is given twice (also \(other))")
        }
        byNumber[manifest.shard.number - 1] = (directory, manifest)
      }
      let missing = byNumber.indices.filter { byNumber[$0] == nil }.map {
        "\($0 + 1)/\(first.shard.count)"
      }
      guard missing.isEmpty else {
        throw ProtocolInputError(
          "merge: shard\(missing.count > 1 ? "s" : "") \(missing.joined(separator: ", ")) missing")
      }
      header = first.header
      directories = byNumber.map { $0!.0 }
      manifests = byNumber.map { $0!.1 }
      for (directory, manifest) in zip(directories, manifests) {
        let expected = (0..<header.sessionCount).filter { manifest.shard.owns($0) }.count
        guard manifest.sessionCount == expected else {
          throw ProtocolInputError(
            "\(directory): holds \(manifest.sessionCount) of its \(expected) sessions")
        }
      }
    }

    /// Calls `body` for every session of the study, in index order.
    func forEachSession(_ body: (Int, ProtocolSessionResult) throws -> Void) throws {
      var readers = try directories.map {
        try LineReader(path: ($0 as NSString).appendingPathComponent(StudyShardFile.sessionsName))
      }
      let decoder = JSONDecoder()
      for index in 0..<header.sessionCount {
        let slot = index % directories.count
        guard let line = try readers[slot].next() else {
          throw ProtocolInputError(
            "\(directories[slot])/\(StudyShardFile.sessionsName): ends before session \(index)")
        }
        guard let parsed = try? decoder.decode(Line.self, from: line), parsed.index == index else {
          throw ProtocolInputError(
            "\(directories[slot])/\(StudyShardFile.sessionsName): line for session \(index) is missing or damaged"
          )
        }
        try body(index, parsed.result)
      }
    }

    /// Copies every shard's timelines into `directory/timelines`.
    func copyTimelines(into directory: URL) throws {
      let target = directory.appendingPathComponent("timelines")
      try? FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
      for shard in directories {
        let source = URL(fileURLWithPath: shard).appendingPathComponent("timelines")
        for name in (try? FileManager.default.contentsOfDirectory(atPath: source.path)) ?? [] {
          do {
            try FileManager.default.copyItem(
              at: source.appendingPathComponent(name), to: target.appendingPathComponent(name))
          } catch {
            throw ProtocolInputError(
              "\(shard)/timelines/\(name): cannot copy (\(error.localizedDescription))")
          }
        }
      }
    }
  }
}
