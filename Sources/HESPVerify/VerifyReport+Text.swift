import Foundation
import HESPCore

extension VerifyReport {
  /// The human-readable summary: one table row per track, then every finding.
  public var summaryText: String {
    func decibels(_ value: Double?, exactIfNil: Bool) -> String {
      guard let value else { return exactIfNil ? "exact" : "-" }
      return String(format: "%.2f", value)
    }
    var lines: [String] = []
    let checked = tracks.reduce(0) { $0 + $1.splicesChecked }
    lines.append(
      "hesp verify \(package): \(passed ? "PASS" : "FAIL"), \(checked) splice\(checked == 1 ? "" : "s") checked (--splices \(spliceSelection)\(strict ? ", strict" : "")\(frameNumGapsAllowed == true ? ", frame_num gaps allowed" : ""))"
    )
    lines.append(
      "track        frames  init  splices  failures  compared   exact  drift mean  drift min  frame_num gaps"
    )
    for track in tracks {
      let compared = track.framesCompared > 0
      lines.append(
        track.id.padding(toLength: 12, withPad: " ", startingAt: 0)
          + String(
            format: " %6d %5d %8d %9d %9d %7d", track.frameCount, track.initPacketCount,
            track.splicesChecked,
            track.decodeFailures, track.framesCompared, track.exactFrameCount)
          + " " + decibels(track.driftPSNRYMeanDecibels, exactIfNil: compared).leftPadded(11)
          + " " + decibels(track.driftPSNRYMinDecibels, exactIfNil: compared).leftPadded(10)
          + " " + "\(track.frameNumGapSplices)/\(track.splicesChecked)".leftPadded(15))
    }
    if let audio {
      lines.append(
        "audio \(audio.id): \(audio.frameCount) AAC frames in \(audio.segmentCount) segments, \(audio.initPacketCount) init packets, \(audio.decodedSampleCount) samples decoded, \(audio.decodeFailures) failures"
      )
    }
    for track in tracks {
      if let loss = track.psnrYLossVsSourceDecibels {
        lines.append(
          "\(track.id): spliced vs source PSNR-Y loss \(String(format: "%.2f", loss)) dB (against the continuation's own PSNR over the same frames)"
        )
      }
    }
    if !findings.isEmpty {
      lines.append("\(findings.count) problem\(findings.count == 1 ? "" : "s"):")
      lines += findings.map { "  \($0)" }
    }
    return lines.joined(separator: "\n")
  }

  /// Sorted-key, pretty-printed JSON (byte-identical for equal reports).
  public func jsonData() throws -> Data {
    try CanonicalJSON.data(self)
  }
}

extension String {
  fileprivate func leftPadded(_ width: Int) -> String {
    count >= width ? self : String(repeating: " ", count: width - count) + self
  }
}
