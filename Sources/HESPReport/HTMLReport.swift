import HESPCore

/// Renders a `ReportPage` as one self-contained HTML page (inline CSS, no scripts): title and
/// notes, the per-protocol comparison table, the figures (inline SVG or embedded files) and
/// links to the data files. All text and attribute values are escaped; output is deterministic.
public enum HTMLReport {
  /// - Returns: the HTML document.
  public static func render(_ page: ReportPage) -> String {
    var html: [String] = [
      "<!DOCTYPE html>",
      "<html lang=\"en\">",
      "<head>",
      "<meta charset=\"utf-8\">",
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
      "<title>\(Markup.escape(page.title))</title>",
      "<style>",
      style,
      "</style>",
      "</head>",
      "<body>",
      "<h1>\(Markup.escape(page.title))</h1>",
    ]
    for note in page.notes { html.append("<p class=\"note\">\(Markup.escape(note))</p>") }
    html.append("<h2>Comparison</h2>")
    html.append(contentsOf: table(page.rows))
    if !page.figures.isEmpty {
      html.append("<h2>Figures</h2>")
      for figure in page.figures { html.append(contentsOf: self.figure(figure)) }
    }
    if !page.links.isEmpty {
      html.append("<h2>Data</h2>")
      html.append("<ul class=\"links\">")
      for link in page.links {
        html.append(
          "<li><a href=\"\(Markup.escape(link.href))\">\(Markup.escape(link.label))</a></li>")
      }
      html.append("</ul>")
    }
    html.append(contentsOf: ["</body>", "</html>"])
    return html.joined(separator: "\n") + "\n"
  }

  static func table(_ rows: [ReportPage.ProtocolRow]) -> [String] {
    var html = [
      "<table>",
      "<thead>",
      "<tr><th rowspan=\"2\">protocol</th><th rowspan=\"2\">sessions</th>"
        + "<th colspan=\"7\">switch latency (ms)</th><th colspan=\"2\">startup (ms)</th>"
        + "<th rowspan=\"2\">stall<br>(%)</th><th rowspan=\"2\">rebuffer<br>(ms/session)</th>"
        + "<th rowspan=\"2\">bitrate<br>(kbit/s)</th></tr>",
      "<tr><th>count</th><th>p50</th><th>95% CI of p50</th><th>median of sessions</th><th>p90</th>"
        + "<th>up p50</th><th>down p50</th><th>p50</th><th>p90</th></tr>",
      "</thead>",
      "<tbody>",
    ]
    for row in rows {
      let s = row.switchLatency
      let interval =
        row.switchP50CI95Ms.flatMap { $0.count == 2 ? "\(ms($0[0]))–\(ms($0[1]))" : nil } ?? "–"
      let cells = [
        String(s?.count ?? 0), ms(s?.p50Ms), interval, ms(row.switchSessionMedianMs), ms(s?.p90Ms),
        ms(row.upSwitchP50Ms), ms(row.downSwitchP50Ms), ms(row.startupMs?.p50Ms),
        ms(row.startupMs?.p90Ms),
        Markup.cell(row.stallRatio.map { $0 * 100 }, decimals: 1), ms(row.meanRebufferMs),
        Markup.cell(row.meanBitrateKbps, decimals: 0),
      ]
      let sessions =
        row.incompleteSessionCount > 0
        ? "\(row.sessionCount) <span class=\"flag\">(\(row.incompleteSessionCount) incomplete)</span>"
        : String(row.sessionCount)
      html.append(
        "<tr><th scope=\"row\">\(Markup.escape(row.protocolName))</th><td>\(sessions)</td>"
          + cells.map { "<td>\($0)</td>" }.joined() + "</tr>")
    }
    html.append(contentsOf: ["</tbody>", "</table>"])
    html.append(
      "<p class=\"legend\">Switch latency: the ABR's decision to continuous playback of the new track (a "
        + "freeze right after the switch belongs to it), over all switches of the sessions; 95% CI: "
        + "cluster bootstrap over traces; median of sessions: every session weighs the same. Startup: to "
        + "continuous playback. Stall: (startup + rebuffering) / session time. Percentiles by nearest "
        + "rank. – = no sample.</p>")
    return html
  }

  /// Milliseconds with one decimal, `–` for nil.
  static func ms(_ value: Double?) -> String { Markup.cell(value, decimals: 1) }

  static func figure(_ figure: ReportPage.Figure) -> [String] {
    var html = ["<figure>"]
    switch figure.content {
    case .inlineSVG(let svg):
      html.append(svg.hasSuffix("\n") ? String(svg.dropLast()) : svg)
    case .file(let href):
      let escaped = Markup.escape(href)
      html.append(
        "<a href=\"\(escaped)\"><img src=\"\(escaped)\" alt=\"\(Markup.escape(figure.caption))\"></a>"
      )
    }
    html.append("<figcaption>\(Markup.escape(figure.caption))</figcaption>")
    html.append("</figure>")
    return html
  }

  static let style = """
    body { font-family: Helvetica, Arial, sans-serif; color: #222; margin: 24px 32px; max-width: 1100px; }
    h1 { font-size: 22px; margin: 0 0 8px; }
    h2 { font-size: 17px; margin: 28px 0 10px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
    p.note { margin: 2px 0; color: #444; }
    p.legend { font-size: 12px; color: #666; }
    table { border-collapse: collapse; font-size: 13px; }
    th, td { border: 1px solid #d0d4d9; padding: 4px 8px; }
    thead th { background: #f1f3f5; }
    td { text-align: right; font-variant-numeric: tabular-nums; }
    tbody th { text-align: left; background: #fafbfc; }
    figure { margin: 12px 0 20px; }
    figure img, figure svg { max-width: 100%; height: auto; border: 1px solid #e3e6ea; }
    figcaption { font-size: 12px; color: #555; margin-top: 4px; }
    ul.links { padding-left: 20px; }
    span.flag { color: #b3261e; font-weight: bold; }
    """
}
