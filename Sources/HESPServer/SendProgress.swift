import NIOCore

#if canImport(Glibc)
  import Glibc
#endif

/// How far a connection's peer has taken what the server sent, read from the socket when the
/// idle timer fires (`FastPathHandler`): an answer that is still leaving and whose bytes the
/// client keeps acknowledging is activity, however long it takes; one the client stopped reading
/// is not. Costs one `getsockopt` per timer, and none on a connection that wrote nothing since
/// the last one found everything delivered.
struct SendProgress: Equatable {
  /// Bytes the peer has acknowledged so far (Linux `tcp_info.tcpi_bytes_acked`): it moves only
  /// when the client reads (its receive window reopens). Nil where the kernel does not say.
  var acknowledgedBytes: UInt64?
  /// Bytes the server has written that the peer has not yet acknowledged: buffered in SwiftNIO,
  /// not yet sent, or sent and unacknowledged.
  var outstanding: Bool
  /// Time since the peer's last acknowledgement (`tcpi_last_ack_recv`, milliseconds): when
  /// `acknowledgedBytes` moved since the last look, the bytes moved no later than this ago.
  var sinceLastAcknowledgement: TimeAmount = .zero

  /// `channel`'s progress now; on its event loop. Nil: not a TCP socket channel.
  static func read(_ channel: any Channel) -> SendProgress? {
    let buffered = (try? channel.syncOptions?.getOption(.bufferedWritableBytes)) ?? 0
    #if os(Linux)
      guard let socket = channel as? any SocketOptionProvider else { return nil }
      var info: TCPInfoBytes?
      // Completed at once on the channel's event loop.
      socket.unsafeGetSocketOption(
        level: NIOBSDSocket.OptionLevel(rawValue: CInt(IPPROTO_TCP)),
        name: NIOBSDSocket.Option(rawValue: CInt(TCP_INFO))
      ).whenSuccess { (bytes: TCPInfoBytes) in info = bytes }
      guard let info else { return nil }
      return withUnsafeBytes(of: info) { raw in
        // Offsets of `struct tcp_info` in linux/tcp.h (append-only ABI; zero when the kernel
        // fills less: then acknowledgedBytes never moves and only `outstanding` is known).
        let unackedSegments = raw.load(fromByteOffset: 24, as: UInt32.self)
        let lastAcknowledgementMilliseconds = raw.load(fromByteOffset: 56, as: UInt32.self)
        let acknowledged = raw.load(fromByteOffset: 120, as: UInt64.self)
        let notSent = raw.load(fromByteOffset: 144, as: UInt32.self)
        return SendProgress(
          acknowledgedBytes: acknowledged,
          outstanding: buffered > 0 || unackedSegments > 0 || notSent > 0,
          sinceLastAcknowledgement: .milliseconds(Int64(lastAcknowledgementMilliseconds)))
      }
    #else
      return SendProgress(acknowledgedBytes: nil, outstanding: buffered > 0)
    #endif
  }

  #if os(Linux)
    /// The first 152 bytes of `struct tcp_info` (through `tcpi_notsent_bytes`).
    private typealias TCPInfoBytes = (
      UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
      UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64
    )
  #endif
}
