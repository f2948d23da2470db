import HESPCore

/// Renders the SVG CDF of switch latency, one empirical-CDF step curve per protocol, with a
/// legend above the plot (name, number of switches, p50) and a log or linear x-axis in ms. Pure and deterministic.
public enum LatencyCDFChart {
  /// How the latency axis is drawn.
  public enum XScale: String, Sendable, CaseIterable {
    /// Base-10 log axis over whole decades (samples <= 0 are drawn at the axis start).
    case log
    /// Linear axis from 0.
    case linear
  }

  public struct Options: Sendable, Equatable {
    public var widthPx: Double
    public var heightPx: Double
    public var xScale: XScale
    public var title: String

    public init(
      widthPx: Double = 760, heightPx: Double = 440, xScale: XScale = .log,
      title: String = "Switch latency CDF"
    ) {
      self.widthPx = widthPx
      self.heightPx = heightPx
      self.xScale = xScale
      self.title = title
    }
  }

  /// Curve colors, in input order (a colour-blind-safe categorical palette).
  static let palette = [
    "#d9480f", "#1f5fbf", "#2e9e44", "#7b2cbf", "#8a6d3b", "#c2255c", "#0b7285", "#495057",
  ]

  /// - Returns: a standalone SVG document.
  public static func svg(_ distributions: [LatencyDistribution], options: Options = .init())
    -> String
  {
    var canvas = SVGCanvas(width: options.widthPx, height: options.heightPx, title: options.title)
    let finite = distributions.map { $0.samplesMs.filter(\.isFinite).sorted() }
    canvas.text(options.title, x: 72, y: 24, size: 15, weight: "bold")
    let plotTop = drawLegend(distributions, finite: finite, width: options.widthPx, on: &canvas)
    let area = PlotArea(
      left: 72, top: plotTop, right: options.widthPx - 24, bottom: options.heightPx - 52)
    let all = finite.flatMap { $0 }
    let maxMs = all.max() ?? 1
    let x: any ChartScale
    switch options.xScale {
    case .log:
      x = LogScale(
        minValue: all.filter { $0 > 0 }.min() ?? 1, maxValue: maxMs, pixels: (area.left, area.right)
      )
    case .linear:
      x = LinearScale(maxValue: max(maxMs, 1), pixels: (area.left, area.right), targetTickCount: 8)
    }
    let y = LinearScale(maxValue: 1, pixels: (area.bottom, area.top), targetTickCount: 5)

    let axisTitle =
      options.xScale == .log ? "switch latency (ms, log scale)" : "switch latency (ms)"
    area.drawBottomAxis(x, title: axisTitle, on: &canvas)
    area.drawVerticalAxis(
      PercentScale(base: y), title: "fraction of switches at or below (%)", onRight: false,
      grid: true, on: &canvas)

    for (index, samples) in finite.enumerated() where !samples.isEmpty {
      let color = palette[index % palette.count]
      // Empirical CDF: rises by 1/n at each sample, flat in between; from 0 at the first sample
      // to 1 at the last (not extended to the edge, so curves never hide each other along 100%).
      var points: [(Double, Double)] = [(x.position(samples[0]), y.position(0))]
      for (rank, sample) in samples.enumerated() {
        let sampleX = x.position(sample)
        points.append((sampleX, y.position(Double(rank) / Double(samples.count))))
        points.append((sampleX, y.position(Double(rank + 1) / Double(samples.count))))
      }
      canvas.polyline(dedupe(points), stroke: color, width: 2)
    }
    return canvas.rendered()
  }

  /// Drops consecutive duplicate vertices (many equal samples give one vertical segment).
  static func dedupe(_ points: [(Double, Double)]) -> [(Double, Double)] {
    var out: [(Double, Double)] = []
    for point in points {
      let rounded = (Markup.coordinate(point.0), Markup.coordinate(point.1))
      if let last = out.last, (Markup.coordinate(last.0), Markup.coordinate(last.1)) == rounded {
        continue
      }
      out.append(point)
    }
    return out
  }

  /// Legend entries laid out in rows above the plot (wrapping at the chart width), so no curve
  /// is ever hidden. - Returns: the y where the plot area may start.
  static func drawLegend(
    _ distributions: [LatencyDistribution], finite: [[Double]], width: Double,
    on canvas: inout SVGCanvas
  ) -> Double {
    let left = 72.0
    let rowHeight = 18.0
    var x = left
    var y = 46.0
    for (index, distribution) in distributions.enumerated() {
      let samples = finite[index]
      let detail: String
      if samples.isEmpty {
        detail = "no switches"
      } else {
        let p50 = LatencySummary.percentile(sorted: samples, 50)
        detail = "n=\(samples.count), p50 \(Markup.fixed(p50, decimals: p50 < 10 ? 1 : 0)) ms"
      }
      let label = "\(distribution.name) (\(detail))"
      let entryWidth = 28 + Double(label.count) * 6.2 + 22
      if x > left, x + entryWidth > width - 24 {
        x = left
        y += rowHeight
      }
      let color = palette[index % palette.count]
      canvas.line(x1: x, y1: y - 4, x2: x + 22, y2: y - 4, stroke: color, width: 2.5)
      canvas.text(label, x: x + 28, y: y)
      x += entryWidth
    }
    return y + 16
  }
}

/// A 0...1 linear scale labelled in percent.
struct PercentScale: ChartScale {
  var base: LinearScale
  func position(_ value: Double) -> Double { base.position(value) }
  var ticks: [AxisTick] {
    base.ticks.map {
      AxisTick(value: $0.value, label: Markup.fixed($0.value * 100, decimals: 0), isMajor: true)
    }
  }
}
