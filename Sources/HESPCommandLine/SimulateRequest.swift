import ArgumentParser
import Foundation
import HESPABR
import HESPCore
import HESPSimulator
import HESPTraces

/// Everything `hesp simulate` needs, loaded and validated from its options.
struct SimulateRequest: Sendable {
  var movie: SabreMovie
  var movieName: String
  var traces: [NamedTrace]
  var choices: [ABRChoice]
  var abrOptions: ABROptions
  var configuration: SessionConfiguration
}

/// A one-line error naming the file or option and the reason.

extension SimulateCommand {
  func makeRequest() throws -> SimulateRequest {
    let choices = abr.elements
    let buffer = try RenamedOption("--buffer-size", bufferSize, old: "--buffer-s", oldBufferS)
    let bufferSeconds = buffer.value ?? 25
    guard bufferSeconds > 0 else { throw ValidationError("\(buffer.name) must be > 0") }
    guard bufferSeconds <= 86_400 else {
      throw ValidationError(
        "\(buffer.name) must be at most 86400 seconds (1 day), got \(bufferSeconds)")
    }
    guard !trace.isEmpty else {
      throw ValidationError("--trace: give at least one trace file or folder")
    }
    let rtt = try RenamedOption("--rtt-ms", rttMs, old: "--rtt", oldRTT)
    if let value = rtt.value, !(value >= 0 && value.isFinite) {
      throw ValidationError("\(rtt.name) must be >= 0 ms")
    }
    if let value = rtt.value, let reason = TraceLimits.latencyViolation(value) {
      throw ValidationError("\(rtt.name): \(reason)")
    }
    guard repeatCount >= 1 else { throw ValidationError("--repeat-count must be >= 1") }
    if let maxSessionSeconds, !(maxSessionSeconds > 0) {
      throw ValidationError("--max-session must be > 0 seconds")
    }
    if let maxSessionSeconds,
      let reason = SimulationLimits.sessionViolation(maxSessionSeconds * 1000)
    {
      throw ValidationError("--max-session: \(reason)")
    }

    var (movie, movieName) = try loadMovie()
    if let movieLengthSeconds {
      do { try MovieValidation.validateLength(movie, seconds: movieLengthSeconds) } catch {
        throw ValidationError("\(error)")
      }
      movie = MovieValidation.withLength(movie, seconds: movieLengthSeconds)
    }
    for choice in choices {
      if let problem = choice.problem(qualityCount: movie.bitratesKbps.count) {
        throw ValidationError("--abr \(problem)")
      }
    }

    var configuration = SessionConfiguration()
    configuration.bufferSizeMs = bufferSeconds * 1000
    configuration.abandonmentEnabled = abandon
    configuration.replacement = replace
    configuration.gammaP = gammaP
    configuration.rampupThreshold = rampupThreshold
    configuration.maximumSessionMs = maxSessionSeconds.map { $0 * 1000 }
    switch movingAverage {
    case .ewma:
      let lives = halfLife.split(separator: ",").compactMap { Double($0) }
      guard !lives.isEmpty, lives.allSatisfy({ $0 > 0 }) else {
        throw ValidationError("--half-life: give positive seconds, e.g. 3,8")
      }
      configuration.estimator = .ewma(halfLivesSeconds: lives)
    case .sliding:
      let sizes = windowSize.split(separator: ",").compactMap { Int($0) }
      guard !sizes.isEmpty, sizes.allSatisfy({ $0 > 0 }) else {
        throw ValidationError("--window-size: give positive sample counts, e.g. 3")
      }
      configuration.estimator = .slidingWindow(sizes: sizes)
    }
    var abrOptions = ABROptions(
      bufferSizeMs: bufferSeconds * 1000, gammaP: gammaP, bolaBasic: abrBasic,
      oscillationAvoiding: abrOsc, insufficientBufferRuleEnabled: !noIBR)
    let reservoir = try RenamedOption(
      "--bba-reservoir", bbaReservoir, old: "--bba-reservoir-s", oldBBAReservoirS)
    let cushion = try RenamedOption(
      "--bba-cushion", bbaCushion, old: "--bba-cushion-s", oldBBACushionS)
    let bbaReservoirSeconds = reservoir.value ?? BufferBasedRule.defaultReservoirMs / 1000
    let bbaCushionSeconds = cushion.value ?? BufferBasedRule.defaultCushionMs / 1000
    guard bbaReservoirSeconds >= 0, bbaCushionSeconds > 0 else {
      throw ValidationError("\(reservoir.name) must be >= 0 and \(cushion.name) > 0")
    }
    guard (1...8).contains(mpcHorizon) else { throw ValidationError("--mpc-horizon must be 1...8") }
    abrOptions.bbaReservoirMs = bbaReservoirSeconds * 1000
    abrOptions.bbaCushionMs = bbaCushionSeconds * 1000
    abrOptions.mpcHorizon = mpcHorizon
    return SimulateRequest(
      movie: movie, movieName: movieName, traces: try loadTraces(rttMs: rtt.value),
      choices: choices,
      abrOptions: abrOptions, configuration: configuration)
  }

  func loadMovie() throws -> (SabreMovie, String) {
    switch (movie, package) {
    case (nil, nil): throw ValidationError("give a package directory or --movie FILE")
    case (_?, _?): throw ValidationError("give either a package directory or --movie, not both")
    case (let path?, nil):
      let data = try readFile(path)
      let movie: SabreMovie
      do {
        movie = try JSONDecoder().decode(SabreMovie.self, from: data)
      } catch {
        throw CommandFailure("\(path): \(JSONErrorDescription.describe(error))")
      }
      do { try MovieValidation.validate(movie) } catch {
        throw CommandFailure("\(path): \(error)")
      }
      return (movie, path)
    case (nil, let directory?):
      let path = URL(fileURLWithPath: directory).appendingPathComponent(PackageLayout.frameIndex)
        .path
      let data = try readFile(path)
      do {
        let index = try JSONDecoder().decode(FrameIndex.self, from: data)
        return (try PackageMovie.movie(from: index), directory)
      } catch let error as MovieValidationError {
        throw CommandFailure("\(path): \(error)")
      } catch {
        throw CommandFailure("\(path): \(JSONErrorDescription.describe(error))")
      }
    }
  }

  /// Reads the trace files and folders (`TraceSet`: the same rules in every command), prints
  /// the loader's notes on stderr, applies `--rtt-ms` and validates every trace.
  func loadTraces(rttMs rtt: Double?) throws -> [NamedTrace] {
    let set: TraceSet
    do {
      set = try TraceSet.load(
        paths: trace, format: importArguments.format, options: importArguments.options)
    } catch {
      throw CommandFailure(error.description)
    }
    for note in set.notes { FileHandle.standardError.write(Data("hesp: \(note)\n".utf8)) }
    return try set.traces.map { named in
      var named = named
      if let rtt {
        named.trace.periods = named.trace.periods.map {
          .init(durationMs: $0.durationMs, bandwidthKbps: $0.bandwidthKbps, latencyMs: rtt)
        }
      }
      do { try TraceValidation.validate(named.trace) } catch {
        throw CommandFailure("\(named.path): \(error)")
      }
      return named
    }
  }

  func readFile(_ path: String) throws -> Data {
    do { return try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
      throw CommandFailure("\(path): cannot read (\((error as NSError).localizedDescription))")
    }
  }
}

/// One-line descriptions of JSON decoding errors, with the JSON path.
enum JSONErrorDescription {
  static func describe(_ error: any Error) -> String {
    guard let error = error as? DecodingError else { return "not valid JSON" }
    func path(_ keys: [any CodingKey]) -> String {
      let text = keys.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }
        .joined()
      return text.isEmpty ? "$" : "$" + text
    }
    switch error {
    case .typeMismatch(_, let context), .valueNotFound(_, let context):
      return "\(path(context.codingPath)): \(context.debugDescription)"
    case .keyNotFound(let key, let context):
      return "\(path(context.codingPath)): missing key '\(key.stringValue)'"
    case .dataCorrupted(let context):
      return context.codingPath.isEmpty
        ? "not valid JSON" : "\(path(context.codingPath)): \(context.debugDescription)"
    @unknown default:
      return "JSON of the wrong shape"
    }
  }
}
