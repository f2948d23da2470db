import NIOCore
import NIOHTTP1

/// Sits between Hummingbird's codec and the response encoder: lets `FastPathHandler` fit the
/// head of an answer from Hummingbird to its request (HTTP/1.0, `Connection`), and tells it when
/// the answer has ended.
final class ResponseEndObserver: ChannelOutboundHandler, RemovableChannelHandler {
  typealias OutboundIn = HTTPServerResponsePart
  typealias OutboundOut = HTTPServerResponsePart

  private let connection: FastPathHandler

  init(_ connection: FastPathHandler) {
    self.connection = connection
  }

  func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
    switch unwrapOutboundIn(data) {
    case .head(var head):
      connection.passedOnAnswerHead(&head)
      context.write(wrapOutboundOut(.head(head)), promise: promise)
    case .body:
      context.write(data, promise: promise)
    case .end:
      context.write(data, promise: promise)
      connection.passedOnAnswered()
    }
  }
}
