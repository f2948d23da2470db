import Foundation
import HESPCore
import Testing

@testable import HESPReport

@Suite struct ReportRenderingTests {
  @Test func textIsEscapedInSVGAndHTML() {
    let hostile = "a<b> & \"c\" 'd'"
    let escaped = "a&lt;b&gt; &amp; &quot;c&quot; &#39;d&#39;"
    var timeline = ReportSamples.timeline
    timeline.title = hostile
    #expect(TimelineChart.svg(timeline).contains("<title>\(escaped)</title>"))
    let cdf = LatencyCDFChart.svg([LatencyDistribution(name: hostile, samplesMs: [1, 2])])
    #expect(cdf.contains(">\(escaped) (n=2, p50 1 ms)</text>"))
    let page = ReportPage(
      title: hostile, rows: [], figures: [.init(caption: hostile, content: .file("x\".svg"))],
      links: [.init(label: hostile, href: "r&d.csv")])
    let html = HTMLReport.render(page)
    #expect(html.contains("<h1>\(escaped)</h1>"))
    #expect(html.contains("<a href=\"r&amp;d.csv\">\(escaped)</a>"))
    #expect(html.contains("src=\"x&quot;.svg\""))
    #expect(!html.contains(hostile))
  }

  @Test func anInlineFigureIsPlacedInThePageAsIs() {
    let svg = LatencyCDFChart.svg(ReportSamples.distributions)
    let page = ReportPage(
      title: "t", rows: [], figures: [.init(caption: "cdf", content: .inlineSVG(svg))])
    #expect(HTMLReport.render(page).contains(String(svg.dropLast())))
  }

  @Test func aProtocolWithoutSwitchesIsListedAsSuch() {
    let svg = LatencyCDFChart.svg([LatencyDistribution(name: "dash", samplesMs: [])])
    #expect(svg.contains(">dash (no switches)</text>"))
    #expect(!svg.contains("<path"))
  }

  @Test func theTableShowsEveryStatisticOfTheSummary() throws {
    var row = ReportSamples.row(
      "hesp", sessions: 8, startupMs: [310, 350, 420], rebufferMs: 120, bitrateKbps: 2480.4)
    row.incompleteSessionCount = 1
    row.switchP50CI95Ms = [50, 70]
    row.switchSessionMedianMs = 57
    row.upSwitchP50Ms = 52
    row.downSwitchP50Ms = 80
    row.stallRatio = 0.034
    let html = HTMLReport.render(ReportPage(title: "t", rows: [row]))
    // hesp samples: count 10, p50 55, p90 90; startup p50 350, p90 420.
    let expected =
      "<tr><th scope=\"row\">hesp</th><td>8 <span class=\"flag\">(1 incomplete)</span></td><td>10</td>"
      + "<td>55.0</td><td>50.0–70.0</td><td>57.0</td><td>90.0</td><td>52.0</td><td>80.0</td><td>350.0</td>"
      + "<td>420.0</td><td>3.4</td><td>120.0</td><td>2480</td></tr>"
    #expect(html.contains(expected))
  }

  @Test func aBandwidthCeilingClipsTheAxisAndSaysSo() {
    let svg = TimelineChart.svg(ReportSamples.timeline, options: .init(bandwidthCeilingKbps: 3000))
    #expect(svg.contains("trace bandwidth (clipped at 3 Mbit/s)"))
    // The 5000 kbps period is drawn at the 3000 kbps cap: no vertex above the cap's y.
    let y = LinearScale(
      maxValue: 3000 * TimelineChart.headroom / 1000, pixels: (420 - 52, 58), targetTickCount: 6)
    #expect(!svg.contains(" \(Markup.coordinate(y.position(5))) L"))
    #expect(svg.contains(" \(Markup.coordinate(y.position(3))) L"))
    #expect(!TimelineChart.svg(ReportSamples.timeline).contains("clipped"))
  }

  @Test func theTimelineDrawsOneShadedRectanglePerStallAndTwoMarkersPerSwitch() {
    let svg = TimelineChart.svg(ReportSamples.timeline)
    let shaded = svg.components(separatedBy: "fill=\"#e03131\" fill-opacity=\"0.16\"").count - 1
    #expect(shaded == 1 + 1)  // one stall plus the legend swatch
    let markers = svg.components(separatedBy: "<circle").count - 1
    #expect(markers == 3 * 2 + 2)  // two per switch plus the legend's two
  }
}
