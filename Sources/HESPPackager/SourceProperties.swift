import HESPFFmpeg

/// `report.json` `source.properties`: for each property of the source's pictures, what the
/// source says and what the package does with it (DESIGN.md §2.3). A source whose property
/// cannot be honoured is refused before anything is written, so a report always says "honoured".
public struct SourceProperties: Codable, Sendable, Equatable {
  public struct Rotation: Codable, Sendable, Equatable {
    /// Clockwise turn a player applies, from the display matrix (0 to 360); nil when the
    /// stream has none.
    public var clockwiseDegrees: Double?
    public var handling: String
  }

  public struct PixelAspect: Codable, Sendable, Equatable {
    /// The source's sample aspect ratio (`4:3`), `unknown` when it does not say (taken as 1:1).
    public var source: String
    /// Coded size and displayed size (pixel aspect ratio and rotation applied).
    public var codedSize: String
    public var displaySize: String
    public var displayAspectRatio: String
    public var handling: String
  }

  public struct Colour: Codable, Sendable, Equatable {
    public struct Tags: Codable, Sendable, Equatable {
      public var primaries: String
      public var transfer: String
      public var matrix: String
      public var range: String
    }
    public var source: Tags
    /// What every rung carries in its VUI and `colr` (nclx).
    public var output: Tags
    /// Output tags guessed because the source leaves them unspecified.
    public var assumed: [String]
    public var pixelFormat: String
    public var bitDepth: Int
    public var chromaSubsampling: String
    public var handling: String
  }

  public struct FieldOrder: Codable, Sendable, Equatable {
    /// The stream's field order (`progressive`, `tt`, `bb`, `tb`, `bt`, `unknown`).
    public var source: String
    /// True when the first decoded picture is flagged interlaced.
    public var framesFlaggedInterlaced: Bool
    public var handling: String
  }

  public struct CoverArt: Codable, Sendable, Equatable {
    /// Attached pictures in the file.
    public var count: Int
    public var handling: String
  }

  public var rotation: Rotation
  public var pixelAspectRatio: PixelAspect
  public var colour: Colour
  public var fieldOrder: FieldOrder
  public var coverArt: CoverArt
  /// The libavfilter chain every decoded picture went through before scaling, nil when none.
  public var filters: String?

  init(
    info: VideoStreamInfo, quarterTurns: Int, display: (Int, Int), outputColour: ColourTags,
    toneMapped: Bool, sampleAspectKnown: Bool
  ) {
    let source = info.properties
    let turnText = [
      "", "90 degrees clockwise (transpose=clock)", "180 degrees (hflip,vflip)",
      "90 degrees counter-clockwise (transpose=cclock)",
    ][quarterTurns]
    rotation = Rotation(
      clockwiseDegrees: source.rotationClockwiseDegrees.map {
        ($0.truncatingRemainder(dividingBy: 360) + 360).truncatingRemainder(dividingBy: 360)
      },
      handling: quarterTurns == 0
        ? (source.rotationClockwiseDegrees == nil ? "none in the source" : "no turn needed")
        : "rotated \(turnText) before encoding; tkhd matrix left at identity")
    let sar = "\(source.sampleAspectNumerator):\(source.sampleAspectDenominator)"
    let square =
      !sampleAspectKnown || source.sampleAspectNumerator == source.sampleAspectDenominator
    pixelAspectRatio = PixelAspect(
      source: sampleAspectKnown ? sar : "unknown",
      codedSize: "\(info.width)x\(info.height)", displaySize: "\(display.0)x\(display.1)",
      displayAspectRatio: Self.ratio(display.0, display.1),
      handling: square
        ? "square pixels: rungs keep the displayed aspect ratio"
        : "rungs are sized at the display aspect ratio \(Self.ratio(display.0, display.1)) with square pixels; a <w>x<h> rung of another shape gets pasp and VUI sar"
    )
    func tags(_ colour: ColourTags) -> Colour.Tags {
      Colour.Tags(
        primaries: colour.primariesName, transfer: colour.transferName, matrix: colour.matrixName,
        range: colour.rangeName)
    }
    let unspecified = ColourTags.unspecifiedCode
    var assumed: [String] = []
    if !toneMapped {
      if source.colour.primaries == unspecified { assumed.append("primaries") }
      if source.colour.transfer == unspecified { assumed.append("transfer") }
      if source.colour.matrix == unspecified && !source.isRGB { assumed.append("matrix") }
    }
    let handling: String
    if toneMapped {
      handling = "tone-mapped to SDR BT.709: \(SourceTreatment.toneMapMethod)"
    } else {
      var parts = ["tags carried into the VUI and colr (nclx)"]
      if !assumed.isEmpty {
        parts.append(
          "unspecified \(assumed.joined(separator: ", ")) tagged as a player guesses for \(info.height) lines"
        )
      }
      if source.isRGB { parts.append("RGB converted to YUV with BT.601 coefficients") }
      if source.colour.range == 2 { parts.append("full range converted to limited") }
      if source.bitsPerComponent > 8 || !["4:2:0", "gray"].contains(source.chromaSubsampling) {
        parts.append(
          "\(source.bitsPerComponent)-bit \(source.chromaSubsampling) converted to 8-bit 4:2:0")
      }
      handling = parts.joined(separator: "; ")
    }
    colour = Colour(
      source: tags(source.colour), output: tags(outputColour), assumed: assumed,
      pixelFormat: info.pixelFormatName, bitDepth: source.bitsPerComponent,
      chromaSubsampling: source.chromaSubsampling, handling: handling)
    fieldOrder = FieldOrder(
      source: source.fieldOrder, framesFlaggedInterlaced: false,
      handling: "progressive: nothing to do")
    coverArt = CoverArt(
      count: source.attachedPictureCount,
      handling: source.attachedPictureCount == 0
        ? "none" : "not packaged: an attached picture (cover art) is not video")
  }

  /// `16:9`, `5:3` (reduced by the greatest common divisor).
  static func ratio(_ width: Int, _ height: Int) -> String {
    func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? max(a, 1) : gcd(b, a % b) }
    let divisor = gcd(width, height)
    return "\(width / divisor):\(height / divisor)"
  }
}
