/// Renders the SVG timeline of one session: trace bandwidth and chosen bitrate as step lines
/// (left axis, Mbit/s), buffer level as a line (right axis, s), each switch as a marker at its
/// decision (hollow) joined to the display of the new track's first frame (filled), and stalls
/// as shaded intervals. Pure and deterministic: the same timeline gives the same bytes.
public enum TimelineChart {
  /// Layout and scale knobs; `init()` gives the defaults.
  public struct Options: Sendable, Equatable {
    public var widthPx: Double
    public var heightPx: Double
    /// Caps the left axis (bandwidth above it is drawn at the cap and the legend says so);
    /// `nil` fits the axis to the largest bandwidth or bitrate.
    public var bandwidthCeilingKbps: Double?

    public init(widthPx: Double = 960, heightPx: Double = 420, bandwidthCeilingKbps: Double? = nil)
    {
      self.widthPx = widthPx
      self.heightPx = heightPx
      self.bandwidthCeilingKbps = bandwidthCeilingKbps
    }
  }

  /// Vertical axes end at least 5% above the largest value so lines do not run on the frame.
  static let headroom = 1.05
  static let bandwidthColor = "#8a94a6"
  static let bitrateColor = "#1f5fbf"
  static let bufferColor = "#2e9e44"
  static let switchColor = "#d9480f"
  static let stallColor = "#e03131"

  /// - Returns: a standalone SVG document.
  public static func svg(_ timeline: SessionTimeline, options: Options = .init()) -> String {
    var canvas = SVGCanvas(width: options.widthPx, height: options.heightPx, title: timeline.title)
    let area = PlotArea(
      left: 72, top: 58, right: options.widthPx - 76, bottom: options.heightPx - 52)
    let endMs = max(timeline.durationMs, 1)

    let maxBandwidth = timeline.bandwidth.map(\.kbps).max() ?? 0
    let maxBitrate = max(
      timeline.bitrate.map(\.kbps).max() ?? 0,
      timeline.switches.map { max($0.fromKbps, $0.toKbps) }.max() ?? 0)
    var topKbps = max(maxBandwidth, maxBitrate, 1)
    var clipped = false
    if let ceiling = options.bandwidthCeilingKbps, ceiling > 0, ceiling < topKbps {
      topKbps = max(ceiling, maxBitrate)
      clipped = maxBandwidth > topKbps
    }
    let x = LinearScale(
      maxValue: endMs / 1000, pixels: (area.left, area.right), targetTickCount: 10)
    let y = LinearScale(
      maxValue: topKbps * headroom / 1000, pixels: (area.bottom, area.top), targetTickCount: 6)
    let maxBufferS = max(timeline.buffer.map(\.levelMs).max() ?? 0, 1) / 1000
    let yBuffer = LinearScale(
      maxValue: maxBufferS * headroom, pixels: (area.bottom, area.top), targetTickCount: 6)
    let px = { (ms: Double) in x.position(ms / 1000) }
    let pyKbps = { (kbps: Double) in y.position(kbps / 1000) }

    canvas.text(timeline.title, x: area.left, y: 22, size: 15, weight: "bold")
    // Stalls under everything else.
    for stall in timeline.stalls where stall.endMs > stall.startMs {
      let x0 = px(stall.startMs)
      canvas.rect(
        x: x0, y: area.top, width: max(px(stall.endMs) - x0, 1), height: area.height,
        fill: stallColor, opacity: 0.16)
    }
    area.drawBottomAxis(x, title: "time (s)", on: &canvas)
    area.drawVerticalAxis(
      y, title: "bandwidth, bitrate (Mbit/s)", onRight: false, grid: true, on: &canvas)
    area.drawVerticalAxis(
      yBuffer, title: "buffer (s)", onRight: true, grid: false, color: bufferColor, on: &canvas)

    let capped = timeline.bandwidth.map {
      SessionTimeline.Step(startMs: $0.startMs, kbps: min($0.kbps, topKbps))
    }
    canvas.polyline(
      stepPoints(capped, endMs: endMs, x: px, y: pyKbps), stroke: bandwidthColor, width: 1.2)
    canvas.polyline(
      timeline.buffer.map { (px($0.timeMs), yBuffer.position($0.levelMs / 1000)) },
      stroke: bufferColor, width: 1.5)
    canvas.polyline(
      stepPoints(timeline.bitrate, endMs: endMs, x: px, y: pyKbps), stroke: bitrateColor, width: 2)
    for change in timeline.switches {
      let yTo = pyKbps(change.toKbps)
      canvas.line(
        x1: px(change.decisionMs), y1: yTo, x2: px(change.displayedMs), y2: yTo,
        stroke: switchColor, width: 2)
      canvas.circle(
        x: px(change.decisionMs), y: yTo, radius: 3.5, fill: "#ffffff", stroke: switchColor)
      canvas.circle(
        x: px(change.displayedMs), y: yTo, radius: 3.5, fill: switchColor, stroke: switchColor)
    }
    drawLegend(on: &canvas, area: area, clippedAtKbps: clipped ? topKbps : nil)
    return canvas.rendered()
  }

  /// Step-line vertices: each value holds until the next step's start (or `endMs`).
  static func stepPoints(
    _ steps: [SessionTimeline.Step], endMs: Double, x: (Double) -> Double, y: (Double) -> Double
  ) -> [(Double, Double)] {
    var points: [(Double, Double)] = []
    for (i, step) in steps.enumerated() {
      let stopMs = i + 1 < steps.count ? steps[i + 1].startMs : endMs
      let level = y(step.kbps)
      points.append((x(step.startMs), level))
      points.append((x(max(stopMs, step.startMs)), level))
    }
    return points
  }

  static func drawLegend(on canvas: inout SVGCanvas, area: PlotArea, clippedAtKbps: Double?) {
    var cursor = area.left
    let y = 42.0
    func swatchLine(_ label: String, color: String, width: Double) {
      canvas.line(x1: cursor, y1: y - 4, x2: cursor + 22, y2: y - 4, stroke: color, width: width)
      canvas.text(label, x: cursor + 28, y: y)
      cursor += 28 + Double(label.count) * 6.6 + 18
    }
    let bandwidthLabel =
      clippedAtKbps.map {
        "trace bandwidth (clipped at \(Markup.fixed($0 / 1000, decimals: 2)) Mbit/s)"
      } ?? "trace bandwidth"
    swatchLine(bandwidthLabel, color: bandwidthColor, width: 1.2)
    swatchLine("chosen bitrate", color: bitrateColor, width: 2)
    swatchLine("buffer", color: bufferColor, width: 1.5)
    canvas.circle(x: cursor + 4, y: y - 4, radius: 3.5, fill: "#ffffff", stroke: switchColor)
    canvas.line(
      x1: cursor + 7.5, y1: y - 4, x2: cursor + 18.5, y2: y - 4, stroke: switchColor, width: 2)
    canvas.circle(x: cursor + 22, y: y - 4, radius: 3.5, fill: switchColor, stroke: switchColor)
    let switchLabel = "switch: decision → first frame shown"
    canvas.text(switchLabel, x: cursor + 32, y: y)
    cursor += 32 + Double(switchLabel.count) * 6.6 + 18
    canvas.rect(x: cursor, y: y - 10, width: 18, height: 12, fill: stallColor, opacity: 0.16)
    canvas.text("stall", x: cursor + 24, y: y)
  }
}
