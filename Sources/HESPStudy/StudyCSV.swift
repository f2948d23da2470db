import HESPProtocols

/// CSV files of a study (RFC 4180 quoting for text cells).
enum StudyCSV {
  static func quote(_ text: String) -> String {
    text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
      ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
  }

  static func sessions(_ results: [ProtocolSessionResult]) -> String {
    let f = StudyFormat.number
    var lines = [
      "trace,protocol,abr,live,startup_ms,switches,switch_p50_ms,switch_p90_ms,switch_mean_ms,switch_max_ms,"
        + "bound_ratio_p50,reaction_ms,rebuffer_ms,rebuffer_events,bitrate_kbps,quality_changes,"
        + "live_latency_p50_ms,live_latency_max_ms,downloaded_bytes,init_packet_bytes,wasted_bytes,"
        + "spliced_frames_played,frames_played,completed"
    ]
    for r in results {
      let s = r.switchLatency
      let cells = [
        quote(r.traceName), r.protocolName, r.abrName, String(r.live), f(r.startupMs, 3), String(s?.count ?? 0),
        f(s?.p50Ms, 3), f(s?.p90Ms, 3), f(s?.meanMs, 3), f(s?.maxMs, 3), f(r.medianRatioToBound, 4),
        f(r.reactionMs, 3), f(r.rebufferMs, 3), String(r.rebufferEvents), f(r.playedBitrateKbps, 3),
        String(r.qualityChanges), f(r.liveLatency?.p50Ms, 3), f(r.liveLatency?.maxMs, 3),
        String(r.downloadedByteCount), String(r.initPacketByteCount), String(r.wastedByteCount),
        String(r.splicedFramesPlayed), String(r.framesPlayed), String(r.completed),
      ]
      lines.append(cells.joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  static func switches(_ results: [ProtocolSessionResult]) -> String {
    let f = StudyFormat.number
    var lines = [
      "trace,protocol,abr,from_quality,to_quality,frame,decision_ms,request_ms,displayed_ms,latency_ms,"
        + "init_packet_bytes,bound_ms,ratio_to_bound"
    ]
    for r in results {
      for s in r.switches {
        lines.append(
          [
            quote(r.traceName), r.protocolName, r.abrName, String(s.fromQuality), String(s.toQuality), String(s.frame),
            f(s.decisionMs, 3), f(s.requestMs, 3), f(s.displayedMs, 3), f(s.latencyMs, 3),
            String(s.initPacketByteCount), f(s.boundMs, 3), f(s.ratioToBound, 4),
          ].joined(separator: ","))
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
