import CFFmpeg

/// Recognises a container from the first bytes of a file, the way `avformat_open_input` probes.
/// Used to tell "not media at all" from "media that is truncated or corrupt".
public enum MediaProbe {
  /// FFmpeg's name of the container the bytes look like (`mov,mp4,m4a,3gp,3g2,mj2`), or nil.
  public static func containerName(ofFileStart bytes: [UInt8]) -> String? {
    guard !bytes.isEmpty else { return nil }
    var padded = bytes
    padded += [UInt8](repeating: 0, count: Int(AVPROBE_PADDING_SIZE))
    return padded.withUnsafeMutableBufferPointer { buffer -> String? in
      var data = AVProbeData()
      data.buf = buffer.baseAddress
      data.buf_size = Int32(bytes.count)
      data.filename = nil
      var score: Int32 = 0
      guard let format = av_probe_input_format2(&data, 1, &score), score >= AVPROBE_SCORE_MAX / 4
      else {
        return nil
      }
      return String(cString: format.pointee.name)
    }
  }
}
