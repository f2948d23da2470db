import Foundation

/// A labelled position on an axis.
struct AxisTick: Equatable {
  var value: Double
  var label: String
  /// Minor ticks get a light grid line and no label.
  var isMajor: Bool
}

/// Maps data values to pixels along one axis.
protocol ChartScale {
  /// The pixel position of `value` (clamped to the axis).
  func position(_ value: Double) -> Double
  var ticks: [AxisTick] { get }
}

/// A linear axis from 0 (or `lower`) to a "nice" upper bound with ticks at 1, 2 or 5 × 10^k.
struct LinearScale: ChartScale {
  var lower: Double
  var upper: Double
  var pixelLower: Double
  var pixelUpper: Double
  var step: Double

  /// - Parameters:
  ///   - maxValue: the largest value to show; the axis ends at the next multiple of the step.
  ///   - targetTickCount: about how many intervals to draw.
  init(lower: Double = 0, maxValue: Double, pixels: (Double, Double), targetTickCount: Int = 6) {
    let span = max(maxValue - lower, 1e-9)
    step = Self.niceStep(span / Double(max(targetTickCount, 1)))
    self.lower = lower
    upper = lower + (span / step - 1e-9).rounded(.up) * step
    if upper <= lower { upper = lower + step }
    pixelLower = pixels.0
    pixelUpper = pixels.1
  }

  static func niceStep(_ raw: Double) -> Double {
    let magnitude = pow(10, (log10(raw)).rounded(.down))
    let normalized = raw / magnitude
    let nice: Double = normalized <= 1 ? 1 : normalized <= 2 ? 2 : normalized <= 5 ? 5 : 10
    return nice * magnitude
  }

  func position(_ value: Double) -> Double {
    let clamped = min(max(value, lower), upper)
    return pixelLower + (clamped - lower) / (upper - lower) * (pixelUpper - pixelLower)
  }

  var ticks: [AxisTick] {
    let count = Int(((upper - lower) / step).rounded())
    let decimals = step >= 1 ? 0 : Int((-log10(step)).rounded(.up))
    return (0...count).map { i in
      let value = lower + Double(i) * step
      return AxisTick(value: value, label: Markup.fixed(value, decimals: decimals), isMajor: true)
    }
  }
}

/// A base-10 logarithmic axis spanning whole decades around the data; labelled decades, minor
/// ticks at 2…9 (labelled at 2 and 5 too when the axis spans at most two decades).
struct LogScale: ChartScale {
  var lowerExponent: Int
  var upperExponent: Int
  var pixelLower: Double
  var pixelUpper: Double

  /// - Parameters: `minValue`, `maxValue`: the positive data range (values <= 0 are clamped to the axis start).
  init(minValue: Double, maxValue: Double, pixels: (Double, Double)) {
    let low = minValue > 0 ? minValue : 1
    let high = max(maxValue, low)
    lowerExponent = Int(log10(low).rounded(.down))
    upperExponent = max(Int((log10(high) - 1e-12).rounded(.up)), lowerExponent + 1)
    pixelLower = pixels.0
    pixelUpper = pixels.1
  }

  func position(_ value: Double) -> Double {
    let exponent = value > 0 ? log10(value) : Double(lowerExponent)
    let clamped = min(max(exponent, Double(lowerExponent)), Double(upperExponent))
    let fraction = (clamped - Double(lowerExponent)) / Double(upperExponent - lowerExponent)
    return pixelLower + fraction * (pixelUpper - pixelLower)
  }

  var ticks: [AxisTick] {
    let labelMinor = upperExponent - lowerExponent <= 2
    var ticks: [AxisTick] = []
    for exponent in lowerExponent...upperExponent {
      let decade = pow(10, Double(exponent))
      let decimals = max(0, -exponent)
      ticks.append(
        AxisTick(value: decade, label: Markup.fixed(decade, decimals: decimals), isMajor: true))
      guard exponent < upperExponent else { break }
      for multiple in 2...9 {
        let value = Double(multiple) * decade
        let labelled = labelMinor && (multiple == 2 || multiple == 5)
        ticks.append(
          AxisTick(
            value: value, label: labelled ? Markup.fixed(value, decimals: decimals) : "",
            isMajor: false))
      }
    }
    return ticks
  }
}
