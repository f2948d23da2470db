/// How `hesp package` treats the source's audio (DESIGN.md §2.3): AAC is passed through, any
/// other codec is encoded to AAC-LC with these settings; `enabled = false` (`--no-audio`)
/// leaves audio out.
public struct AudioOptions: Sendable, Equatable {
  /// Package the best audio stream (false: `--no-audio`).
  public var enabled: Bool
  /// AAC-LC bitrate of an encoded track, bits per second.
  public var bitsPerSecond: Int
  /// Sample rate of an encoded track, Hz.
  public var sampleRate: Int
  /// Channels of an encoded track (the default layout for the count: 1 mono, 2 stereo...).
  public var channelCount: Int
  /// Encode AAC sources too instead of passing them through.
  public var alwaysEncode: Bool

  public init(
    enabled: Bool = true, bitsPerSecond: Int = 128_000, sampleRate: Int = 48_000,
    channelCount: Int = 2, alwaysEncode: Bool = false
  ) {
    self.enabled = enabled
    self.bitsPerSecond = bitsPerSecond
    self.sampleRate = sampleRate
    self.channelCount = channelCount
    self.alwaysEncode = alwaysEncode
  }

  /// Sample rates of AAC's sampling frequency table that FFmpeg's encoder takes.
  public static let sampleRates = [
    8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000, 64000, 88200, 96000,
  ]

  /// Checks the settings; throws `PackagingError.invalidOption` naming the option.
  public func validate() throws {
    guard enabled else { return }
    guard (8_000...512_000).contains(bitsPerSecond) else {
      throw PackagingError.invalidOption(
        "--audio-bitrate", "must be between 8k and 512k bits per second, got \(bitsPerSecond)")
    }
    guard Self.sampleRates.contains(sampleRate) else {
      throw PackagingError.invalidOption(
        "--audio-sample-rate",
        "must be one of AAC's rates (\(Self.sampleRates.map(String.init).joined(separator: ", "))), got \(sampleRate)"
      )
    }
    guard (1...8).contains(channelCount) else {
      throw PackagingError.invalidOption(
        "--audio-channels", "must be between 1 and 8, got \(channelCount)")
    }
  }
}
