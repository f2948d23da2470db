/// The rectangle of a chart where data is drawn, and how its axes are painted around it.
struct PlotArea {
  var left: Double
  var top: Double
  var right: Double
  var bottom: Double

  var width: Double { right - left }
  var height: Double { bottom - top }

  static let gridColor = "#e3e6ea"
  static let minorGridColor = "#f1f3f5"
  static let axisColor = "#555555"

  /// Vertical grid lines and the bottom axis with tick labels and a title.
  func drawBottomAxis(_ scale: any ChartScale, title: String, on canvas: inout SVGCanvas) {
    for tick in scale.ticks {
      let x = scale.position(tick.value)
      canvas.line(
        x1: x, y1: top, x2: x, y2: bottom,
        stroke: tick.isMajor ? Self.gridColor : Self.minorGridColor)
      canvas.line(
        x1: x, y1: bottom, x2: x, y2: bottom + (tick.isMajor ? 5 : 3), stroke: Self.axisColor)
      if !tick.label.isEmpty {
        canvas.text(tick.label, x: x, y: bottom + 18, anchor: .middle)
      }
    }
    canvas.line(x1: left, y1: bottom, x2: right, y2: bottom, stroke: Self.axisColor)
    canvas.text(title, x: (left + right) / 2, y: bottom + 38, anchor: .middle, size: 13)
  }

  /// Horizontal grid lines (when `grid`) and a left or right axis with tick labels and a title.
  func drawVerticalAxis(
    _ scale: any ChartScale, title: String, onRight: Bool, grid: Bool, color: String = axisColor,
    on canvas: inout SVGCanvas
  ) {
    let x = onRight ? right : left
    let direction: Double = onRight ? 1 : -1
    for tick in scale.ticks {
      let y = scale.position(tick.value)
      if grid {
        canvas.line(
          x1: left, y1: y, x2: right, y2: y,
          stroke: tick.isMajor ? Self.gridColor : Self.minorGridColor)
      }
      canvas.line(x1: x, y1: y, x2: x + direction * 5, y2: y, stroke: color)
      if !tick.label.isEmpty {
        canvas.text(
          tick.label, x: x + direction * 8, y: y + 4, anchor: onRight ? .start : .end, fill: color)
      }
    }
    canvas.line(x1: x, y1: top, x2: x, y2: bottom, stroke: color)
    let titleX = x + direction * 48
    canvas.text(
      title, x: titleX, y: (top + bottom) / 2, anchor: .middle, size: 13, fill: color,
      rotate: onRight ? 90 : -90)
  }
}
