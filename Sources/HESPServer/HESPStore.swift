/// What `hesp serve` serves under one name: a package folder on disk (`PackageStore`, VoD) now,
/// a ring of published frames (live) later. Every route asks through this protocol only, so
/// VoD and live share the HTTP semantics.
public protocol HESPStore: Sendable {
  /// The name the store is served under: `/<name>/…`.
  var name: String { get }
  /// `vod` or `live` (the manifest's `streamType`).
  var streamType: StreamType { get }
  /// The video tracks and where their init packets and segments live in the URL space.
  var tracks: [StoreTrack] { get }

  /// The HESP manifest (`manifest.json`).
  func manifest() async throws -> StoredResource?
  /// Init packet `number` of a track, or under the Compatibility rule the latest earlier one;
  /// `.now` is the most recent packet (live; nil for VoD). Nil when there is none (404).
  func initPacket(track: String, number: InitPacketNumber) async throws -> StoredResource?
  /// Continuation segment `id` of a track; nil when not (yet, or any more) available (404).
  func segment(track: String, id: Int) async throws -> StoredResource?
  /// Any other file of the store by its path segments (`video/360p/header.mp4`,
  /// `frame-index.json`); nil when it is not one of the store's files.
  func file(_ segments: [String]) async throws -> StoredResource?
}

/// `streamType` of the HESP manifest.
public enum StreamType: String, Sendable {
  case vod, live
}

/// `{initId}` of an init packet URL: a sequence number or the literal `now`.
public enum InitPacketNumber: Equatable, Sendable {
  case number(Int)
  case now
}
