import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1
import NIOHTTPTypes
import NIOHTTPTypesHTTP1

/// `hesp serve`'s HTTP/1.1 connection: SwiftNIO's request parser, then `FastPathHandler`, which
/// answers what it can right there and owns the connection's state (idle timeout, graceful
/// close), then Hummingbird's codec and async request loop for everything else:
///
///     bytes -> HTTPRequestDecoder -> FastPathHandler -> HTTPResponseEncoder -> ResponseEndObserver
///           -> HTTP1ToHTTPServerCodec -> Hummingbird (one task per connection, on its event loop)
///
/// The fast path writes finished response bytes straight to the socket, below the response
/// encoder, so an answer from memory costs one pass through one handler (measured in
/// docs/serve.md: Hummingbird's own pipeline cost more CPU per request than nginx's whole answer).
/// The decoder and encoder are not paired (NIO's pairing tells the encoder the method of every
/// request, which would count requests the encoder never answers): every answer from
/// Hummingbird's side to a HEAD already has no body and an explicit `Content-Length`.
struct ServeChannel: ServerChildChannel, HTTPChannelHandler {
  typealias Value = NIOAsyncChannel<HTTPRequestPart, HTTPResponsePart>

  let responder: HTTPChannelHandler.Responder
  /// Nil: every request goes to Hummingbird (`--no-fast-path`).
  let fastPath: FastPath?
  let idleTimeout: TimeAmount?
  let decoderLimits: NIOHTTPDecoderLimitConfiguration

  func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
    channel.eventLoop.makeCompletedFuture {
      let pipeline = channel.pipeline.syncOperations
      let connection = FastPathHandler(fastPath: fastPath, idleTimeout: idleTimeout)
      try pipeline.addHandler(
        ByteToMessageHandler(
          HTTPRequestDecoder(
            leftOverBytesStrategy: .dropBytes, informationalResponseStrategy: .drop,
            limitConfiguration: decoderLimits)))
      try pipeline.addHandler(connection)
      try pipeline.addHandler(HTTPResponseEncoder(configuration: .init()))
      try pipeline.addHandler(ResponseEndObserver(connection))
      try pipeline.addHandler(HTTP1ToHTTPServerCodec(secure: false))
      let asyncChannel = try NIOAsyncChannel<HTTPRequestPart, HTTPResponsePart>(
        wrappingChannelSynchronously: channel,
        configuration: .init(isOutboundHalfClosureEnabled: true))
      // A connection accepted while the server shuts down is never handed to a request loop:
      // its writer would be released unfinished when the channel becomes active, and
      // NIOAsyncWriter traps on that. Keep it until the channel closes, then finish it (a no-op
      // after a request loop finished it).
      channel.closeFuture.whenComplete { _ in asyncChannel.outbound.finish() }
      return asyncChannel
    }
  }

  /// Hummingbird's request loop, run with the connection's event loop as task executor: every
  /// request of a connection is read, answered and written on one thread, with no hop to the
  /// cooperative pool and back (measured: the hops, not the answer, were most of the CPU per
  /// request).
  func handle(value: Value, logger: Logger) async {
    await withTaskExecutorPreference(EventLoopTaskExecutor(value.channel.eventLoop)) {
      await handleHTTP(asyncChannel: value, logger: logger)
    }
  }
}

/// An event loop as a Swift task executor: jobs run in the loop's task queue.
final class EventLoopTaskExecutor: TaskExecutor {
  let eventLoop: any EventLoop

  init(_ eventLoop: any EventLoop) {
    self.eventLoop = eventLoop
  }

  func enqueue(_ job: consuming ExecutorJob) {
    let job = UnownedJob(job)
    eventLoop.execute {
      job.runSynchronously(on: self.asUnownedTaskExecutor())
    }
  }
}
