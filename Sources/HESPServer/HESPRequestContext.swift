import Hummingbird
import NIOCore

/// Hummingbird's request context plus the connection, for the client's address in the access
/// log (read only when a line is written).
public struct HESPRequestContext: RequestContext {
  public var coreContext: CoreRequestContextStorage
  let channel: any Channel

  public init(source: ApplicationRequestContextSource) {
    coreContext = .init(source: source)
    channel = source.channel
  }

  /// The client's IP address.
  public var clientAddress: String? { channel.remoteAddress?.ipAddress }
}
