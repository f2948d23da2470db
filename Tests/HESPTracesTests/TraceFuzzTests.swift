import Foundation
import HESPCore
import HESPTestSupport
import Testing

@testable import HESPTraces

/// Generated invalid and extreme traces for every importer: each gives a one-line `TraceError`
/// naming the source (and a line inside the file when it names one) or a trace within
/// `TraceLimits`, quickly. The inputs come from a seeded generator, the same on every run.
@Suite struct TraceFuzzTests {
  static let formats: [TraceFormat?] = [nil] + TraceFormat.allCases.map { $0 }

  @Test func emptyBlankAndBinaryInputsGiveOneLineErrorsInEveryFormat() {
    var random = SeededGenerator(seed: 12)
    var inputs = [
      "", " ", "\n\n \t\n", "\r\r\n", "\u{FEFF}", "\0", "[", "{}", "[]", "[[]]", "null",
    ]
    inputs += (0..<40).map { TraceFuzzCases.garbage(&random, count: 1 + $0 * 7) }
    for (i, text) in inputs.enumerated() {
      for format in Self.formats {
        expectErrorOrValidTrace(text, format: format, source: "empty-\(i)")
      }
    }
  }

  @Test func extremeNumbersInEveryFormatAreRefusedWithTheirLineOrStayWithinTheLimits() {
    var random = SeededGenerator(seed: 2024)
    for format in TraceFormat.allCases {
      for i in 0..<250 {
        let text = TraceFuzzCases.extremeTrace(format: format.rawValue, &random)
        expectErrorOrValidTrace(text, format: format, source: "extreme-\(format.rawValue)-\(i)")
        expectErrorOrValidTrace(text, format: nil, source: "detected-\(format.rawValue)-\(i)")
      }
    }
  }

  @Test func mutatedValidTracesAreRefusedWithTheirLineOrStayWithinTheLimits() throws {
    var random = SeededGenerator(seed: 7)
    for (formatName, text) in TraceFuzzCases.validSamples {
      let format = try #require(TraceFormat(rawValue: formatName))
      expectErrorOrValidTrace(
        text, format: format, source: "valid-\(formatName)", mustBeValid: true)
      for i in 0..<250 {
        var mutated = text
        for _ in 0...random.index(3) { mutated = TraceFuzzCases.mutate(mutated, &random) }
        expectErrorOrValidTrace(mutated, format: format, source: "mutated-\(formatName)-\(i)")
      }
    }
  }

  @Test func periodsShorterThanOneMillisecondAreRefusedInEveryFormat() throws {
    for (formatName, text) in TraceFuzzCases.tinyPeriods {
      let format = try #require(TraceFormat(rawValue: formatName))
      let error = #expect(throws: TraceError.self) {
        try NetworkTrace.parse(text, format: format, source: "tiny")
      }
      #expect(
        error?.reason.hasSuffix("is shorter than the 1 ms minimum") == true,
        "\(String(describing: error))")
    }
  }

  @Test func aFileOverTheSizeLimitIsRefusedWithoutBeingRead() throws {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "hesp-fuzz-huge-\(getpid()).down")
    defer { try? FileManager.default.removeItem(at: url) }
    #expect(FileManager.default.createFile(atPath: url.path, contents: Data("0\n1\n".utf8)))
    let handle = try FileHandle(forWritingTo: url)
    try handle.truncate(atOffset: UInt64(TraceLimits.maximumFileBytes) + 1)  // sparse: no disk used
    try handle.close()
    let error = #expect(throws: TraceError.self) { try NetworkTrace.load(from: url) }
    #expect(
      error?.description
        == "\(url.path): file of 268435457 bytes is larger than the limit of 268435456 bytes (256 MiB)"
    )
  }

  @Test func sabreJSONOverItsSizeLimitIsRefusedBeforeDecoding() {
    let text = "[" + String(repeating: " ", count: TraceLimits.maximumJSONBytes) + "]"
    let error = #expect(throws: TraceError.self) {
      try NetworkTrace.parse(text, source: "big.json")
    }
    #expect(
      error?.description.hasPrefix(
        "big.json: Sabre JSON of 33554434 bytes is larger than the limit") == true)
  }

  @Test func aDeviceIsRefusedInsteadOfBeingReadForever() {
    let error = #expect(throws: TraceError.self) {
      try NetworkTrace.load(from: URL(fileURLWithPath: "/dev/zero"))
    }
    #expect(error?.description == "/dev/zero: not a regular file")
  }

  @Test func binaryFilesAreRefusedAsNotText() throws {
    var random = SeededGenerator(seed: 99)
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "hesp-fuzz-binary-\(getpid()).bin")
    defer { try? FileManager.default.removeItem(at: url) }
    try Data([0xFF, 0xFE] + (0..<4096).map { _ in UInt8(truncatingIfNeeded: random.next()) }).write(
      to: url)
    let error = #expect(throws: TraceError.self) { try NetworkTrace.load(from: url) }
    #expect(error?.description == "\(url.path): not a text file (invalid UTF-8)")
  }

  @Test func aLargeValidMahimahiTraceImportsInBoundedTime() throws {
    // 400,000 opportunities over 600 s (5.3 MB): the lines are read lazily, bins counted as they come.
    let text = (0..<400_000).map { String($0 * 3 / 2) }.joined(separator: "\n")
    let start = ContinuousClock.now
    let trace = try NetworkTrace.parse(text, format: .mahimahi, source: "large.down")
    #expect(trace.periods.count == 6000)
    #expect(ContinuousClock.now - start < .seconds(20))
  }
}

/// Expects a one-line `TraceError` about `source` (a line, if named, inside the text) or, when
/// the text is accepted, a trace whose every period is within `TraceLimits`; either within 5 s.
func expectErrorOrValidTrace(
  _ text: String, format: TraceFormat?, source: String, mustBeValid: Bool = false,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  let start = ContinuousClock.now
  do {
    let trace = try NetworkTrace.parse(text, format: format, source: source)
    var endMs = 0.0
    let broken = trace.periods.first { period in
      endMs += period.durationMs
      return TraceLimits.violation(of: period, endingAtMs: endMs) != nil
    }
    let stats = TraceStatistics(trace)
    #expect(
      !trace.periods.isEmpty && broken == nil && stats.meanKbps.isFinite && stats.durationMs > 0,
      "\(source) accepted: \(broken.map { "\($0)" } ?? "no periods")",
      sourceLocation: sourceLocation)
  } catch let error as TraceError {
    let message = error.description
    let lineCount = text.utf8.filter { $0 == 10 || $0 == 13 }.count + 1
    var lineInside = true
    if case .line(let n) = error.location { lineInside = n >= 1 && n <= lineCount }
    #expect(
      !mustBeValid && message.hasPrefix(source + ":") && !message.contains("\n")
        && message.count <= 240
        && lineInside,
      "\(message)", sourceLocation: sourceLocation)
  } catch {
    Issue.record("\(source): not a TraceError: \(error)", sourceLocation: sourceLocation)
  }
  #expect(
    ContinuousClock.now - start < .seconds(5), "\(source) took too long",
    sourceLocation: sourceLocation)
}
