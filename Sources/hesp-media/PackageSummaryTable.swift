import Foundation
import HESPPackager

/// The summary table printed at the end of `hesp package`.
enum PackageSummaryTable {
  static func render(_ report: PackagingReport, output: String) -> String {
    // Short headers: the table stays under 100 columns (kb/s = kbit/s, B = bytes).
    let header = [
      "track", "size", "target kb/s", "avg kb/s", "peak kb/s", "PSNR-Y", "init B", "init p95 B",
      "init/IDR",
      "init Mb/s",
    ]
    let rows = report.tracks.map { track in
      [
        track.id, "\(track.width)x\(track.height)", String(track.targetBitsPerSecond / 1000),
        String(track.averageBitsPerSecond / 1000), String(track.peakBitsPerSecond / 1000),
        String(format: "%.2f", track.psnrYDecibels),
        String(format: "%.0f", track.initPacketMeanByteCount),
        String(track.initPacketP95ByteCount), String(format: "%.2fx", track.initToKeyframeRatio),
        String(format: "%.1f", Double(track.initStreamBitsPerSecond) / 1e6),
      ]
    }
    let widths = header.indices.map { column in
      ([header[column]] + rows.map { $0[column] }).map(\.count).max() ?? 0
    }
    func line(_ cells: [String]) -> String {
      cells.enumerated().map { column, cell in
        let pad = String(repeating: " ", count: widths[column] - cell.count)
        return column == 0 ? cell + pad : pad + cell
      }.joined(separator: "  ")
    }
    var lines = [line(header), line(widths.map { String(repeating: "-", count: $0) })]
    lines += rows.map(line)
    if let audio = report.audio {
      let how =
        audio.encodedBecause.map { "encoded to AAC-LC (\($0))" } ?? "AAC passed through"
      lines.append(
        "audio \(audio.id): \(how), \(audio.codecs), \(audio.sampleRate) Hz, \(audio.channelCount) ch, avg \(audio.averageBitsPerSecond / 1000) kb/s, peak \(audio.peakBitsPerSecond / 1000) kb/s"
      )
    }
    lines.append(
      String(
        format: "%d frames (%.2f s) in %.2f s wall, %.2f s CPU: %.2fx real time -> %@",
        report.frameCount, report.durationSeconds, report.wallSeconds, report.cpuSeconds,
        report.speedTimesRealTime, output))
    return lines.joined(separator: "\n")
  }
}
