import HESPMP4

/// What the box checks resolved from one track's files, for the decode check: the continuation
/// samples by frame number and the init packets by frame number.
struct TrackMedia: Sendable {
  /// One continuation frame (a moof/mdat chunk holding one sample).
  struct ContinuationSample: Sendable {
    var frame: Int
    var segmentId: Int
    /// Byte offset of the chunk's moof in its segment.
    var byteOffset: Int
    var isSync: Bool
    /// The sample (4-byte length-prefixed NAL units).
    var data: [UInt8]
  }

  /// One initialization packet, resolved.
  struct InitPacket: Sendable {
    var frame: Int
    var file: String
    /// The avcC payload of the packet's own header (the continuation's unless lossless).
    var decoderConfigurationRecord: [UInt8]
    var configuration: AVCConfiguration
    /// Whether ftyp+moov equal `header.mp4` byte for byte.
    var sharesHeader: Bool
    /// The emsg's `index` / `offset`.
    var segmentId: Int
    var byteOffset: Int
    /// The IDR sample.
    var data: [UInt8]
    /// Byte offset of the IDR sample in the packet file.
    var dataOffset = 0
  }

  var id: String
  var directory: String
  var timescale: Int
  var frameDurationTicks: Int
  var decoderConfigurationRecord: [UInt8]
  var configuration: AVCConfiguration
  /// Index = frame number; nil where the file was missing or unreadable.
  var continuation: [ContinuationSample?]
  var initPackets: [Int: InitPacket]
  /// PSNR-Y of each continuation frame against the source, as the packager measured it
  /// (frame-index.json); `--source` compares its own measure with it.
  var recordedPSNRYDecibels: [Double?] = []
  /// Each init picture's squared error against continuation frame n, as the packager measured
  /// it (`FrameIndex.Frame.initSquaredErrorSum`); nil where not recorded.
  var recordedInitSquaredErrorSums: [Int?] = []

  /// Frame numbers of the continuation's keyframes (sync samples), ascending.
  var keyframes: [Int] { continuation.compactMap { $0 }.filter(\.isSync).map(\.frame) }
}
