import HESPCore

/// The content of an HTML report page: a comparison table per protocol, figures and links to
/// the data files. Plain values; `HTMLReport.render(_:)` turns it into a page.
public struct ReportPage: Sendable, Equatable {
  /// One line of the comparison table: a protocol's (and ABR's) results over its sessions.
  public struct ProtocolRow: Sendable, Equatable {
    public var protocolName: String
    public var sessionCount: Int
    /// Sessions stopped by the time limit or that never showed a frame (flagged in the row).
    public var incompleteSessionCount: Int
    /// Switch latency over every switch of every session (nil: no switch).
    public var switchLatency: LatencySummary?
    /// [low, high] of the 95 % confidence interval of the switch latency p50.
    public var switchP50CI95Ms: [Double]?
    /// Median of the sessions' median switch latencies.
    public var switchSessionMedianMs: Double?
    /// p50 of the up- and down-switches.
    public var upSwitchP50Ms: Double?
    public var downSwitchP50Ms: Double?
    /// Startup (join) time over the sessions (nil: none).
    public var startupMs: LatencySummary?
    /// (startup + rebuffering) / session time.
    public var stallRatio: Double?
    /// Mean total rebuffering per session, ms.
    public var meanRebufferMs: Double?
    /// Mean time-averaged played bitrate per session, kbit/s.
    public var meanBitrateKbps: Double?

    /// Creates a row; `nil` statistics are shown as `–`.
    public init(
      protocolName: String, sessionCount: Int, incompleteSessionCount: Int = 0,
      switchLatency: LatencySummary?,
      switchP50CI95Ms: [Double]? = nil, switchSessionMedianMs: Double? = nil,
      upSwitchP50Ms: Double? = nil,
      downSwitchP50Ms: Double? = nil, startupMs: LatencySummary?, stallRatio: Double? = nil,
      meanRebufferMs: Double?,
      meanBitrateKbps: Double?
    ) {
      self.protocolName = protocolName
      self.sessionCount = sessionCount
      self.incompleteSessionCount = incompleteSessionCount
      self.switchLatency = switchLatency
      self.switchP50CI95Ms = switchP50CI95Ms
      self.switchSessionMedianMs = switchSessionMedianMs
      self.upSwitchP50Ms = upSwitchP50Ms
      self.downSwitchP50Ms = downSwitchP50Ms
      self.startupMs = startupMs
      self.stallRatio = stallRatio
      self.meanRebufferMs = meanRebufferMs
      self.meanBitrateKbps = meanBitrateKbps
    }
  }

  /// A chart: inline SVG markup (from `TimelineChart`/`LatencyCDFChart`) or a file to embed.
  public struct Figure: Sendable, Equatable {
    public enum Content: Sendable, Equatable {
      /// SVG markup produced by this module, placed in the page as is.
      case inlineSVG(String)
      /// A relative path or URL of an image (e.g. `cdf.svg`), embedded with `<img>` and linked.
      case file(String)
    }
    public var caption: String
    public var content: Content
    public init(caption: String, content: Content) {
      self.caption = caption
      self.content = content
    }
  }

  /// A link to a data file (CSV, JSON, a session timeline, ...).
  public struct Link: Sendable, Equatable {
    public var label: String
    public var href: String
    public init(label: String, href: String) {
      self.label = label
      self.href = href
    }
  }

  /// Page title (also the `<title>`).
  public var title: String
  /// Free-text lines under the title (inputs, settings, which sizes each protocol used).
  public var notes: [String]
  public var rows: [ProtocolRow]
  public var figures: [Figure]
  public var links: [Link]

  /// Creates a page; figures and links are optional.
  public init(
    title: String, notes: [String] = [], rows: [ProtocolRow], figures: [Figure] = [],
    links: [Link] = []
  ) {
    self.title = title
    self.notes = notes
    self.rows = rows
    self.figures = figures
    self.links = links
  }
}
