import Hummingbird
import NIOCore

/// Hummingbird's request context plus the client's address (for the access log).
public struct HESPRequestContext: RequestContext {
  public var coreContext: CoreRequestContextStorage
  public let clientAddress: String?

  public init(source: ApplicationRequestContextSource) {
    coreContext = .init(source: source)
    clientAddress = source.channel.remoteAddress?.ipAddress
  }
}
