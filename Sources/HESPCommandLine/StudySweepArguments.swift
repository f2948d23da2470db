import ArgumentParser
import Foundation
import HESPABR
import HESPProtocols
import HESPStudy
import HESPTraces

/// What a study crosses, shared by `study run` and `emulate run`: packages, traces, protocols,
/// ABRs, the session options, the RTT sweep (and whether it draws timelines).
struct StudySweepArguments: ParsableArguments {
  @Option(
    name: .customLong("package"), parsing: .upToNextOption,
    help: "HESP package directories (with frame-index.json); several make a sweep.")
  var packages: [String] = []

  @Option(
    help: "Baseline package for ll-dash/ll-hls/dash (GOP = segment duration); one --package only.")
  var baseline: String?

  @Option(
    name: .customLong("trace"), parsing: .upToNextOption,
    help: "Trace files or folders (any supported format).")
  var traces: [String] = []

  @OptionGroup var traceImport: TraceImportArguments

  @Option(
    help: ArgumentHelp(
      "Protocols, comma-separated: \(StreamingProtocol.allCases.map(\.rawValue).joined(separator: ", ")). (default: \(StreamingProtocol.defaultList))",
      valueName: "protocol,..."),
    transform: {
      try CommaSeparated($0) { text throws(ProtocolInputError) in
        try StreamingProtocol.parseList(text)
      }
    })
  var `protocol` = try! CommaSeparated(StreamingProtocol.defaultList) {
    text throws(ProtocolInputError) in
    try StreamingProtocol.parseList(text)
  }

  @Option(
    help: ArgumentHelp(
      "ABRs, comma-separated: \(StudyABR.names.joined(separator: ", ")). (default: throughput,bola,hesp)",
      valueName: "abr,..."),
    transform: {
      try CommaSeparated($0) { text throws(ProtocolInputError) in try StudyABR.parseList(text) }
    })
  var abr = try! CommaSeparated("throughput,bola,hesp") { text throws(ProtocolInputError) in
    try StudyABR.parseList(text)
  }

  @OptionGroup var session: StudySessionArguments

  @Option(
    name: .customLong("rtt-ms"),
    help:
      "Replace every trace's latency (ms); a comma-separated list makes a sweep, one variant per value."
  )
  var rttMs: String?

  @Option(name: .customLong("rtt"), help: .hidden)
  var oldRTT: String?

  @Flag(
    help:
      "Write an SVG timeline per session, and its ABR decisions with their inputs (timelines/NNN-...-decisions.csv)."
  )
  var timelines = false

  /// The paths these options read (an output folder must not replace them).
  var inputs: [String] { traces + packages + [baseline].compactMap { $0 } }

  /// `--rtt-ms` (or `--rtt`) as milliseconds; empty when not given.
  func rttsMs() throws -> [Double] {
    let rtt = try RenamedOption("--rtt-ms", rttMs, old: "--rtt", oldRTT)
    return try rtt.value.map { try Self.parseRTTs($0, option: rtt.name) } ?? []
  }

  /// The traces of `--trace`, imported; a trace that cannot be read names itself.
  func loadTraces() throws -> TraceSet {
    do {
      return try TraceSet.load(
        paths: traces, format: traceImport.format, options: traceImport.options)
    } catch {
      throw ProtocolInputError(error.description)
    }
  }

  /// The `--package` folders with their baselines (`--baseline`, or `PKG/baseline`).
  func loadPackages() throws -> [StudyPackages] {
    guard baseline == nil || packages.count == 1 else {
      throw ProtocolInputError(
        "--baseline: give it with one --package (several find PKG/baseline themselves)")
    }
    return try packages.map { try StudyPackages.load(package: $0, baseline: baseline) }
  }

  /// `50,100,200` as milliseconds.
  static func parseRTTs(_ text: String, option: String) throws(ProtocolInputError) -> [Double] {
    var values: [Double] = []
    for field in text.split(separator: ",", omittingEmptySubsequences: false) {
      guard let value = Double(field.trimmingCharacters(in: .whitespaces)) else {
        throw ProtocolInputError(
          "\(option): '\(field)' is not a number of milliseconds (e.g. 50,100,200)")
      }
      guard !values.contains(value) else {
        throw ProtocolInputError("\(option): \(field) ms is given twice")
      }
      values.append(value)
    }
    return values
  }
}
