/// Accumulates SVG elements line by line; every number goes through `Markup.coordinate` and every
/// text through `Markup.escape`, so output is deterministic and well-formed.
struct SVGCanvas {
  let width: Double
  let height: Double
  private(set) var lines: [String] = []

  init(width: Double, height: Double, title: String) {
    self.width = width
    self.height = height
    let w = Markup.coordinate(width)
    let h = Markup.coordinate(height)
    lines.append(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(w)\" height=\"\(h)\" viewBox=\"0 0 \(w) \(h)\" "
        + "font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">")
    lines.append("<title>\(Markup.escape(title))</title>")
    lines.append("<rect x=\"0\" y=\"0\" width=\"\(w)\" height=\"\(h)\" fill=\"#ffffff\"/>")
  }

  mutating func raw(_ line: String) { lines.append(line) }

  mutating func line(
    x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1,
    dash: String? = nil
  ) {
    let c = Markup.coordinate
    let dashAttribute = dash.map { " stroke-dasharray=\"\($0)\"" } ?? ""
    lines.append(
      "<line x1=\"\(c(x1))\" y1=\"\(c(y1))\" x2=\"\(c(x2))\" y2=\"\(c(y2))\" stroke=\"\(stroke)\" "
        + "stroke-width=\"\(c(width))\"\(dashAttribute)/>")
  }

  mutating func rect(
    x: Double, y: Double, width: Double, height: Double, fill: String, opacity: Double? = nil
  ) {
    let c = Markup.coordinate
    let opacityAttribute = opacity.map { " fill-opacity=\"\(c($0))\"" } ?? ""
    lines.append(
      "<rect x=\"\(c(x))\" y=\"\(c(y))\" width=\"\(c(width))\" height=\"\(c(height))\" fill=\"\(fill)\"\(opacityAttribute)/>"
    )
  }

  mutating func circle(x: Double, y: Double, radius: Double, fill: String, stroke: String) {
    let c = Markup.coordinate
    lines.append(
      "<circle cx=\"\(c(x))\" cy=\"\(c(y))\" r=\"\(c(radius))\" fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"1.5\"/>"
    )
  }

  /// A path through `points` (`M` then `L`), or nothing when there are no points.
  mutating func polyline(
    _ points: [(Double, Double)], stroke: String, width: Double, dash: String? = nil
  ) {
    guard let first = points.first else { return }
    let c = Markup.coordinate
    var d = "M\(c(first.0)) \(c(first.1))"
    for point in points.dropFirst() { d += " L\(c(point.0)) \(c(point.1))" }
    let dashAttribute = dash.map { " stroke-dasharray=\"\($0)\"" } ?? ""
    lines.append(
      "<path d=\"\(d)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(c(width))\" "
        + "stroke-linejoin=\"round\"\(dashAttribute)/>")
  }

  enum Anchor: String { case start, middle, end }

  mutating func text(
    _ text: String, x: Double, y: Double, anchor: Anchor = .start, size: Double? = nil,
    weight: String? = nil,
    fill: String = "#222222", rotate: Double? = nil
  ) {
    let c = Markup.coordinate
    var attributes =
      "x=\"\(c(x))\" y=\"\(c(y))\" text-anchor=\"\(anchor.rawValue)\" fill=\"\(fill)\""
    if let size { attributes += " font-size=\"\(c(size))\"" }
    if let weight { attributes += " font-weight=\"\(weight)\"" }
    if let rotate { attributes += " transform=\"rotate(\(c(rotate)) \(c(x)) \(c(y)))\"" }
    lines.append("<text \(attributes)>\(Markup.escape(text))</text>")
  }

  /// The finished document.
  func rendered() -> String {
    (lines + ["</svg>"]).joined(separator: "\n") + "\n"
  }
}
