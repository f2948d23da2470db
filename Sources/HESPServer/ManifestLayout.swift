import HESPCore

/// The URL space a HESP manifest describes, below the manifest's folder: per video track, the
/// folder its base URLs resolve to and its two file-name patterns; the last frame number of
/// each track and its init interval (for the Compatibility rule).
struct ManifestLayout {
  var tracks: [StoreTrack] = []
  var mimeType = "video/mp4"
  var interval: [String: Int] = [:]
  var lastFrameNumber: [String: Int] = [:]

  init(manifest: Manifest, directory: String) throws {
    for presentation in manifest.presentations {
      for set in presentation.video {
        if let type = set.mimeType { mimeType = type }
        for track in set.tracks {
          guard
            let initPattern = set.initializationPattern.flatMap({
              FileNamePattern($0, placeholder: "initId")
            }),
            let continuationPattern = set.continuationPattern.flatMap({
              FileNamePattern($0, placeholder: "segmentId")
            })
          else {
            throw ServeError.notAPackage(
              directory, "track \(track.id): no usable initialization/continuation pattern")
          }
          guard let folder = Self.folder(track.baseUrl ?? "") else {
            throw ServeError.notAPackage(
              directory, "track \(track.id): baseUrl \(track.baseUrl ?? "") leaves the package")
          }
          tracks.append(
            StoreTrack(
              id: track.id, folder: folder, initialization: initPattern,
              continuation: continuationPattern))
          interval[track.id] = track.initializationInterval ?? 1
          if let frames = Self.frameCount(presentation.timeBounds, track.frameRate ?? set.frameRate)
          {
            lastFrameNumber[track.id] = (track.startSequenceNumber ?? 0) + frames - 1
          }
        }
      }
    }
    guard !tracks.isEmpty else {
      throw ServeError.notAPackage(directory, "the manifest has no video track")
    }
  }

  /// Segments of a relative base URL (`video/360p/`); nil for an absolute URL or one with dots.
  static func folder(_ baseUrl: String) -> [String]? {
    guard !baseUrl.hasPrefix("/"), !baseUrl.contains(":"), !baseUrl.contains("?"),
      !baseUrl.contains("%")
    else {
      return nil
    }
    let segments = baseUrl.split(separator: "/").map(String.init)
    guard !segments.contains(where: { $0.hasPrefix(".") }) else { return nil }
    return segments
  }

  /// Frames in the presentation's time bounds at `frameRate`, when both are known.
  static func frameCount(_ bounds: Manifest.TimeBounds, _ frameRate: Manifest.ScaledValue?) -> Int?
  {
    guard let start = bounds.startTime, let end = bounds.endTime, let rate = frameRate, end > start,
      rate.value > 0
    else { return nil }
    let scale = max(1, bounds.scale ?? 1)
    let (product, overflow) = (end - start).multipliedReportingOverflow(by: rate.value)
    guard !overflow else { return nil }
    return product / (scale * max(1, rate.scale ?? 1))
  }
}
