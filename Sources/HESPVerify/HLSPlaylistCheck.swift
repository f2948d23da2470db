import Foundation
import HESPCore

/// `master.m3u8` and its media playlists against the frame index: every video track is a
/// variant with its resolution, codecs and bandwidth, the audio track an `EXT-X-MEDIA`
/// rendition; each media playlist maps the track's header and lists its segments in order
/// with their real durations (RFC 8216bis: rounded EXTINF at most the target duration).
struct HLSPlaylistCheck {
  let contents: PackageContents
  let masterBytes: [UInt8]
  let videos: [FallbackCheck.Expected]
  let audio: FallbackCheck.Expected?
  let notIndependent: String?
  let master = "master.m3u8"

  func run(_ findings: inout FindingList) {
    let lines = Self.lines(masterBytes)
    guard lines.first?.text == "#EXTM3U" else {
      findings.add(master, 0, "does not start with #EXTM3U")
      return
    }
    if let notIndependent, lines.contains(where: { $0.text == "#EXT-X-INDEPENDENT-SEGMENTS" }) {
      findings.add(
        master, PackageContents.offset(of: "#EXT-X-INDEPENDENT-SEGMENTS", in: masterBytes),
        "claims EXT-X-INDEPENDENT-SEGMENTS, but \(notIndependent) does not start with a keyframe")
    }
    var listed: Set<String> = []
    for (position, line) in lines.enumerated() {
      if line.text.hasPrefix("#EXT-X-MEDIA:") {
        let attributes = Self.attributes(line.text.dropFirst("#EXT-X-MEDIA:".count))
        guard attributes["TYPE"] == "AUDIO", let uri = attributes["URI"] else { continue }
        guard let audio, uri == audio.directory + PackageLayout.mediaPlaylist else {
          findings.add(
            master, line.offset,
            "audio rendition \(uri) is not the package's audio track's playlist")
          continue
        }
        listed.insert(audio.directory)
        media(uri, audio, &findings)
      } else if line.text.hasPrefix("#EXT-X-STREAM-INF:") {
        let attributes = Self.attributes(line.text.dropFirst("#EXT-X-STREAM-INF:".count))
        guard
          let uri = lines.dropFirst(position + 1).first(where: {
            !$0.text.hasPrefix("#") && !$0.text.isEmpty
          })?.text,
          let expected = videos.first(where: { uri == $0.directory + PackageLayout.mediaPlaylist })
        else {
          findings.add(
            master, line.offset,
            "variant is not followed by the playlist of a video track of the package")
          continue
        }
        listed.insert(expected.directory)
        variant(attributes, expected, at: line.offset, &findings)
        media(uri, expected, &findings)
      }
    }
    for expected in videos + (audio.map { [$0] } ?? []) where !listed.contains(expected.directory) {
      findings.add(
        master, 0, "lists no playlist for \(expected.directory) (a track of the package)")
    }
  }

  func variant(
    _ attributes: [String: String], _ expected: FallbackCheck.Expected, at offset: Int,
    _ findings: inout FindingList
  ) {
    let id = String(expected.directory.dropFirst("video/".count).dropLast())
    if let track = contents.frameIndex.tracks.first(where: { $0.id == id }),
      attributes["RESOLUTION"] != "\(track.width)x\(track.height)"
    {
      findings.add(
        master, offset,
        "variant \(id) RESOLUTION \(attributes["RESOLUTION"] ?? "absent"), the track is \(track.width)x\(track.height)"
      )
    }
    let codecs = (attributes["CODECS"] ?? "").split(separator: ",").map(String.init)
    for wanted in [expected.codecs] + (audio.map { [$0.codecs] } ?? [])
    where !codecs.contains(wanted) {
      findings.add(
        master, offset, "variant \(id) CODECS \(attributes["CODECS"] ?? "absent") lacks \(wanted)")
    }
    let peak = expected.peakBitsPerSecond + (audio?.peakBitsPerSecond ?? 0)
    if let stated = attributes["BANDWIDTH"].flatMap(Int.init) {
      if FallbackCheck.bandwidthProblem(stated: stated, peak: peak) {
        findings.add(
          master, offset, "variant \(id) BANDWIDTH \(stated) b/s, the segments' peak is \(peak) b/s"
        )
      }
    } else {
      findings.add(master, offset, "variant \(id) has no numeric BANDWIDTH")
    }
  }

  /// One media playlist: header map, segments in order with their durations, target duration.
  func media(_ path: String, _ expected: FallbackCheck.Expected, _ findings: inout FindingList) {
    guard let bytes = PackageContents.bytes(contents.root, path) else {
      findings.add(path, 0, "missing (listed in master.m3u8)")
      return
    }
    let lines = Self.lines(bytes)
    guard lines.first?.text == "#EXTM3U" else {
      findings.add(path, 0, "does not start with #EXTM3U")
      return
    }
    var map: String?
    var target: Int?
    var durations: [(seconds: Double, offset: Int)] = []
    var uris: [(uri: String, offset: Int)] = []
    for line in lines {
      if line.text.hasPrefix("#EXT-X-MAP:") {
        map = Self.attributes(line.text.dropFirst("#EXT-X-MAP:".count))["URI"]
      } else if line.text.hasPrefix("#EXT-X-TARGETDURATION:") {
        target = Int(line.text.dropFirst("#EXT-X-TARGETDURATION:".count))
      } else if line.text.hasPrefix("#EXTINF:") {
        let value =
          line.text.dropFirst("#EXTINF:".count).split(
            separator: ",", omittingEmptySubsequences: false
          ).first ?? ""
        durations.append((Double(value) ?? -1, line.offset))
      } else if !line.text.hasPrefix("#"), !line.text.isEmpty {
        uris.append((line.text, line.offset))
      }
    }
    if map.map({ expected.directory + $0 }) != expected.directory + PackageLayout.header {
      findings.add(path, 0, "EXT-X-MAP is \(map ?? "absent"), not header.mp4")
    }
    if !lines.contains(where: { $0.text == "#EXT-X-ENDLIST" }) {
      findings.add(path, 0, "has no #EXT-X-ENDLIST (the package is video on demand)")
    }
    if uris.count != expected.segmentFiles.count || durations.count != uris.count {
      findings.add(
        path, 0,
        "lists \(uris.count) segments (\(durations.count) EXTINF), the track has \(expected.segmentFiles.count)"
      )
    }
    if let (position, entry) = zip(uris, expected.segmentFiles).enumerated().first(where: {
      expected.directory + $0.element.0.uri != $0.element.1
    }).map({ ($0.offset, $0.element.0) }) {
      findings.add(
        path, entry.offset,
        "segment \(position) is \(entry.uri), not \(expected.segmentFiles[position].split(separator: "/").last ?? "")"
      )
    }
    for (position, (stated, real)) in zip(durations, expected.segmentDurations).enumerated() {
      let seconds = Double(real) / Double(expected.timescale)
      if abs(stated.seconds - seconds) > 0.0005 {
        findings.add(
          path, stated.offset,
          "segment \(position) EXTINF \(stated.seconds) s, the file lasts \(seconds) s")
        break
      }
    }
    let longest = durations.map(\.seconds).max() ?? 0
    if let target {
      if Int(longest.rounded()) > target {
        findings.add(
          path, PackageContents.offset(of: "#EXT-X-TARGETDURATION", in: bytes),
          "EXT-X-TARGETDURATION \(target) is below the longest segment (\(longest) s rounds to \(Int(longest.rounded())))"
        )
      }
    } else {
      findings.add(path, 0, "has no EXT-X-TARGETDURATION")
    }
  }

  /// Lines with the byte offset each starts at (CR LF or LF).
  static func lines(_ bytes: [UInt8]) -> [(text: String, offset: Int)] {
    var result: [(text: String, offset: Int)] = []
    var start = 0
    for position in 0...bytes.count where position == bytes.count || bytes[position] == 0x0A {
      var end = position
      if end > start, bytes[end - 1] == 0x0D { end -= 1 }
      if start < bytes.count || position > start {
        result.append((String(decoding: bytes[start..<end], as: UTF8.self), start))
      }
      start = position + 1
    }
    return result
  }

  /// An attribute list (`KEY=value,KEY="quoted, value"`).
  static func attributes<S: StringProtocol>(_ text: S) -> [String: String] {
    var result: [String: String] = [:]
    var key = ""
    var value = ""
    var inKey = true
    var quoted = false
    func flush() {
      if !key.isEmpty { result[key] = value }
      key = ""
      value = ""
      inKey = true
    }
    for character in text {
      if inKey {
        if character == "=" { inKey = false } else if character != "," { key.append(character) }
      } else if character == "\"" {
        quoted.toggle()
      } else if character == ",", !quoted {
        flush()
      } else {
        value.append(character)
      }
    }
    flush()
    return result
  }
}
