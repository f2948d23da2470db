import HESPFFmpeg

/// How the packager treats what the source says about its pictures (DESIGN.md §2.3): rotation,
/// pixel shape, colour, bit depth, interlacing and cover art are honoured, or the source is
/// refused with one line; never dropped. Decided from the stream before decoding (the ladder
/// needs the displayed size), completed at the first decoded picture (interlace flags).
struct SourceTreatment {
  /// The picture as a player shows it (pixel aspect ratio and rotation applied): what the
  /// ladder is derived from and checked against.
  var displayWidth: Int
  var displayHeight: Int
  /// Clockwise quarter turns applied before encoding (0-3).
  var quarterTurns: Int
  /// Colour of every rung (VUI and `colr`), always limited range.
  var outputColour: ColourTags
  /// The libavfilter chain for HDR -> SDR, nil for SDR sources.
  var toneMapFilter: String?
  /// Deinterlace with bwdif; decided at the first picture (stream field order or frame flags).
  var deinterlace: Bool
  var deinterlaceFilter: String?
  /// Deinterlace whatever the flags say (`--deinterlace`: combed pictures in a progressive stream).
  /// Field order of `--deinterlace tff|bff` (nil: only flagged sources are deinterlaced).
  var forcedTopFieldFirst: Bool?
  var properties: SourceProperties
  /// What packaging changed, beyond the report (stderr and `warnings`).
  var warnings: [PackagingWarning] = []

  /// Transfers an SDR display takes as they are (ISO/IEC 23091-2 numbers): BT.709, BT.470 M/BG,
  /// SMPTE 170M/240M, sRGB, BT.2020 10/12-bit, and unspecified.
  static let standardDynamicRangeTransfers: Set<Int> = [1, 2, 4, 5, 6, 7, 13, 14, 15]
  /// PQ (SMPTE ST 2084) and HLG (ARIB STD-B67): tone-mapped.
  static let highDynamicRangeTransfers: Set<Int> = [16, 18]
  /// The tone-mapping method, as stated in report.json.
  static let toneMapMethod =
    "libavfilter zscale to linear light (nominal peak 100 cd/m2), BT.709 primaries, tonemap=hable (desat 0), BT.709 transfer and matrix, limited range, 8-bit 4:2:0"

  /// Decides from the stream; throws `PackagingError.sourceProperty` for what cannot be honoured.
  init(info: VideoStreamInfo, streamIndex: Int, path: String) throws {
    let source = info.properties
    func refuse(_ property: String, _ reason: String) -> PackagingError {
      .sourceProperty(path: path, stream: streamIndex, property: property, reason: reason)
    }
    // Rotation: quarter turns only, no mirror.
    var turns = 0
    if let degrees = source.rotationClockwiseDegrees {
      let normalized = (degrees.truncatingRemainder(dividingBy: 360) + 360)
        .truncatingRemainder(dividingBy: 360)
      let quarter = (normalized / 90).rounded()
      guard abs(normalized - quarter * 90) < 0.5 else {
        throw refuse(
          "rotation",
          "\(SourceTiming.format(normalized, decimals: 2)) degrees (display matrix) is not a multiple of 90; hesp turns pictures by quarter turns only"
        )
      }
      turns = Int(quarter) % 4
      if source.isMirrored {
        throw refuse(
          "rotation", "the display matrix mirrors the picture; hesp does not flip pictures")
      }
    }
    quarterTurns = turns
    // Pixel shape: the displayed width keeps the height and stretches the width.
    let sarKnown = source.sampleAspectNumerator > 0 && source.sampleAspectDenominator > 0
    let sar = sarKnown ? (source.sampleAspectNumerator, source.sampleAspectDenominator) : (1, 1)
    let shownWidth = max(
      2, Int((Double(info.width) * Double(sar.0) / Double(sar.1)).rounded()))
    (displayWidth, displayHeight) =
      turns % 2 == 1 ? (info.height, shownWidth) : (shownWidth, info.height)
    // Colour.
    let colour = source.colour
    if Self.highDynamicRangeTransfers.contains(colour.transfer) {
      outputColour = .bt709
      toneMapFilter = Self.toneMapChain(colour)
    } else if Self.standardDynamicRangeTransfers.contains(colour.transfer) {
      outputColour = Self.completed(colour, height: info.height, isRGB: source.isRGB)
      toneMapFilter = nil
    } else {
      throw refuse(
        "colour transfer",
        "'\(colour.transferName)' is neither an SDR transfer nor PQ/HLG, the ones the tone mapper knows"
      )
    }
    deinterlace = false
    deinterlaceFilter = nil
    properties = SourceProperties(
      info: info, quarterTurns: turns, display: (displayWidth, displayHeight),
      outputColour: outputColour, toneMapped: toneMapFilter != nil,
      sampleAspectKnown: sarKnown)
    if toneMapFilter != nil {
      warnings.append(
        PackagingWarning(
          code: "toneMapped",
          message:
            "HDR (\(colour.transferName), \(colour.primariesName) primaries, \(source.bitsPerComponent)-bit) tone-mapped to SDR BT.709 8-bit: \(Self.toneMapMethod)"
        ))
    } else if source.bitsPerComponent > 8 || !["4:2:0", "gray"].contains(source.chromaSubsampling) {
      warnings.append(
        PackagingWarning(
          code: "pixelFormatReduced",
          message:
            "\(info.pixelFormatName) (\(source.bitsPerComponent)-bit \(source.chromaSubsampling)) converted to 8-bit 4:2:0 (libswscale), as H.264 High profile carries"
        ))
    }
  }

  /// Completes the decision at the first decoded picture: deinterlace when the stream's field
  /// order or the picture's flags say interlaced.
  mutating func decide(firstPicture: Frame, info: VideoStreamInfo) {
    let stream = info.properties
    let flagged = stream.isInterlaced || firstPicture.isInterlaced
    guard flagged || forcedTopFieldFirst != nil else { return }
    deinterlace = true
    // The stream's field order when it gives one (an H.264 picture without pic_struct SEI
    // does not say which field comes first), else the picture's own flags.
    let parity: String
    let order: String
    if let top = forcedTopFieldFirst ?? stream.topFieldShownFirst {
      parity = top ? "tff" : "bff"
      order = top ? "top field first" : "bottom field first"
    } else {
      parity = "auto"
      order = firstPicture.topFieldFirst ? "top field first" : "bottom field first"
    }
    let filter = "bwdif=mode=send_frame:parity=\(parity):deint=all"
    deinterlaceFilter = filter
    properties.fieldOrder.framesFlaggedInterlaced = firstPicture.isInterlaced
    let reason =
      flagged
      ? "field order \(stream.fieldOrder == "unknown" || !stream.isInterlaced ? "flagged in the pictures" : stream.fieldOrder)"
      : "not flagged, deinterlaced on request (--deinterlace)"
    properties.fieldOrder.handling =
      "deinterlaced (\(order)\(flagged ? "" : ", on request: the source does not flag interlacing")) with libavfilter \(filter): one progressive frame per frame, same rate"
    warnings.append(
      PackagingWarning(
        code: "deinterlaced",
        message:
          "interlaced (\(reason), \(order)) deinterlaced with bwdif: one progressive frame per frame"
      ))
  }

  /// The libavfilter chain applied to every decoded picture before scaling, nil when none:
  /// deinterlace, tone-map, rotate.
  var filterChain: String? {
    var filters: [String] = []
    if let deinterlaceFilter { filters.append(deinterlaceFilter) }
    if let toneMapFilter { filters.append(toneMapFilter) }
    switch quarterTurns {
    case 1: filters.append("transpose=clock")
    case 2: filters.append("hflip,vflip")
    case 3: filters.append("transpose=cclock")
    default: break
    }
    return filters.isEmpty ? nil : filters.joined(separator: ",")
  }

  /// zscale linearises with the source's tags (BT.2020 where the stream does not say), tonemap
  /// compresses the highlights, zscale returns to BT.709.
  static func toneMapChain(_ colour: ColourTags) -> String {
    let primaries = colour.primaries == ColourTags.unspecifiedCode ? 9 : colour.primaries
    let matrix = colour.matrix == ColourTags.unspecifiedCode ? 9 : colour.matrix
    let range = colour.range == 2 ? 1 : 0
    return
      "zscale=tin=\(colour.transfer):pin=\(primaries):min=\(matrix):rin=\(range):t=linear:npl=100,"
      + "format=gbrpf32le,zscale=p=1,tonemap=tonemap=hable:desat=0,"
      + "zscale=t=1:m=1:r=0,format=yuv420p"
  }

  /// The source's tags with what it leaves unspecified filled as a player would guess for the
  /// source's size (BT.709 from 720 lines, BT.601 below: 625-line systems for 576 and 288
  /// lines, else 525-line), so small rungs of an HD source are not read as BT.601. RGB sources
  /// are converted with libswscale's BT.601 coefficients.
  static func completed(_ colour: ColourTags, height: Int, isRGB: Bool) -> ColourTags {
    let unspecified = ColourTags.unspecifiedCode
    let highDefinition = height >= 720
    let pal = height == 576 || height == 288
    var result = colour
    result.range = 1
    if isRGB {
      result.matrix = 6
    } else if colour.matrix == unspecified {
      result.matrix = highDefinition ? 1 : (pal ? 5 : 6)
    }
    if colour.primaries == unspecified {
      switch result.matrix {
      case 1: result.primaries = 1
      case 5: result.primaries = 5
      case 6: result.primaries = 6
      case 9, 10: result.primaries = 9
      default: result.primaries = highDefinition ? 1 : (pal ? 5 : 6)
      }
    }
    if colour.transfer == unspecified {
      result.transfer = result.primaries == 9 ? 14 : (result.primaries == 1 ? 1 : 6)
    }
    return result
  }
}
