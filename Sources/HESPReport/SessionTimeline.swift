/// Everything the timeline chart of one session shows, as plain values (the simulator maps its
/// results into this; the report module knows nothing of the simulator). Times are ms from the
/// session start.
public struct SessionTimeline: Sendable, Equatable {
  /// A value that holds from `startMs` until the next step (or the end of the session).
  public struct Step: Sendable, Equatable {
    public var startMs: Double
    public var kbps: Double
    public init(startMs: Double, kbps: Double) {
      self.startMs = startMs
      self.kbps = kbps
    }
  }

  /// A buffer level at an instant; the chart joins consecutive samples with straight lines.
  public struct BufferSample: Sendable, Equatable {
    public var timeMs: Double
    public var levelMs: Double
    public init(timeMs: Double, levelMs: Double) {
      self.timeMs = timeMs
      self.levelMs = levelMs
    }
  }

  /// One rendition switch: when it was decided and when the first frame of the new track was
  /// displayed (their difference is the switch latency).
  public struct Switch: Sendable, Equatable {
    public var decisionMs: Double
    public var displayedMs: Double
    public var fromKbps: Double
    public var toKbps: Double
    public init(decisionMs: Double, displayedMs: Double, fromKbps: Double, toKbps: Double) {
      self.decisionMs = decisionMs
      self.displayedMs = displayedMs
      self.fromKbps = fromKbps
      self.toKbps = toKbps
    }
  }

  /// A stall: playback frozen from `startMs` to `endMs`.
  public struct Stall: Sendable, Equatable {
    public var startMs: Double
    public var endMs: Double
    public init(startMs: Double, endMs: Double) {
      self.startMs = startMs
      self.endMs = endMs
    }
  }

  /// Chart title (e.g. `hesp · bola · report_bus_0001.json`).
  public var title: String
  /// Length of the session; the x-axis spans `0...durationMs`.
  public var durationMs: Double
  /// Link bandwidth of the trace, as steps.
  public var bandwidth: [Step]
  /// The bitrate the player chose, as steps.
  public var bitrate: [Step]
  public var buffer: [BufferSample]
  public var switches: [Switch]
  public var stalls: [Stall]

  public init(
    title: String, durationMs: Double, bandwidth: [Step], bitrate: [Step], buffer: [BufferSample],
    switches: [Switch], stalls: [Stall]
  ) {
    self.title = title
    self.durationMs = durationMs
    self.bandwidth = bandwidth
    self.bitrate = bitrate
    self.buffer = buffer
    self.switches = switches
    self.stalls = stalls
  }
}
