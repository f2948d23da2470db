import Foundation
import NIOCore

/// One connection's side of sending bodies from shared files (`SharedFile`): its handles on
/// their descriptors, and `TCP_CORK` around an answer's head and `sendfile` body.
///
/// A head goes out with `write` and its body with `sendfile`, two system calls: with
/// `TCP_NODELAY` (SwiftNIO's default) the head would leave alone in a small segment, and the
/// client wake up for it. Corked, head and body leave together once the flush is done, as nginx
/// sends with `tcp_nopush` (measured in docs/serve.md: without the cork, more CPU per request than
/// copying the body).
struct SharedFileSending {
  /// Handles on the shared descriptors, one per file this connection answered from, reused by
  /// every answer: NIO's handle is busy only inside its `sendfile` call, and a connection's
  /// writes happen on one event loop. They do not own the descriptors.
  private var handles: [ObjectIdentifier: NIOFileHandle] = [:]
  /// `TCP_CORK` is set on the socket.
  private var corked = false

  private static let corkOption = ChannelOptions.Types.SocketOption(
    level: .tcp, name: NIOBSDSocket.Option(rawValue: TCP_CORK))

  /// The whole of `file` as a region for `sendfile`, through this connection's handle.
  mutating func region(of file: SharedFile) -> FileRegion {
    let handle: NIOFileHandle
    if let known = handles[ObjectIdentifier(file)] {
      handle = known
    } else {
      handle = file.handle()
      handles[ObjectIdentifier(file)] = handle
    }
    return FileRegion(fileHandle: handle, readerIndex: 0, endIndex: file.sizeBytes)
  }

  /// Holds back partial segments until `uncork`; once per flush.
  mutating func cork(_ channel: any Channel) {
    guard !corked else { return }
    corked = (try? channel.syncOptions?.setOption(Self.corkOption, value: 1)) != nil
  }

  /// Lets what was written since `cork` leave; call after the flush.
  mutating func uncork(_ channel: any Channel) {
    guard corked else { return }
    corked = false
    try? channel.syncOptions?.setOption(Self.corkOption, value: 0)
  }

  /// Gives the handles back (the connection is gone; the descriptors stay open for others).
  mutating func release() {
    for handle in handles.values { SharedFile.release(handle) }
    handles = [:]
  }
}
