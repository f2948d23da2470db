import HummingbirdCore
import Logging
import Hummingbird
import NIOCore

/// Hummingbird's HTTP/1.1 connection handler, run with its connection's event loop as task
/// executor: every request of a connection is read, answered and written on one thread, with
/// no hop to the cooperative pool and back (measured: the hops, not the answer, were most of
/// the CPU per request). `FastPathHandler` goes right after Hummingbird's connection-state
/// handler (idle timeout, graceful close), which so sees every request and answer.
struct EventLoopPinnedChannel: ServerChildChannel {
  typealias Value = HTTP1Channel.Value
  let inner: HTTP1Channel
  let fastPath: HESPResponder?

  func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
    inner.setup(channel: channel, logger: logger).flatMapThrowing { value in
      if let fastPath {
        let pipeline = channel.pipeline.syncOperations
        let state = try pipeline.handler(type: HTTPConnectionStateHandler.self)
        try pipeline.addHandler(FastPathHandler(responder: fastPath), position: .after(state))
      }
      return value
    }
  }

  func handle(value: Value, logger: Logger) async {
    await withTaskExecutorPreference(EventLoopTaskExecutor(value.channel.eventLoop)) {
      await inner.handle(value: value, logger: logger)
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
