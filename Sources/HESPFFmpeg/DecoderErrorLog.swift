import CFFmpeg
import Foundation
import Synchronization

/// Collects libav's error-level log messages (`av_log` at `AV_LOG_ERROR` or worse) per codec
/// context, so a caller can tell whether one decode produced errors, even with the global log
/// level at quiet. Installing it replaces FFmpeg's default log callback for the whole process;
/// messages below error level are dropped, errors are kept only for decoders that asked for them.
public enum DecoderErrorLog {
  /// Routes libav's log through the collector (idempotent). Nothing is printed afterwards.
  public static func install() {
    store.installOnce { hesp_log_install(logCallback) }
  }

  static let store = ErrorStore()

  /// Thread-safe store of error lines keyed by the logging context's address.
  final class ErrorStore: Sendable {
    private struct State {
      var watched: [UInt: [String]] = [:]
      var installed = false
    }

    private let state = Mutex(State())

    func installOnce(_ body: () -> Void) {
      state.withLock { state in
        if !state.installed {
          body()
          state.installed = true
        }
      }
    }

    func watch(_ key: UInt) {
      state.withLock { $0.watched[key] = [] }
    }

    func take(_ key: UInt) -> [String] {
      state.withLock { state in
        let lines = state.watched[key] ?? []
        state.watched[key] = []
        return lines
      }
    }

    func stop(_ key: UInt) {
      state.withLock { $0.watched[key] = nil }
    }

    func record(_ key: UInt, _ line: String) {
      state.withLock { state in
        if state.watched[key] != nil { state.watched[key]?.append(line) }
      }
    }
  }
}

private let logCallback: hesp_log_line_callback = { context, _, line in
  guard let context, let line else { return }
  let text = String(cString: line).trimmingCharacters(in: .whitespacesAndNewlines)
  DecoderErrorLog.store.record(UInt(bitPattern: context), text)
}

/// A decoder whose libav log lines `DecoderErrorLog` can tell apart (by its codec context).
public protocol LoggingDecoder {
  /// The address of the decoder's codec context: the key of its log lines.
  var logKey: UInt { get }
}

extension LoggingDecoder {
  /// Starts collecting this decoder's libav error messages (call `DecoderErrorLog.install()` once first).
  public func collectErrors() { DecoderErrorLog.store.watch(logKey) }

  /// The error messages libav logged for this decoder since the last call (or `collectErrors`).
  public func takeErrors() -> [String] { DecoderErrorLog.store.take(logKey) }

  /// Stops collecting for this decoder (call before it is released).
  public func stopCollectingErrors() { DecoderErrorLog.store.stop(logKey) }
}

extension VideoDecoder: LoggingDecoder {
  public var logKey: UInt { UInt(bitPattern: UnsafeMutableRawPointer(context)) }
}

extension AudioDecoder: LoggingDecoder {
  public var logKey: UInt { UInt(bitPattern: UnsafeMutableRawPointer(context)) }
}

extension Frame {
  /// `decode_error_flags` of the decoded frame (0 = no error or concealment reported).
  public var decodeErrorFlags: Int { Int(pointer.pointee.decode_error_flags) }
  /// True when the decoder flagged the frame as corrupt (`AV_FRAME_FLAG_CORRUPT`).
  public var isCorrupt: Bool { pointer.pointee.flags & AV_FRAME_FLAG_CORRUPT != 0 }

  /// Calls `body` with the three planes' base addresses and bytes per row (Y, Cb, Cr; 4:2:0).
  public func withPlanes<R>(_ body: ([(UnsafePointer<UInt8>, Int)]) throws -> R) throws -> R {
    guard let y = pointer.pointee.data.0, let u = pointer.pointee.data.1,
      let v = pointer.pointee.data.2
    else {
      throw FFmpegError(call: "AVFrame.data", code: -22, message: "frame has no planes")
    }
    return try body([
      (UnsafePointer(y), Int(pointer.pointee.linesize.0)),
      (UnsafePointer(u), Int(pointer.pointee.linesize.1)),
      (UnsafePointer(v), Int(pointer.pointee.linesize.2)),
    ])
  }
}
