import HESPCore
import HESPProtocols

/// CSV files of a study (`HESPCore.CSV`: RFC 4180). Times in ms, `-` for no value.
enum StudyCSV {
  static let sessionsHeader =
    "variant,trace,protocol,abr,live,completed,startup_ms,first_frame_ms,switches,up_switches,down_switches,"
    + "switch_p50_ms,switch_p90_ms,switch_mean_ms,switch_max_ms,bound_ratio_p50,reaction_ms,rebuffer_ms,"
    + "rebuffer_events,stall_ratio,bitrate_kbps,quality_changes,effective_target_ms,live_latency_p50_ms,"
    + "live_latency_max_ms,downloaded_bytes,init_packet_bytes,wasted_bytes,spliced_frames_played,frames_played,"
    + "session_ms"

  /// One row per session. `startup_ms` runs to continuous playback, `first_frame_ms` to the
  /// first frame; `stall_ratio` = (startup + rebuffering) / session time.
  static func sessionRow(_ r: ProtocolSessionResult) -> String {
    let f = StudyFormat.number
    let s = r.switchLatency
    let displayed = r.switches.filter { $0.latencyMs != nil }
    let ups = displayed.filter(\.isUp).count
    var cells: [String] = [r.variantName, r.traceName, r.protocolName, r.abrName, String(r.live)]
    cells += [
      String(r.completed), f(r.startupMs, 3), f(r.firstFrameMs, 3), String(displayed.count),
      String(ups),
    ]
    cells += [
      String(displayed.count - ups), f(s?.p50Ms, 3), f(s?.p90Ms, 3), f(s?.meanMs, 3),
      f(s?.maxMs, 3),
    ]
    cells += [
      f(r.medianRatioToBound, 4), f(r.reactionMs, 3), f(r.rebufferMs, 3), String(r.rebufferEvents),
    ]
    cells += [f(r.stallRatio, 5), f(r.playedBitrateKbps, 3), String(r.qualityChanges)]
    cells += [
      f(r.effectiveTargetLatencyMs, 3), f(r.liveLatency?.p50Ms, 3), f(r.liveLatency?.maxMs, 3),
    ]
    cells += [
      String(r.downloadedByteCount), String(r.initPacketByteCount), String(r.wastedByteCount),
    ]
    cells += [String(r.splicedFramesPlayed), String(r.framesPlayed), f(r.sessionMs, 3)]
    return CSV.row(cells)
  }

  static let switchesHeader =
    "variant,trace,protocol,abr,from_quality,to_quality,direction,replaced,frame,decision_ms,request_ms,"
    + "displayed_ms,continuous_ms,latency_ms,first_frame_latency_ms,init_packet_bytes,bound_ms,ratio_to_bound"

  /// One row per switch of the session. `latency_ms` runs from the decision to continuous
  /// playback of the new track (`continuous_ms`); `first_frame_latency_ms` to its first frame.
  static func switchRows(_ r: ProtocolSessionResult) -> [String] {
    let f = StudyFormat.number
    return r.switches.map { s in
      var cells: [String] = [r.variantName, r.traceName, r.protocolName, r.abrName]
      cells += [String(s.fromQuality), String(s.toQuality), s.isUp ? "up" : "down"]
      cells += [
        String(s.replacedBufferedMedia), String(s.frame), f(s.decisionMs, 3), f(s.requestMs, 3),
      ]
      cells += [
        f(s.displayedMs, 3), f(s.continuousMs, 3), f(s.latencyMs, 3), f(s.firstFrameLatencyMs, 3),
      ]
      cells += [String(s.initPacketByteCount), f(s.boundMs, 3), f(s.ratioToBound, 4)]
      return CSV.row(cells)
    }
  }
}
