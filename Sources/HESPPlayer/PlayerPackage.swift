import Foundation
import HESPCore
import HESPProtocols
import HESPStudy

/// Where one track's files are and how its frames lie in them (from `frame-index.json`).
struct TrackLayout: Sendable {
  var id: String
  /// The track folder's URL, ending in `/`.
  var baseURL: String
  var initializationPattern: String
  var continuationPattern: String
  var frames: [FrameIndex.Frame]
  var segments: [Int: FrameIndex.Segment]

  func initURL(clipFrame: Int) -> String {
    baseURL + Manifest.expand(initializationPattern, placeholder: "initId", with: clipFrame)
  }

  func segmentURL(_ segment: Int) -> String {
    baseURL + Manifest.expand(continuationPattern, placeholder: "segmentId", with: segment)
  }
}

/// A package as the player sees it over HTTP: its manifest and frame index, the URL of every
/// track's files, and the content the decisions run on (`ProtocolContent`, the simulator's).
struct PlayerPackage: Sendable {
  var name: String
  var index: FrameIndex
  var tracks: [TrackLayout]
  /// A live stream's timing (nil for a package): the stream has no frame index; `index` then
  /// holds nominal sizes (`LiveStream.frameIndex`).
  var live: LiveStream? = nil

  var clipFrameCount: Int { index.tracks[0].frames.count }

  /// Reads `manifestURL` and the `frame-index.json` beside it.
  static func load(manifestURL: String, name: String, transport: HTTPTransport) async throws
    -> PlayerPackage
  {
    let manifestBytes = try await transport.fetch(manifestURL, kind: "manifest")
    let manifest: Manifest
    do {
      manifest = try JSONDecoder().decode(Manifest.self, from: Data(manifestBytes))
    } catch {
      throw PlayerError.request(manifestURL, "not a HESP manifest")
    }
    let base = PlayerURL.folder(of: manifestURL)
    var live = try LiveStream.timing(manifest, url: manifestURL)
    let index: FrameIndex
    if let timing = live {
      index = LiveStream.frameIndex(manifest, timing: timing)
      live?.serverClockOffsetSeconds = await serverClockOffset(
        manifest, base: base, transport: transport)
    } else {
      let indexURL = base + PackageLayout.frameIndex
      let indexBytes = try await transport.fetch(indexURL, kind: "frame-index")
      do {
        index = try JSONDecoder().decode(FrameIndex.self, from: Data(indexBytes))
      } catch {
        throw PlayerError.request(indexURL, "not a frame index (\(error))")
      }
    }
    guard let presentation = LiveStream.activePresentation(manifest),
      let set = presentation.video.first
    else {
      throw PlayerError.request(manifestURL, "the manifest has no video track")
    }
    var tracks: [TrackLayout] = []
    for track in index.tracks {
      guard let entry = set.tracks.first(where: { $0.id == track.id }) else {
        throw PlayerError.request(manifestURL, "no track '\(track.id)' (frame-index.json has it)")
      }
      tracks.append(
        TrackLayout(
          id: track.id, baseURL: PlayerURL.resolve(entry.baseUrl ?? "", against: base),
          initializationPattern: set.initializationPattern ?? PackageLayout.initializationPattern,
          continuationPattern: set.continuationPattern ?? PackageLayout.continuationPattern,
          frames: track.frames,
          segments: Dictionary(
            track.segments.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })))
    }
    return PlayerPackage(name: name, index: index, tracks: tracks, live: live)
  }

  /// The live manifest's `timeSource` read once: the server's clock minus this machine's (0
  /// when it has none or it cannot be read: the same machine's clock is assumed).
  static func serverClockOffset(_ manifest: Manifest, base: String, transport: HTTPTransport)
    async -> Double
  {
    guard let source = manifest.timeSource else { return 0 }
    let url = PlayerURL.resolve(source.value, against: base)
    let sent = Date().timeIntervalSince1970
    guard let bytes = try? await transport.fetch(url, kind: "time", limit: 4096) else { return 0 }
    let received = Date().timeIntervalSince1970
    return LiveStream.clockOffset(
      serverTime: String(decoding: bytes, as: UTF8.self), sentSeconds: sent,
      receivedSeconds: received) ?? 0
  }

  /// A fresh look at the live stream's newest frame (`currentTime` of the manifest now).
  static func newestLiveFrame(manifestURL: String, transport: HTTPTransport) async throws -> Int {
    let bytes = try await transport.fetch(manifestURL, kind: "manifest")
    guard let manifest = try? JSONDecoder().decode(Manifest.self, from: Data(bytes)),
      let timing = try LiveStream.timing(manifest, url: manifestURL)
    else { throw PlayerError.request(manifestURL, "not a live HESP manifest any more") }
    return timing.newestFrame
  }

  /// The frame `frame` of the looped content is clip frame `frame % clipFrameCount`.
  func clipFrame(_ frame: Int) -> Int { frame % clipFrameCount }
}

/// URL helpers (no Foundation URL resolution surprises: the player only needs folder joins).
enum PlayerURL {
  /// `http://h/p/manifest.json` -> `http://h/p/`.
  static func folder(of url: String) -> String {
    guard let slash = url.lastIndex(of: "/") else { return url + "/" }
    return String(url[...slash])
  }

  /// `video/72p/` against `http://h/p/` -> `http://h/p/video/72p/`; absolute URLs stay.
  static func resolve(_ relative: String, against base: String) -> String {
    if relative.hasPrefix("http://") || relative.hasPrefix("https://") { return relative }
    if relative.hasPrefix("/"), let url = URL(string: base), let scheme = url.scheme,
      let host = url.host
    {
      return "\(scheme)://\(host)\(url.port.map { ":\($0)" } ?? "")\(relative)"
    }
    return base + relative
  }

  /// The manifest URL for what the user typed: a `.json` URL as is, a folder + `manifest.json`.
  static func manifest(_ typed: String) -> String {
    if typed.hasSuffix(".json") { return typed }
    return typed.hasSuffix("/")
      ? typed + PackageLayout.manifest : typed + "/" + PackageLayout.manifest
  }

  /// The package's name: its folder's last component (`http://h/flower/manifest.json` -> `flower`).
  static func packageName(_ manifestURL: String) -> String {
    let folder = folder(of: manifestURL).dropLast()
    return folder.split(separator: "/").last.map(String.init) ?? "package"
  }
}
