import Foundation

/// One rung of a ladder as the user asks for it: a picture height (width follows the source's
/// aspect ratio unless given) and a target bitrate.
public struct Rendition: Sendable, Equatable, Hashable, CustomStringConvertible {
  /// Requested width, nil = derived from the source aspect ratio.
  public var width: Int?
  public var height: Int
  public var targetBitsPerSecond: Int

  public init(width: Int? = nil, height: Int, targetBitsPerSecond: Int) {
    self.width = width
    self.height = height
    self.targetBitsPerSecond = targetBitsPerSecond
  }

  /// Parses `720p@3000k`, `1280x720@3000k`, `360p@600000` (bits/s) or `1080p@4.5M`.
  public init(parsing spec: String) throws {
    let text = spec.trimmingCharacters(in: .whitespaces)
    let parts = text.split(separator: "@", omittingEmptySubsequences: false)
    guard parts.count == 2 else {
      throw LadderError(spec: spec, reason: "expected <height>p@<bitrate>k, e.g. 720p@3000k")
    }
    let size = parts[0].lowercased()
    if size.hasSuffix("p"), let height = Int(size.dropLast()) {
      self.width = nil
      self.height = height
    } else {
      let dimensions = size.split(separator: "x", omittingEmptySubsequences: false)
      guard dimensions.count == 2, let width = Int(dimensions[0]), let height = Int(dimensions[1])
      else {
        throw LadderError(
          spec: spec, reason: "size '\(parts[0])' is not <height>p or <width>x<height>")
      }
      guard width > 0, width % 2 == 0 else {
        throw LadderError(spec: spec, reason: "width must be a positive even number")
      }
      self.width = width
      self.height = height
    }
    guard height > 0, height % 2 == 0 else {
      throw LadderError(spec: spec, reason: "height must be a positive even number")
    }
    self.targetBitsPerSecond = try Self.parseBitRate(String(parts[1]), spec: spec)
  }

  private static func parseBitRate(_ text: String, spec: String) throws -> Int {
    let lower = text.lowercased()
    var multiplier = 1.0
    var number = Substring(lower)
    if lower.hasSuffix("k") {
      multiplier = 1_000
      number = number.dropLast()
    } else if lower.hasSuffix("m") {
      multiplier = 1_000_000
      number = number.dropLast()
    }
    guard let value = Double(number), value.isFinite else {
      throw LadderError(spec: spec, reason: "bitrate '\(text)' is not a number like 3000k or 3M")
    }
    let bitsPerSecond = Int((value * multiplier).rounded())
    guard bitsPerSecond >= 10_000 else {
      throw LadderError(spec: spec, reason: "bitrate must be at least 10k")
    }
    guard bitsPerSecond <= 500_000_000 else {
      throw LadderError(spec: spec, reason: "bitrate must be at most 500M")
    }
    return bitsPerSecond
  }

  /// `720p@3000k`, the form it parses from.
  public var description: String {
    let size = width.map { "\($0)x\(height)" } ?? "\(height)p"
    return "\(size)@\(targetBitsPerSecond / 1000)k"
  }

  /// The coded width for a source of `sourceWidth` x `sourceHeight`: the requested width, or
  /// the source aspect ratio at this height rounded to an even number (never above the source).
  public func resolvedWidth(sourceWidth: Int, sourceHeight: Int) -> Int {
    if let width { return width }
    let even = aspectWidth(sourceWidth: sourceWidth, sourceHeight: sourceHeight)
    // Rounding up must not make the picture wider than an odd-width source.
    return even > sourceWidth ? max(2, sourceWidth / 2 * 2) : even
  }

  /// The source aspect ratio at this height, rounded to an even width (not capped).
  public func aspectWidth(sourceWidth: Int, sourceHeight: Int) -> Int {
    let exact = Double(height) * Double(sourceWidth) / Double(max(sourceHeight, 1))
    return max(2, Int((exact / 2).rounded()) * 2)
  }
}

/// A malformed or impossible ladder rung, with the spec it came from.
public struct LadderError: Error, CustomStringConvertible, Sendable, Equatable {
  public var spec: String
  public var reason: String
  public init(spec: String, reason: String) {
    self.spec = spec
    self.reason = reason
  }
  public var description: String { "ladder rung '\(spec)': \(reason)" }
}
