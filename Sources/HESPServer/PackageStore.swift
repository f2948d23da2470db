import Foundation
import HESPCore
import NIOCore

/// A `hesp package` output served as VoD: the files found at start (`PackageFiles`), held in
/// memory within the budget, the HESP manifest read for the URL space of each track.
public struct PackageStore: HESPStore {
  public let name: String
  public let streamType = StreamType.vod
  public let tracks: [StoreTrack]
  /// Bytes of this package held in memory, and files read from disk per request.
  public let memoryBytes: Int
  public let diskFileCount: Int

  private let files: [String: StoredResource]
  /// The file each in-memory resource was read from, and its modification time then.
  private let memorySources: [String: (path: String, modified: Date)]
  private let initNumbers: [String: [Int]]
  /// Last valid init number per track (a sparse stream's last packet covers frames after it).
  private let lastInitNumbers: [String: Int]

  static let manifestName = PackageLayout.manifest

  /// Loads the package in `directory`, served as `/<name>/` (default: the folder's name).
  public static func load(directory: String, name: String? = nil, memory: inout MemoryBudget) throws
    -> PackageStore
  {
    let listing = try PackageFiles(directory: directory)
    let manifestPath = listing.rootPath + "/" + manifestName
    guard FileManager.default.fileExists(atPath: manifestPath) else {
      throw ServeError.notAPackage(directory, "no \(manifestName)")
    }
    let manifest: Manifest
    do {
      manifest = try JSONDecoder().decode(
        Manifest.self, from: Data(contentsOf: URL(fileURLWithPath: manifestPath)))
    } catch {
      throw ServeError.notAPackage(directory, "\(manifestName) is not a HESP manifest")
    }
    let layout = try ManifestLayout(manifest: manifest, directory: directory)
    return try PackageStore(
      name: name ?? URL(fileURLWithPath: listing.rootPath).lastPathComponent, listing: listing,
      layout: layout,
      memory: &memory)
  }

  private init(
    name: String, listing: PackageFiles, layout: ManifestLayout, memory: inout MemoryBudget
  ) throws {
    self.name = name
    tracks = layout.tracks
    let trackFolders = Set(layout.tracks.map { $0.folder.joined(separator: "/") })
    var files: [String: StoredResource] = [:]
    var memorySources: [String: (path: String, modified: Date)] = [:]
    var memoryBytes = 0
    var diskFileCount = 0
    // Smallest first: init packets, headers and the manifest are the hot files.
    for entry in listing.entries.sorted(by: { ($0.sizeBytes, $0.path) < ($1.sizeBytes, $1.path) }) {
      let key = entry.segments.joined(separator: "/")
      let isTrackMedia =
        trackFolders.contains(entry.segments.dropLast().joined(separator: "/"))
        && MediaTypes.forName(entry.segments.last!) == "video/mp4"
      var bytes = StoredResource.Bytes.file(path: entry.path)
      if memory.take(entry.sizeBytes) {
        do {
          let data = try Data(contentsOf: URL(fileURLWithPath: entry.path))
          bytes = .memory(ByteBuffer(bytes: data))
          memoryBytes += data.count
          memorySources[key] = (entry.path, entry.modified)
        } catch {
          throw ServeError.unreadable(entry.path, error.localizedDescription)
        }
      } else {
        diskFileCount += 1
      }
      let isManifest = key == Self.manifestName
      let fileName = entry.segments[entry.segments.count - 1]
      let isContinuation =
        isTrackMedia
        && layout.tracks.contains { track in
          track.folder.elementsEqual(entry.segments.dropLast())
            && track.continuation.number(in: fileName).map {
              track.continuation.name($0) == fileName
            } == true
        }
      files[key] = StoredResource(
        bytes: bytes, sizeBytes: entry.sizeBytes,
        etag:
          "\"\(String(Int(entry.modified.timeIntervalSince1970 * 1e6), radix: 16))-\(String(entry.sizeBytes, radix: 16))\"",
        contentType: isManifest
          ? MediaTypes.hespManifest : isTrackMedia ? layout.mimeType : MediaTypes.forName(key),
        cachePolicy: isTrackMedia ? .immutable : .revalidate, isContinuation: isContinuation)
    }
    var initNumbers: [String: [Int]] = [:]
    var lastInitNumbers: [String: Int] = [:]
    for track in layout.tracks {
      let folder = track.folder.joined(separator: "/") + "/"
      let numbers = files.keys.compactMap { key -> Int? in
        guard key.hasPrefix(folder) else { return nil }
        let fileName = String(key.dropFirst(folder.count))
        guard let number = track.initialization.number(in: fileName),
          track.initialization.name(number) == fileName
        else { return nil }
        return number
      }.sorted()
      initNumbers[track.id] = numbers
      if let last = numbers.last {
        lastInitNumbers[track.id] = min(
          last + max(1, layout.interval[track.id] ?? 1) - 1,
          layout.lastFrameNumber[track.id] ?? .max)
      }
    }
    self.files = files
    self.memorySources = memorySources
    self.initNumbers = initNumbers
    self.lastInitNumbers = lastInitNumbers
    self.memoryBytes = memoryBytes
    self.diskFileCount = diskFileCount
  }

  public func manifest() async throws -> StoredResource? { files[Self.manifestName] }

  public func initPacket(track id: String, number: InitPacketNumber) async throws -> StoredResource?
  {
    initPacketNow(track: id, number: number)
  }

  public func segment(track id: String, id segment: Int) async throws -> StoredResource? {
    segmentNow(track: id, id: segment)
  }

  public func file(_ segments: [String]) async throws -> StoredResource? {
    files[segments.joined(separator: "/")]
  }

  /// The paths of the store's files below it (`["video", "360p", "init-30.m4s"]`).
  func canonicalPaths() -> [[String]] {
    files.keys.map { $0.split(separator: "/", omittingEmptySubsequences: false).map(String.init) }
  }

  /// The file an in-memory resource (`["video", "360p", "init-30.m4s"]`) was read from at start,
  /// and its modification time then (`SharedFile` sends from it while it is unchanged).
  func memorySource(_ segments: [String]) -> (path: String, modified: Date)? {
    memorySources[segments.joined(separator: "/")]
  }

  /// The resource a route names, without waiting (everything is known at start).
  func resource(_ route: StoreRoute) -> StoredResource? {
    switch route {
    case .manifest: files[Self.manifestName]
    case .initPacket(let track, let number): initPacketNow(track: track, number: number)
    case .segment(let track, let id): segmentNow(track: track, id: id)
    case .file(let segments): files[segments.joined(separator: "/")]
    }
  }

  func initPacketNow(track id: String, number: InitPacketNumber) -> StoredResource? {
    guard case .number(let requested) = number, let track = tracks.first(where: { $0.id == id }),
      let numbers = initNumbers[id], let last = lastInitNumbers[id], requested <= last
    else { return nil }
    // Compatibility rule: the latest packet at or before the requested number.
    var low = 0
    var high = numbers.count
    while low < high {
      let middle = (low + high) / 2
      if numbers[middle] <= requested { low = middle + 1 } else { high = middle }
    }
    guard low > 0 else { return nil }
    let served = numbers[low - 1]
    guard
      let resource = files[
        (track.folder + [track.initialization.name(served)]).joined(separator: "/")]
    else {
      return nil
    }
    return served == requested
      ? resource : resource.answering(for: track.initialization.name(served))
  }

  func segmentNow(track id: String, id segment: Int) -> StoredResource? {
    guard let track = tracks.first(where: { $0.id == id }) else { return nil }
    return files[(track.folder + [track.continuation.name(segment)]).joined(separator: "/")]
  }
}
