import Foundation

/// `manifest.mpd`: a static DASH MPD (ISO/IEC 23009-1, live profile) over the continuation
/// files: per AdaptationSet a SegmentTemplate with `$RepresentationID$` and `$Number$` from 0,
/// `header.mp4` as initialization and a SegmentTimeline of the real segment durations.
enum DASHManifest {
  static func text(_ content: FallbackContent) -> String {
    var lines = [
      #"<?xml version="1.0" encoding="UTF-8"?>"#,
      #"<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" profiles="urn:mpeg:dash:profile:isoff-live:2011" type="static" mediaPresentationDuration="\#(FallbackContent.isoDuration(content.durationSeconds))" minBufferTime="\#(FallbackContent.isoDuration(Double(content.segmentDurations.max() ?? 0) / Double(content.timescale)))">"#,
      // "./" (the MPD's folder): without a BaseURL FFmpeg 5.1's dash demuxer resolves the
      // templates against the MPD's folder twice when the MPD is opened by a relative path.
      "  <BaseURL>./</BaseURL>",
      #"  <Period id="0" start="PT0S">"#,
    ]
    let rate =
      content.frameRateDenominator == 1
      ? "\(content.frameRateNumerator)"
      : "\(content.frameRateNumerator)/\(content.frameRateDenominator)"
    let maxWidth = content.videos.map(\.width).max() ?? 0
    let maxHeight = content.videos.map(\.height).max() ?? 0
    lines.append(
      #"    <AdaptationSet id="0" contentType="video" mimeType="video/mp4" segmentAlignment="true" startWithSAP="1" frameRate="\#(rate)" maxWidth="\#(maxWidth)" maxHeight="\#(maxHeight)">"#
    )
    lines += template(
      directory: "video", timescale: content.timescale, durations: content.segmentDurations)
    for video in content.videos {
      lines.append(
        #"      <Representation id="\#(escape(video.id))" bandwidth="\#(video.peakBitsPerSecond)" codecs="\#(video.codecs)" width="\#(video.width)" height="\#(video.height)" sar="\#(video.sarWidth):\#(video.sarHeight)"/>"#
      )
    }
    lines.append("    </AdaptationSet>")
    if let audio = content.audio {
      lines.append(
        #"    <AdaptationSet id="1" contentType="audio" mimeType="audio/mp4" lang="\#(audio.language)" segmentAlignment="true" startWithSAP="1">"#
      )
      lines.append(
        #"      <AudioChannelConfiguration schemeIdUri="urn:mpeg:dash:23003:3:audio_channel_configuration:2011" value="\#(audio.channelCount)"/>"#
      )
      lines += template(
        directory: "audio", timescale: audio.timescale, durations: audio.segmentDurations)
      lines.append(
        #"      <Representation id="\#(escape(audio.id))" bandwidth="\#(audio.peakBitsPerSecond)" codecs="\#(audio.codecs)" audioSamplingRate="\#(audio.sampleRate)"/>"#
      )
      lines.append("    </AdaptationSet>")
    }
    lines += ["  </Period>", "</MPD>"]
    return lines.joined(separator: "\n") + "\n"
  }

  /// SegmentTemplate with its SegmentTimeline: runs of equal durations as `<S d r>`.
  static func template(directory: String, timescale: Int, durations: [Int]) -> [String] {
    var lines = [
      #"      <SegmentTemplate timescale="\#(timescale)" initialization="\#(directory)/$RepresentationID$/header.mp4" media="\#(directory)/$RepresentationID$/content-$Number$.m4s" startNumber="0">"#,
      "        <SegmentTimeline>",
    ]
    var index = 0
    while index < durations.count {
      var repeats = 0
      while index + repeats + 1 < durations.count,
        durations[index + repeats + 1] == durations[index]
      {
        repeats += 1
      }
      let start = index == 0 ? #" t="0""# : ""
      let run = repeats > 0 ? #" r="\#(repeats)""# : ""
      lines.append(#"          <S\#(start) d="\#(durations[index])"\#(run)/>"#)
      index += repeats + 1
    }
    lines += ["        </SegmentTimeline>", "      </SegmentTemplate>"]
    return lines
  }

  static func escape(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
      .replacingOccurrences(of: "<", with: "&lt;")
  }
}
