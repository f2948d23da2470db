import Foundation
import Testing

@testable import HESPReport

/// The rendered files are formats: they are compared byte for byte with `Fixtures/Golden/report/`
/// (regenerate with `HESP_UPDATE_GOLDEN=1 swift test --filter HESPReportTests` and review the diff).
@Suite struct GoldenReportTests {
  @Test func theSessionTimelineMatchesItsGoldenFile() throws {
    let svg = TimelineChart.svg(ReportSamples.timeline)
    #expect(svg == (try Golden.expected("timeline.svg", actual: svg)))
  }

  @Test func theLogScaleLatencyCDFMatchesItsGoldenFile() throws {
    let svg = LatencyCDFChart.svg(ReportSamples.distributions)
    #expect(svg == (try Golden.expected("cdf-log.svg", actual: svg)))
  }

  @Test func theLinearScaleLatencyCDFMatchesItsGoldenFile() throws {
    let svg = LatencyCDFChart.svg(ReportSamples.distributions, options: .init(xScale: .linear))
    #expect(svg == (try Golden.expected("cdf-linear.svg", actual: svg)))
  }

  @Test func theHTMLReportMatchesItsGoldenFile() throws {
    let html = HTMLReport.render(ReportSamples.page)
    #expect(html == (try Golden.expected("report.html", actual: html)))
  }

  @Test func everySVGIsWellFormedXML() {
    let documents = [
      TimelineChart.svg(ReportSamples.timeline),
      LatencyCDFChart.svg(ReportSamples.distributions),
      LatencyCDFChart.svg(ReportSamples.distributions, options: .init(xScale: .linear)),
      LatencyCDFChart.svg([LatencyDistribution(name: "<none>", samplesMs: [])]),
    ]
    for svg in documents {
      #expect(XMLCheck.isWellFormed(svg))
    }
  }
}
