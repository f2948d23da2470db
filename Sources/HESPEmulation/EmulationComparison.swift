import Foundation
import HESPCore
import HESPProtocols

/// Simulated against emulated, session by session: startup, median switch latency and switch
/// count, with the agreement rule of issue 18: times within 10 % or 25 ms (whichever is larger),
/// switch counts within 1. Sessions are matched by variant, trace, protocol and ABR.
public struct EmulationComparison: Sendable, Equatable {
  public struct Row: Sendable, Equatable {
    public var variant: String
    public var trace: String
    public var protocolName: String
    public var abr: String
    public var simulatedStartupMs: Double?
    public var emulatedStartupMs: Double?
    public var simulatedSwitchP50Ms: Double?
    public var emulatedSwitchP50Ms: Double?
    public var simulatedSwitches: Int
    public var emulatedSwitches: Int

    /// Emulated minus simulated startup, ms.
    public var startupDeviationMs: Double? { difference(emulatedStartupMs, simulatedStartupMs) }
    public var switchP50DeviationMs: Double? {
      difference(emulatedSwitchP50Ms, simulatedSwitchP50Ms)
    }

    public var startupAgrees: Bool {
      EmulationComparison.agree(simulatedStartupMs, emulatedStartupMs)
    }
    public var switchP50Agrees: Bool {
      EmulationComparison.agree(simulatedSwitchP50Ms, emulatedSwitchP50Ms)
    }
    public var switchCountAgrees: Bool { abs(emulatedSwitches - simulatedSwitches) <= 1 }
    public var agrees: Bool { startupAgrees && switchP50Agrees && switchCountAgrees }

    func difference(_ a: Double?, _ b: Double?) -> Double? {
      guard let a, let b else { return nil }
      return a - b
    }
  }

  public var rows: [Row]
  /// Emulated sessions without a simulated one (named), and the other way round.
  public var unmatched: [String]
  /// Matched sessions whose sizes differ (e.g. a simulation with audio against `hesp play`,
  /// which fetches none): one line per distinct pair of size notes.
  public var notes: [String] = []

  /// Within 10 % of the simulated value or 25 ms, whichever is larger; both missing agree.
  public static func agree(_ simulated: Double?, _ emulated: Double?) -> Bool {
    switch (simulated, emulated) {
    case (nil, nil): return true
    case (let s?, let e?): return abs(e - s) <= max(0.1 * abs(s), 25)
    default: return false
    }
  }

  public init(simulated: [ProtocolSessionResult], emulated: [ProtocolSessionResult]) {
    func key(_ r: ProtocolSessionResult) -> String {
      [r.variantName, r.traceName, r.protocolName, r.abrName].joined(separator: " · ")
    }
    var byKey: [String: ProtocolSessionResult] = [:]
    for result in simulated { byKey[key(result)] = result }
    var rows: [Row] = []
    var unmatched: [String] = []
    var notes: [String] = []
    var used = Set<String>()
    for result in emulated {
      guard let simulatedResult = byKey[key(result)] else {
        unmatched.append("emulated only: \(key(result))")
        continue
      }
      used.insert(key(result))
      if simulatedResult.sizesSource != result.sizesSource {
        let note =
          "sizes differ: simulated \"\(simulatedResult.sizesSource)\", emulated \"\(result.sizesSource)\""
          + (result.sizesSource.contains("video only")
            && !simulatedResult.sizesSource.contains("video only")
            ? " (hesp play fetches no audio: simulate with --video-only)" : "")
        if !notes.contains(note) { notes.append(note) }
      }
      rows.append(
        Row(
          variant: result.variantName, trace: result.traceName, protocolName: result.protocolName,
          abr: result.abrName,
          simulatedStartupMs: simulatedResult.startupMs, emulatedStartupMs: result.startupMs,
          simulatedSwitchP50Ms: simulatedResult.switchLatency?.p50Ms,
          emulatedSwitchP50Ms: result.switchLatency?.p50Ms,
          simulatedSwitches: simulatedResult.switches.count, emulatedSwitches: result.switches.count
        ))
    }
    for result in simulated where !used.contains(key(result)) {
      unmatched.append("simulated only: \(key(result))")
    }
    self.rows = rows
    self.unmatched = unmatched
    self.notes = notes
  }

  /// Reads the `results.json` of a study or emulation folder.
  /// - Throws: `EmulationError` naming the file.
  public static func results(inFolder folder: String) throws(EmulationError)
    -> [ProtocolSessionResult]
  {
    let path = (folder as NSString).appendingPathComponent("results.json")
    guard let data = FileManager.default.contents(atPath: path) else {
      throw EmulationError(
        "\(path): cannot read (give the folder hesp study or hesp emulate wrote)")
    }
    do { return try JSONDecoder().decode([ProtocolSessionResult].self, from: data) } catch {
      throw EmulationError("\(path): not a study's results (\(error))")
    }
  }

  /// The median of the absolute startup and switch-latency deviations, ms (nil without any).
  public var medianAbsoluteDeviationMs: (startup: Double?, switchP50: Double?) {
    func median(_ values: [Double]) -> Double? {
      guard !values.isEmpty else { return nil }
      let sorted = values.sorted()
      let middle = sorted.count / 2
      return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
    return (
      median(rows.compactMap(\.startupDeviationMs).map(abs)),
      median(rows.compactMap(\.switchP50DeviationMs).map(abs))
    )
  }

  /// The per-session table (the session's name last, so the columns line up) and a closing line.
  public func render() -> String {
    func ms(_ value: Double?) -> String { value.map { String(format: "%.0f", $0) } ?? "-" }
    func signed(_ value: Double?) -> String { value.map { String(format: "%+.0f", $0) } ?? "-" }
    func cell(_ text: String, _ width: Int) -> String {
      text.padding(toLength: max(width, text.count), withPad: " ", startingAt: 0)
    }
    var lines = [
      cell("startup ms sim/emu (dev)", 26) + cell("switch p50 ms sim/emu (dev)", 29)
        + cell("switches", 10)
        + cell("agree", 30) + "session"
    ]
    for row in rows {
      let name =
        "\(row.protocolName) \(row.abr) \(row.trace)"
        + (row.variant.isEmpty ? "" : " [\(row.variant)]")
      let verdict =
        row.agrees
        ? "yes"
        : "no ("
          + [
            row.startupAgrees ? nil : "startup", row.switchP50Agrees ? nil : "switch p50",
            row.switchCountAgrees ? nil : "switches",
          ].compactMap { $0 }.joined(separator: ", ") + ")"
      lines.append(
        cell(
          "\(ms(row.simulatedStartupMs))/\(ms(row.emulatedStartupMs)) (\(signed(row.startupDeviationMs)))",
          26)
          + cell(
            "\(ms(row.simulatedSwitchP50Ms))/\(ms(row.emulatedSwitchP50Ms)) (\(signed(row.switchP50DeviationMs)))",
            29)
          + cell("\(row.simulatedSwitches)/\(row.emulatedSwitches)", 10) + cell(verdict, 30) + name)
    }
    let (startup, p50) = medianAbsoluteDeviationMs
    lines.append(
      "\(rows.filter(\.agrees).count) of \(rows.count) sessions agree (10 % or 25 ms, switches within 1); "
        + "median |deviation|: startup \(ms(startup)) ms, switch p50 \(ms(p50)) ms")
    lines += unmatched
    lines += notes
    return lines.joined(separator: "\n")
  }
}
