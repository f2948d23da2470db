import CFFmpeg

/// A failed FFmpeg call: which function failed, its return code and FFmpeg's own message.
public struct FFmpegError: Error, CustomStringConvertible, Sendable, Equatable {
  /// The C function that failed (`avformat_open_input`, `avcodec_open2`, ...).
  public var call: String
  /// The negative AVERROR code it returned (or -1 when it returned a null pointer).
  public var code: Int32
  /// FFmpeg's text for `code` (`Invalid data found when processing input`).
  public var message: String

  public init(call: String, code: Int32, message: String? = nil) {
    self.call = call
    self.code = code
    self.message = message ?? FFmpegError.text(for: code)
  }

  public var description: String { "\(call) failed: \(message) (\(code))" }

  /// True when the code means "the data is not valid media" (AVERROR_INVALIDDATA).
  public var isInvalidData: Bool { code == hesp_averror_invaliddata() }
  /// True when the code is a POSIX `ENOENT` (no such file).
  public var isFileNotFound: Bool { code == hesp_averror(ENOENT) }

  /// FFmpeg's description of an error code.
  public static func text(for code: Int32) -> String {
    var buffer = [CChar](repeating: 0, count: 128)
    return buffer.withUnsafeMutableBufferPointer { pointer in
      String(cString: hesp_err2str(code, pointer.baseAddress, pointer.count))
    }
  }
}

/// Throws `FFmpegError` naming `call` when `code` is negative; returns `code` otherwise.
@discardableResult
func check(_ code: Int32, _ call: @autoclosure () -> String) throws -> Int32 {
  if code < 0 { throw FFmpegError(call: call(), code: code) }
  return code
}

/// FFmpeg's AVERROR(EAGAIN) and AVERROR_EOF, which Swift cannot import as macros.
let errorAgain = hesp_averror_eagain()
let errorEndOfFile = hesp_averror_eof()
let noTimestamp = hesp_nopts_value()

/// Sets FFmpeg's global log level to errors only (libx264's statistics otherwise go to stderr).
public enum FFmpegLog {
  public static func quiet() { av_log_set_level(AV_LOG_ERROR) }
  public static func silent() { av_log_set_level(AV_LOG_QUIET) }
}
