import Foundation
import HESPCore

/// `master.m3u8` and one fMP4 media playlist per track (`<track>/playlist.m3u8`, RFC 8216bis,
/// version 7): `EXT-X-MAP` is the track's `header.mp4`, each `EXTINF` a continuation segment's
/// real duration; the audio track is an `EXT-X-MEDIA` rendition group every variant refers to.
enum HLSPlaylists {
  static let audioGroup = "audio"

  static func master(_ content: FallbackContent) -> String {
    var lines = ["#EXTM3U", "#EXT-X-VERSION:7", "#EXT-X-INDEPENDENT-SEGMENTS"]
    if let audio = content.audio {
      let language = audio.language == "und" ? "" : #",LANGUAGE="\#(audio.language)""#
      lines.append(
        #"#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="\#(audioGroup)",NAME="\#(audio.id)"\#(language),DEFAULT=YES,AUTOSELECT=YES,CHANNELS="\#(audio.channelCount)",URI="audio/\#(audio.id)/\#(FallbackContent.playlistName)""#
      )
    }
    let frameRate = String(
      format: "%.3f", Double(content.frameRateNumerator) / Double(content.frameRateDenominator))
    for video in content.videos {
      let peak = video.peakBitsPerSecond + (content.audio?.peakBitsPerSecond ?? 0)
      let average = video.averageBitsPerSecond + (content.audio?.averageBitsPerSecond ?? 0)
      let codecs = [video.codecs] + (content.audio.map { [$0.codecs] } ?? [])
      let audio = content.audio == nil ? "" : #",AUDIO="\#(audioGroup)""#
      lines.append(
        #"#EXT-X-STREAM-INF:BANDWIDTH=\#(peak),AVERAGE-BANDWIDTH=\#(average),CODECS="\#(codecs.joined(separator: ","))",RESOLUTION=\#(video.width)x\#(video.height),FRAME-RATE=\#(frameRate)\#(audio)"#
      )
      lines.append(PackageLayout.videoFolder(video.id) + FallbackContent.playlistName)
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// A VOD media playlist of `content-0.m4s` ... with `header.mp4` as the map.
  static func media(timescale: Int, segmentDurations: [Int]) -> String {
    let seconds = segmentDurations.map { Double($0) / Double(timescale) }
    // Every EXTINF rounded to the nearest integer must not exceed the target duration.
    let target = max(1, Int((seconds.max() ?? 0).rounded()))
    var lines = [
      "#EXTM3U", "#EXT-X-VERSION:7", "#EXT-X-TARGETDURATION:\(target)", "#EXT-X-MEDIA-SEQUENCE:0",
      "#EXT-X-PLAYLIST-TYPE:VOD", "#EXT-X-INDEPENDENT-SEGMENTS",
      #"#EXT-X-MAP:URI="\#(PackageLayout.header)""#,
    ]
    for (index, duration) in seconds.enumerated() {
      lines.append(String(format: "#EXTINF:%.6f,", duration))
      lines.append(PackageLayout.segment(index))
    }
    lines.append("#EXT-X-ENDLIST")
    return lines.joined(separator: "\n") + "\n"
  }
}
