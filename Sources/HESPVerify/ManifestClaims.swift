import HESPCore

/// Every value `manifest.json` states, against the frame index (whose entries the box checks
/// hold against the files): stream type, durations and time bounds, frame rates, MIME type,
/// per track bandwidth and average bandwidth (from the segment sizes), resolution, segment
/// duration and initialization interval. Findings point at the field.
enum ManifestClaims {
  static func run(_ contents: PackageContents, findings: inout FindingList) {
    let manifest = contents.manifest
    let index = contents.frameIndex
    let bytes = contents.manifestBytes
    let file = PackageLayout.manifest
    func at(_ key: String) -> Int { JSONFieldLocator.offset(of: key, in: bytes) }
    /// value / scale (scale 1 when absent) equal to numerator / denominator.
    func equals(_ value: Manifest.ScaledValue?, _ numerator: Int, _ denominator: Int) -> Bool {
      guard let value else { return false }
      return value.value * denominator == numerator * (value.scale ?? 1)
    }
    func text(_ value: Manifest.ScaledValue?) -> String {
      value.map { "\($0.value)/\($0.scale ?? 1)" } ?? "absent"
    }
    if manifest.streamType != "vod" {
      findings.add(
        file, at("streamType"),
        "streamType '\(manifest.streamType)', but the package is video on demand (every segment is listed): 'vod'"
      )
    }
    let endTicks = index.frameCount * index.frameDurationTicks
    if !equals(manifest.availabilityDuration, endTicks, index.timescale) {
      findings.add(
        file, at("availabilityDuration"),
        "availabilityDuration \(text(manifest.availabilityDuration)) s is not the content's \(endTicks)/\(index.timescale) s"
      )
    }
    guard let presentation = manifest.presentations.first, let set = presentation.video.first else {
      return
    }
    let bounds = presentation.timeBounds
    let scale = bounds.scale ?? 1
    if (bounds.startTime ?? 0) != 0 || (bounds.endTime ?? -1) * index.timescale != endTicks * scale
    {
      findings.add(
        file, at("timeBounds"),
        "timeBounds \(bounds.startTime ?? 0)-\(bounds.endTime.map(String.init) ?? "open") at scale \(scale) are not 0-\(endTicks) at \(index.timescale) (the \(index.frameCount) frames)"
      )
    }
    let rate = "\(index.timescale)/\(index.frameDurationTicks) fps"
    if set.frameRate != nil, !equals(set.frameRate, index.timescale, index.frameDurationTicks) {
      findings.add(
        file, at("frameRate"),
        "switching set frameRate \(text(set.frameRate)) is not the files' \(rate)")
    }
    if let mimeType = set.mimeType, mimeType != "video/mp4" {
      findings.add(
        file, at("mimeType"),
        "mimeType '\(mimeType)' is not 'video/mp4' (the files are fragmented MP4)")
    }
    for track in set.tracks {
      guard let indexTrack = index.tracks.first(where: { $0.id == track.id }) else { continue }
      func field(_ key: String) -> Int {
        JSONFieldLocator.offset(of: key, inObjectWithId: track.id, in: bytes)
      }
      let rates = TrackRates(indexTrack, index: index)
      if track.bandwidth != rates.peakBitsPerSecond {
        findings.add(
          file, field("bandwidth"),
          "track \(track.id): bandwidth \(track.bandwidth) b/s, but its largest full segment runs at \(rates.peakBitsPerSecond) b/s"
        )
      }
      if let average = track.averageBandwidth, average != rates.averageBitsPerSecond {
        findings.add(
          file, field("averageBandwidth"),
          "track \(track.id): averageBandwidth \(average) b/s, but its segments hold \(rates.averageBitsPerSecond) b/s"
        )
      }
      if track.resolution.width != indexTrack.width || track.resolution.height != indexTrack.height
      {
        findings.add(
          file, field("resolution"),
          "track \(track.id): resolution \(track.resolution.width)x\(track.resolution.height), the pictures are \(indexTrack.width)x\(indexTrack.height)"
        )
      }
      if track.frameRate != nil, !equals(track.frameRate, index.timescale, index.frameDurationTicks)
      {
        findings.add(
          file, field("frameRate"),
          "track \(track.id): frameRate \(text(track.frameRate)) is not the files' \(rate)")
      }
      let segmentTicks = index.segmentDurationFrames * index.frameDurationTicks
      if track.segmentDuration != nil, !equals(track.segmentDuration, segmentTicks, index.timescale)
      {
        findings.add(
          file, field("segmentDuration"),
          "track \(track.id): segmentDuration \(text(track.segmentDuration)) s is not \(index.segmentDurationFrames) frames (\(segmentTicks)/\(index.timescale) s)"
        )
      }
      if let interval = track.initializationInterval, interval != index.initializationIntervalFrames
      {
        findings.add(
          file, field("initializationInterval"),
          "track \(track.id): initializationInterval \(interval), the init stream has a packet every \(index.initializationIntervalFrames) frames"
        )
      }
      if let first = track.startSequenceNumber, first != 0 {
        findings.add(
          file, field("startSequenceNumber"),
          "track \(track.id): startSequenceNumber \(first), but the first init packet is init-0 (frame 0)"
        )
      }
    }
  }
}
