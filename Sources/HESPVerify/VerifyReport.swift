/// The result of `hesp verify` (`--json` prints it with sorted keys).
public struct VerifyReport: Codable, Sendable, Equatable {
  /// One decoded splice: header + init packet n + continuation from its emsg pointer to the
  /// next keyframe, compared with the continuation's own decode of the same frames.
  public struct Splice: Codable, Sendable, Equatable {
    /// n: the init packet's frame number.
    public var initFrame: Int
    /// Pictures compared (frames n to the one before the next keyframe).
    public var frameCount: Int
    /// PSNR-Y of each picture against the continuation's decode; null = identical luma.
    public var psnrYDecibels: [Double?]
    /// MSE-averaged PSNR-Y over the splice; null when every picture is exact.
    public var meanPSNRYDecibels: Double?
    /// Worst picture; null when every picture is exact.
    public var minPSNRYDecibels: Double?
    /// Pictures whose Y, Cb and Cr are byte-identical to the continuation's.
    public var exactFrameCount: Int
    /// Decoder errors (failed calls, libav error messages, corrupt pictures, wrong picture count).
    public var decodeErrors: [String]
    /// Frame number of the first continuation frame whose frame_num breaks the sequence after
    /// the init IDR (non-conformant H.264); null when the spliced stream is gap-free.
    public var frameNumGapAtFrame: Int?
    /// `--strict` only: the splice with the continuation's frame_num rewritten to 1, 2, 3...
    /// (mod MaxFrameNum) is gap-free and decodes to the same pictures; null when not checked.
    public var renumberedSpliceIdentical: Bool?
    /// `--source` only: MSE-averaged PSNR-Y against the (scaled) source of the spliced pictures
    /// and of the continuation's own pictures over the same frames.
    public var psnrYVsSourceDecibels: Double?
    public var continuationPSNRYVsSourceDecibels: Double?
    /// Why the spliced pictures do not match the continuation's beyond an init IDR's
    /// quantisation (`InitPictureCheck`; a lossless splice must be identical); absent when they do.
    public var pictureMismatch: String?
  }

  /// One track's results.
  public struct Track: Codable, Sendable, Equatable {
    public var id: String
    public var frameCount: Int
    public var segmentCount: Int
    /// Init packets present and box-conformant.
    public var initPacketCount: Int
    /// Init packets whose header is their own (lossless), not `header.mp4`.
    public var ownHeaderInitPacketCount: Int
    /// Mean bytes of the init packets' IDR samples and of the continuation's IDR samples.
    public var initSampleMeanByteCount: Int
    public var keyframeSampleMeanByteCount: Int
    public var splicesChecked: Int
    public var decodeFailures: Int
    public var framesCompared: Int
    public var exactFrameCount: Int
    /// MSE-averaged drift PSNR-Y over every compared picture; null when all are exact.
    public var driftPSNRYMeanDecibels: Double?
    /// Worst picture of any splice; null when all are exact.
    public var driftPSNRYMinDecibels: Double?
    /// Splices with a frame_num gap after the init IDR.
    public var frameNumGapSplices: Int
    /// `--source` only: PSNR-Y of the spliced pictures against the source minus the
    /// continuation's over the same frames (MSE-averaged over every splice; <= 0 dB).
    public var psnrYLossVsSourceDecibels: Double?
    public var splices: [Splice]
  }

  public var formatVersion: Int
  /// The package directory as given.
  public var package: String
  /// True when nothing failed.
  public var passed: Bool
  public var strict: Bool
  /// `--allow-frame-num-gaps`: frame_num gaps were reported, not failures (absent when not).
  public var frameNumGapsAllowed: Bool?
  /// `all`, `none` or the requested sample size.
  public var spliceSelection: String
  /// Every failure, naming file and byte offset.
  public var findings: [VerifyFinding]
  public var tracks: [Track]
  /// The audio track's checks; nil when the package has no audio.
  public var audio: AudioTrack? = nil

  /// The audio track's results (`AudioCheck`).
  public struct AudioTrack: Codable, Sendable, Equatable {
    public var id: String
    /// AAC frames (one chunk each) and segments.
    public var frameCount: Int
    public var segmentCount: Int
    /// Init packets present and conformant (header + initdata emsg at their frame).
    public var initPacketCount: Int
    /// PCM samples per channel libavcodec decoded from the whole continuation.
    public var decodedSampleCount: Int
    /// AAC frames that failed to decode.
    public var decodeFailures: Int
    public var durationSeconds: Double
  }

  public static let currentFormatVersion = 1
}
