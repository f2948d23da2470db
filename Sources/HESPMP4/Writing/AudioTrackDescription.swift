/// The one audio track of a CMAF header: AAC in an `mp4a` sample entry with its `esds`.
public struct AudioTrackDescription: Sendable, Equatable {
  /// `tkhd`/`trex` track_ID; 1 in hesp packages (every track has its own header).
  public var trackId: UInt32
  /// Media timescale in ticks per second: the sample rate in hesp packages.
  public var timescale: UInt32
  /// Output sample rate in Hz (`mp4a` samplerate; 0 there when above 65535).
  public var sampleRate: Int
  /// Channels (`mp4a` channelcount).
  public var channelCount: Int
  /// The AudioSpecificConfig (ISO/IEC 14496-3 §1.6.2.1) for the `esds` DecoderSpecificInfo.
  public var audioSpecificConfig: [UInt8]
  /// `esds` DecoderConfigDescriptor maxBitrate and avgBitrate, bits per second.
  public var maxBitsPerSecond: Int
  public var averageBitsPerSecond: Int
  /// `esds` bufferSizeDB: the largest sample in bytes.
  public var bufferSizeBytes: Int
  /// ISO 639-2/T language code for `mdhd` (`und` when unknown).
  public var language: String

  public init(
    trackId: UInt32 = 1, timescale: UInt32, sampleRate: Int, channelCount: Int,
    audioSpecificConfig: [UInt8], maxBitsPerSecond: Int = 0, averageBitsPerSecond: Int = 0,
    bufferSizeBytes: Int = 0, language: String = "und"
  ) {
    self.trackId = trackId
    self.timescale = timescale
    self.sampleRate = sampleRate
    self.channelCount = channelCount
    self.audioSpecificConfig = audioSpecificConfig
    self.maxBitsPerSecond = maxBitsPerSecond
    self.averageBitsPerSecond = averageBitsPerSecond
    self.bufferSizeBytes = bufferSizeBytes
    self.language = language
  }

  /// RFC 6381 codec string `mp4a.40.<audio object type>` (`mp4a.40.2` for AAC-LC), from the
  /// AudioSpecificConfig; `mp4a.40` when it is empty.
  public var codecString: String {
    guard let objectType = Self.audioObjectType(audioSpecificConfig) else { return "mp4a.40" }
    return "mp4a.40.\(objectType)"
  }

  /// The audio object type of an AudioSpecificConfig: 5 bits, 31 escapes to 32 + 6 more bits.
  public static func audioObjectType(_ config: [UInt8]) -> Int? {
    guard let first = config.first else { return nil }
    let type = Int(first >> 3)
    guard type == 31 else { return type }
    guard config.count >= 2 else { return nil }
    return 32 + Int((first & 0x07) << 3) + Int(config[1] >> 5)
  }
}
