import Foundation

/// The renditions to package, ascending by bitrate.
public struct EncodingLadder: Sendable, Equatable {
  public var renditions: [Rendition]

  public init(renditions: [Rendition]) {
    self.renditions = renditions.sorted { $0.targetBitsPerSecond < $1.targetBitsPerSecond }
  }

  /// Parses a comma-separated list: `720p@3000k,480p@1200k,360p@600k`.
  public init(parsing text: String) throws {
    let specs = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
      throw LadderError(spec: text, reason: "the ladder is empty")
    }
    let renditions = try specs.map { try Rendition(parsing: $0) }
    if Set(renditions.map { "\($0.height)-\($0.targetBitsPerSecond)" }).count != renditions.count {
      throw LadderError(spec: text, reason: "two rungs have the same height and bitrate")
    }
    self.init(renditions: renditions)
  }

  /// The rungs offered when no ladder is given; a default ladder keeps those at or below the
  /// source height (three at most), so it never upscales.
  public static let standardRungs: [Rendition] = [
    Rendition(height: 2160, targetBitsPerSecond: 16_000_000),
    Rendition(height: 1440, targetBitsPerSecond: 9_000_000),
    Rendition(height: 1080, targetBitsPerSecond: 5_000_000),
    Rendition(height: 720, targetBitsPerSecond: 3_000_000),
    Rendition(height: 480, targetBitsPerSecond: 1_200_000),
    Rendition(height: 360, targetBitsPerSecond: 600_000),
    Rendition(height: 240, targetBitsPerSecond: 300_000),
    Rendition(height: 144, targetBitsPerSecond: 150_000),
  ]

  /// A sensible ladder for a source: the three largest standard rungs not above its height; a
  /// source smaller than every standard rung gets one rung at its own size.
  public static func derived(sourceWidth: Int, sourceHeight: Int) -> EncodingLadder {
    let fitting = standardRungs.filter { $0.height <= sourceHeight }
    if fitting.isEmpty {
      let evenHeight = max(2, sourceHeight / 2 * 2)
      let pixels = Double(sourceWidth * sourceHeight)
      let bitsPerSecond = max(50_000, Int(pixels * 30 * 0.1 / 1000) * 1000)
      return EncodingLadder(renditions: [
        Rendition(height: evenHeight, targetBitsPerSecond: bitsPerSecond)
      ])
    }
    return EncodingLadder(renditions: Array(fitting.prefix(3)))
  }

  /// Throws when a rung is larger than the source in either dimension (no upscaling).
  public func validate(sourceWidth: Int, sourceHeight: Int) throws {
    for rendition in renditions {
      let width = rendition.resolvedWidth(sourceWidth: sourceWidth, sourceHeight: sourceHeight)
      if rendition.height > sourceHeight || width > sourceWidth {
        // Name the size the rung asks for (720p of a 16:9 source is 1280x720), not the width
        // `resolvedWidth` caps at the source's.
        let asked =
          rendition.width
          ?? rendition.aspectWidth(sourceWidth: sourceWidth, sourceHeight: sourceHeight)
        throw LadderError(
          spec: rendition.description,
          reason:
            "\(asked)x\(rendition.height) is larger than the source (\(sourceWidth)x\(sourceHeight))"
        )
      }
    }
  }

  /// Track ids: `<height>p`, with `-<kbps>k` appended when two rungs share a height.
  public var trackIds: [String] {
    renditions.map { rendition in
      let sameHeight = renditions.filter { $0.height == rendition.height }.count
      return sameHeight > 1
        ? "\(rendition.height)p-\(rendition.targetBitsPerSecond / 1000)k" : "\(rendition.height)p"
    }
  }
}
