import CFFmpeg

/// libswresample: decoded audio frames of any format, rate and layout to planar 32-bit float
/// at one rate and channel count (the default layout for that count: stereo, mono, 5.1...).
/// Configured from the first frame; deterministic.
public final class AudioResampler {
  private let context: OpaquePointer
  public let sampleRate: Int
  public let channelCount: Int

  public init(sampleRate: Int, channelCount: Int) throws {
    guard let context = swr_alloc() else { throw FFmpegError(call: "swr_alloc", code: -12) }
    self.context = context
    self.sampleRate = sampleRate
    self.channelCount = channelCount
  }

  deinit {
    var toFree: OpaquePointer? = context
    swr_free(&toFree)
  }

  /// The samples of `frame` at the output rate, one array per channel; nil flushes what the
  /// resampler still holds (call once at the end).
  public func convert(_ frame: Frame?) throws -> [[Float]] {
    let output = try Frame()
    output.pointer.pointee.format = AV_SAMPLE_FMT_FLTP.rawValue
    output.pointer.pointee.sample_rate = Int32(sampleRate)
    av_channel_layout_default(&output.pointer.pointee.ch_layout, Int32(channelCount))
    if let frame {
      // Decoders of layout-less formats give only a channel count: use its default layout.
      if frame.pointer.pointee.ch_layout.order == AV_CHANNEL_ORDER_UNSPEC {
        let count = frame.pointer.pointee.ch_layout.nb_channels
        av_channel_layout_uninit(&frame.pointer.pointee.ch_layout)
        av_channel_layout_default(&frame.pointer.pointee.ch_layout, count)
      }
      try check(swr_convert_frame(context, output.pointer, frame.pointer), "swr_convert_frame")
    } else {
      guard swr_is_initialized(context) != 0 else {
        return Array(repeating: [], count: channelCount)
      }
      try check(swr_convert_frame(context, output.pointer, nil), "swr_convert_frame(flush)")
    }
    let count = Int(output.pointer.pointee.nb_samples)
    return (0..<channelCount).map { channel in
      guard count > 0, let plane = output.pointer.pointee.extended_data[channel] else { return [] }
      return plane.withMemoryRebound(to: Float.self, capacity: count) {
        Array(UnsafeBufferPointer(start: $0, count: count))
      }
    }
  }
}
