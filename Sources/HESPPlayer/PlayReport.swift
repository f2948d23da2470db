import Foundation
import HESPCore
import HESPProtocols
import HESPStudy

/// The texts `hesp play` prints and writes besides the study's files.
public enum PlayReport {
  /// One line: startup, switches, stalls and how many requests ran on new connections.
  public static func summary(_ outcome: PlayOutcome) -> String {
    let r = outcome.result
    func ms(_ value: Double?) -> String { value.map { String(format: "%.0f ms", $0) } ?? "-" }
    let latencies = r.switchLatenciesMs.sorted()
    let p50 = latencies.isEmpty ? nil : latencies[(latencies.count - 1) / 2]
    return
      "\(r.protocolName) \(r.abrName): startup \(ms(r.startupMs)), \(latencies.count) switches (p50 \(ms(p50))), "
      + "rebuffering \(ms(r.rebufferMs)), \(outcome.requests.count) requests (\(outcome.newConnectionCount) on a new "
      + "connection, \(outcome.warmConnectionCount) warm), \(r.framesPlayed) frames"
      + (outcome.live.map { live in
        "; live: joined at frame \(live.firstStreamFrame), latency p50 \(ms(r.liveLatency?.p50Ms)) "
          + "p99 \(ms(r.liveLatency?.p99Ms)) (capture to display), capture to arrival p50 "
          + "\(ms(live.captureToArrivalMs?.p50Ms)) p99 \(ms(live.captureToArrivalMs?.p99Ms))"
      } ?? "")
  }

  /// `requests.csv`: one row per request.
  public static func requestsCSV(_ outcome: PlayOutcome) -> String {
    func f(_ value: Double?) -> String { value.map { String(format: "%.3f", $0) } ?? "-" }
    var lines = [
      "kind,path,range,status,bytes,request_ms,first_byte_ms,end_ms,connection,new_connection,cancelled"
    ]
    for r in outcome.requests {
      let cells = [
        r.kind, r.path, r.range ?? "-", String(r.status), String(r.bytes), f(r.requestMs),
        f(r.firstByteMs), f(r.endMs),
        r.connection ?? "-", r.newConnection.map(String.init) ?? "-", String(r.cancelled),
      ]
      lines.append(CSV.row(cells))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  struct JSONOutcome: Encodable {
    var session: ProtocolSessionResult
    var requests: [PlayRequest]
    var newConnectionRequests: Int
    var warmConnectionRequests: Int
    var failure: String?
    var live: LiveReport?
  }

  /// The session, its requests and the connection counts as JSON (sorted keys).
  public static func json(_ outcome: PlayOutcome) throws -> String {
    let encoder = CanonicalJSON.encoder()
    let value = JSONOutcome(
      session: outcome.result, requests: outcome.requests,
      newConnectionRequests: outcome.newConnectionCount,
      warmConnectionRequests: outcome.warmConnectionCount, failure: outcome.failure?.description,
      live: outcome.live)
    return String(decoding: try encoder.encode(value), as: UTF8.self)
  }
}
