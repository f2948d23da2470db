import Foundation
import HESPABR
import HESPCore
import HESPProtocols
import HESPStudy
import HESPTraces

/// How `hesp play` plays.
public struct PlayerOptions: Sendable {
  /// The manifest URL (or the package folder's URL).
  public var url: String
  public var streamingProtocol: StreamingProtocol = .hesp
  public var abr: StudyABR = .classic(.throughput)
  public var abrOptions = ABROptions()
  /// The session options, as `hesp study` takes them (`contentDurationMs` loops the clip;
  /// `videoOnly` is always set when playing: the player fetches no audio).
  public var options = ProtocolOptions()
  /// The baseline package's URL for the segment protocols (default: `baseline/` beside the
  /// manifest, when the server has one).
  public var baselineURL: String?
  /// Idle connections the pool keeps open beside those in use.
  public var prewarmedConnections = 2
  /// A request with no data for this long fails.
  public var requestTimeoutSeconds: Int64 = 30
  /// The trace the link follows, when known (for the reaction time).
  public var trace: NetworkTrace?
  /// The trace's name in the outputs.
  public var traceName = "network"

  public init(url: String) { self.url = url }
}

/// What one play session measured: the session in the study's terms, every request, and the log
/// of its decisions.
public struct PlayOutcome: Sendable {
  public var result: ProtocolSessionResult
  public var requests: [PlayRequest]
  public var decisions: DecisionLog
  /// The error that stopped the session early (the session is then incomplete), if any.
  public var failure: PlayerError?
  /// The content the decisions ran on (the simulator's view of the package).
  public var content: ProtocolContent
  /// A live stream: where the session joined it and the latency measured from each frame's
  /// `prft` (nil for a package).
  public var live: LiveReport? = nil

  /// Requests on a new connection / on a warm one.
  public var newConnectionCount: Int { requests.filter { $0.newConnection == true }.count }
  public var warmConnectionCount: Int { requests.filter { $0.newConnection == false }.count }
}

/// `hesp play`: joins a HESP package served over HTTP (`hesp serve`) and plays it on the wall
/// clock with one protocol and one ABR, its decisions made by the simulator's own code.
public enum Player {
  /// Plays one session.
  /// - Throws: `PlayerError` when the manifest or frame index cannot be read (a bad URL, a
  ///   refused connection, a 404) or the options do not fit the package. Failures during the
  ///   session end it early and are reported in the outcome.
  /// - Parameter decisions: builds the session's decisions for the content the protocol plays
  ///   (default: `FrameSimulation.makeDecisions` with `options.abr`, the simulator's); a
  ///   `ProtocolCore` with an ABR of one's own plugs in here.
  public static func play(
    _ options: PlayerOptions,
    decisions: (@Sendable (ProtocolContent, PlayerOptions) -> any ProtocolDecisions)? = nil
  ) async throws -> PlayOutcome {
    let manifestURL = PlayerURL.manifest(options.url)
    guard let parsed = URL(string: manifestURL), parsed.scheme == "http", parsed.host != nil else {
      throw PlayerError("\(options.url): not an http:// URL")
    }
    let transport = HTTPTransport(
      prewarmedConnections: options.prewarmedConnections,
      requestTimeoutSeconds: options.requestTimeoutSeconds)
    do {
      let outcome = try await play(
        options, manifestURL: manifestURL, transport: transport, decisions: decisions)
      await transport.shutdown()
      return outcome
    } catch {
      await transport.shutdown()
      throw error
    }
  }

  static func play(
    _ options: PlayerOptions, manifestURL: String, transport: HTTPTransport,
    decisions: (@Sendable (ProtocolContent, PlayerOptions) -> any ProtocolDecisions)?
  ) async throws -> PlayOutcome {
    // The player fetches no audio: its decisions see the video-only content it transfers.
    var options = options
    options.options.videoOnly = true
    // Its decisions go with its outputs (decisions.csv), to compare with a simulation's.
    options.options.recordsDecisions = true
    let name = PlayerURL.packageName(manifestURL)
    var hesp = try await PlayerPackage.load(
      manifestURL: manifestURL, name: name, transport: transport)
    if hesp.live != nil {
      guard options.streamingProtocol == .hesp else {
        throw PlayerError(
          "--protocol: a live stream is played with hesp (the live server has no baseline ladder)")
      }
      options.options.live = true
    } else if options.options.live {
      throw PlayerError("--live: \(manifestURL) is not a live stream (streamType is not live)")
    }
    var baseline: PlayerPackage?
    if options.streamingProtocol != .hesp {
      let typed = options.baselineURL.map(PlayerURL.manifest)
      let url =
        typed
        ?? (PlayerURL.folder(of: manifestURL) + PackageLayout.baseline + "/"
          + PackageLayout.manifest)
      do {
        baseline = try await PlayerPackage.load(
          manifestURL: url, name: name + "/" + PackageLayout.baseline, transport: transport)
      } catch {
        if typed != nil { throw error }
      }
    }
    let packages = StudyPackages(
      hesp: StudyPackage(index: hesp.index, name: name),
      baseline: baseline.map { StudyPackage(index: $0.index, name: $0.name) })
    let frameMs = Double(hesp.index.frameDurationTicks) * 1000 / Double(hesp.index.timescale)
    var sizes: StudyVariant.Sizes
    do {
      try options.options.validate(frameMs: frameMs)
      sizes = try StudyVariant.sizes(
        packages: packages, streamingProtocol: options.streamingProtocol, options: options.options)
      if hesp.live != nil {
        // Live: the decisions' content starts `headStart` frames before the newest at the
        // session's start; `--duration` counts from that newest frame.
        let probe = FrameSimulation.makeDecisions(
          content: sizes.content, streamingProtocol: options.streamingProtocol, abr: options.abr,
          abrOptions: options.abrOptions, options: options.options)
        options.options.contentDurationMs =
          Double(sizes.content.frameCount + LiveJoin.headStartFrames(probe)) * frameMs
        sizes = try StudyVariant.sizes(
          packages: packages, streamingProtocol: options.streamingProtocol,
          options: options.options)
      }
    } catch {
      throw PlayerError(error.description)
    }
    if case .classic(let choice) = options.abr,
      let problem = choice.problem(qualityCount: sizes.content.trackCount)
    {
      throw PlayerError("--abr: \(problem)")
    }
    let package = options.streamingProtocol == .hesp ? hesp : (baseline ?? hesp)
    let core =
      decisions?(sizes.content, options)
      ?? FrameSimulation.makeDecisions(
        content: sizes.content, streamingProtocol: options.streamingProtocol, abr: options.abr,
        abrOptions: options.abrOptions, options: options.options)
    if var live = hesp.live {
      live = try await LiveJoin.anchor(
        live, core: core, manifestURL: manifestURL, transport: transport)
      hesp.live = live
    } else {
      transport.startSession()
    }
    let session = PlayerSession(
      core: core, package: options.streamingProtocol == .hesp ? hesp : package,
      transport: transport, trace: options.trace)
    let (played, log) = await withTaskExecutorPreference(PlayerExecutor()) {
      var session = session
      let played = await session.run()
      return (played, session.log)
    }
    var (result, failure) = played
    let live = hesp.live.map { LiveReport(stream: $0, samples: session.liveLog.all, core: core) }
    if let live { result.liveLatency = live.displayLatency(shifting: result.liveLatency) }
    result.abrName = options.abr.description
    result.traceName = options.traceName
    result.variantName = name
    result.sizesSource = sizes.source
    return PlayOutcome(
      result: result, requests: transport.requests, decisions: log, failure: failure,
      content: sizes.content, live: live)
  }
}
