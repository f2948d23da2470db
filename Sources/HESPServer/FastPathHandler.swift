import Foundation
import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOHTTPTypesHTTP1

/// The connection's own handler, right after SwiftNIO's request parser (`ServeChannel`):
///
/// - answers, on the event loop, GET and HEAD of the resources a VoD store holds (in memory, or
///   a file sent with `sendfile`): the same plan as Hummingbird's path (`ResourceResponse.plan`,
///   conditionals, ranges, chunked continuations), written as finished bytes (a head built once
///   per resource, plus `Date`) with no further handler in between, flushed once per read (so
///   pipelined requests leave in one `writev`);
/// - passes everything else on to Hummingbird, and answers here only while no request passed on
///   is still unanswered, so answers keep the order of the requests on a connection;
/// - owns the connection's state for both paths: the idle timeout (`IdleTimeout`: no request,
///   no answer being composed and no answer bytes taken by the client for the timeout: closed),
///   the graceful close on shutdown (after the answer in progress), the close after a request
///   without keep-alive (`Connection: close`, HTTP/1.0 without `Connection: keep-alive`), and
///   back-pressure (a client that does not read its answers is not read from: its requests
///   cannot pile answers, or open files, up).
final class FastPathHandler: ChannelDuplexHandler, RemovableChannelHandler {
  typealias InboundIn = HTTPServerRequestPart
  typealias InboundOut = HTTPServerRequestPart
  typealias OutboundIn = IOData
  typealias OutboundOut = IOData

  /// A request passed on to Hummingbird whose answer has not ended yet.
  struct PassedOn {
    var http10: Bool
    /// The connection stays open after the answer.
    var keepAlive: Bool
  }

  private let fastPath: FastPath?
  private var idle: IdleTimeout?
  private var context: ChannelHandlerContext?
  /// Requests passed on to Hummingbird whose answer has not ended yet, in order.
  private var passedOn = CircularBuffer<PassedOn>(initialCapacity: 2)
  /// A request passed on is still being read (head seen, end not yet).
  private var readingPassedOn = false
  /// The body of a request answered here is read and dropped.
  private var droppingBody = false
  /// The connection closes once what is written has left; requests after that are ignored.
  private var closing = false
  /// A request without keep-alive was passed on: requests after it are ignored, and the
  /// connection closes after its answer.
  private var lastRequestPassedOn = false
  /// Shutdown asked for a close while Hummingbird was answering: close after its answer.
  private var closeAfterPassedOn = false
  private var idleCheck: Scheduled<Void>?
  private var idleCheckTime = NIODeadline.distantFuture
  private var unflushed = false
  /// A `read` held back while the socket's send buffer is full.
  private var readHeld = false
  /// Something was passed on to Hummingbird since the last `channelReadComplete`.
  private var passedOnSinceReadComplete = false
  private var date = HTTPDate()
  /// Handles on the shared files this connection answered from (given back when the handler is
  /// removed; the files, held by `fastPath`, outlive them), and the cork around their answers.
  private var sharedFiles = SharedFileSending()
  /// The writability Hummingbird's side last heard of (`forwardWritability`).
  private var writableForwarded = true

  init(fastPath: FastPath?, idleTimeout: TimeAmount?) {
    self.fastPath = fastPath
    idle = idleTimeout.map { IdleTimeout(timeout: $0, now: .now()) }
  }

  // MARK: Lifecycle and idle timeout

  func handlerAdded(context: ChannelHandlerContext) {
    self.context = context
    if context.channel.isActive { scheduleIdleCheck(context, in: idle?.timeout) }
  }

  func handlerRemoved(context: ChannelHandlerContext) {
    idleCheck?.cancel()
    idleCheck = nil
    self.context = nil
    sharedFiles.release()
  }

  func channelActive(context: ChannelHandlerContext) {
    if idleCheck == nil { scheduleIdleCheck(context, in: idle?.timeout) }
    context.fireChannelActive()
  }

  func channelInactive(context: ChannelHandlerContext) {
    idleCheck?.cancel()
    idleCheck = nil
    context.fireChannelInactive()
  }

  private func scheduleIdleCheck(_ context: ChannelHandlerContext, in delay: TimeAmount?) {
    guard let delay else { return }
    idleCheckTime = .now() + delay
    idleCheck = context.eventLoop.assumeIsolatedUnsafeUnchecked().scheduleTask(in: delay) {
      [self] in
      idleCheckFired()
    }
  }

  private func idleCheckFired() {
    idleCheck = nil
    guard let context, var idle, context.channel.isActive else { return }
    let progress = idle.mayBeSending ? SendProgress.read(context.channel) : nil
    let verdict = idle.check(
      now: .now(), progress: progress, composing: !passedOn.isEmpty && !readingPassedOn)
    self.idle = idle
    switch verdict {
    case .close: context.close(promise: nil)
    case .checkAgain(let delay): scheduleIdleCheck(context, in: delay)
    }
  }

  /// An answer may be stuck behind a slow client: look at its progress soon, not only at the
  /// idle deadline (at most once per `sendingCheckInterval`, so not per request).
  private func answerMayBeSlow(_ context: ChannelHandlerContext) {
    guard var idle else { return }
    idle.wrote()
    self.idle = idle
    let soon = NIODeadline.now() + idle.sendingCheckInterval
    guard idleCheckTime > soon, context.channel.isActive else { return }
    idleCheck?.cancel()
    scheduleIdleCheck(context, in: idle.sendingCheckInterval)
  }

  func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
    guard event is ChannelShouldQuiesceEvent else {
      context.fireUserInboundEventTriggered(event)
      return
    }
    // Graceful shutdown: close once the answers in progress are written.
    if passedOn.isEmpty { closeAfterWrites(context) } else { closeAfterPassedOn = true }
  }

  /// Called by `ResponseEndObserver` with the head of Hummingbird's answer to the oldest request
  /// passed on: the version and `Connection` that request calls for. HTTP/1.0 has no chunked
  /// coding: an answer without `Content-Length` is delimited by the close.
  func passedOnAnswerHead(_ head: inout HTTPResponseHead) {
    guard var request = passedOn.first, head.status.code >= 200 else { return }
    if request.http10 {
      head.version = .http1_0
      let bodyless = head.status == .notModified || head.status == .noContent
      if request.keepAlive, !bodyless, !head.headers.contains(name: "content-length") {
        request.keepAlive = false
        passedOn[passedOn.startIndex] = request
      }
    }
    if !request.keepAlive {
      head.headers.replaceOrAdd(name: "connection", value: "close")
    } else if request.http10 {
      head.headers.replaceOrAdd(name: "connection", value: "keep-alive")
    }
  }

  /// Called by `ResponseEndObserver` once Hummingbird has written the end of an answer.
  func passedOnAnswered() {
    let request = passedOn.popFirst()
    idle?.requestArrived(at: .now())
    guard let context else { return }
    idle?.wrote()
    if request?.keepAlive == false || (passedOn.isEmpty && closeAfterPassedOn) {
      closeAfterWrites(context)
    }
  }

  private func closeAfterWrites(_ context: ChannelHandlerContext) {
    guard !closing else { return }
    closing = true
    unflushed = false
    let channel = context.channel
    context.writeAndFlush(wrapOutboundOut(.byteBuffer(ByteBuffer()))).whenComplete { _ in
      channel.close(promise: nil)
    }
    sharedFiles.uncork(context.channel)
  }

  // MARK: Requests

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    switch unwrapInboundIn(data) {
    case .head(var head):
      idle?.requestArrived(at: .now())
      guard !closing, !lastRequestPassedOn else {
        droppingBody = true
        return
      }
      if passedOn.isEmpty, let fastPath, answer(head, fastPath: fastPath, context: context) {
        droppingBody = true
        return
      }
      let keepAlive = head.isKeepAlive
      forwardWritability(context)
      passedOn.append(PassedOn(http10: head.version.minor == 0, keepAlive: keepAlive))
      readingPassedOn = true
      passedOnSinceReadComplete = true
      if keepAlive {
        context.fireChannelRead(data)
      } else {
        // Hummingbird's request loop ends after the answer to a request with `Connection: close`.
        lastRequestPassedOn = true
        head.headers.replaceOrAdd(name: "connection", value: "close")
        context.fireChannelRead(wrapInboundOut(.head(head)))
      }
    case .body:
      if droppingBody || closing { return }
      passedOnSinceReadComplete = true
      context.fireChannelRead(data)
    case .end:
      if droppingBody || closing {
        droppingBody = false
        return
      }
      readingPassedOn = false
      passedOnSinceReadComplete = true
      context.fireChannelRead(data)
    }
  }

  func channelReadComplete(context: ChannelHandlerContext) {
    if unflushed {
      unflushed = false
      context.flush()
    }
    sharedFiles.uncork(context.channel)
    // Hummingbird's side hears of reads that gave it something.
    if passedOnSinceReadComplete {
      passedOnSinceReadComplete = false
      context.fireChannelReadComplete()
    }
  }

  // MARK: Back-pressure

  func read(context: ChannelHandlerContext) {
    if context.channel.isWritable {
      context.read()
    } else {
      readHeld = true
    }
  }

  func channelWritabilityChanged(context: ChannelHandlerContext) {
    if context.channel.isWritable {
      if readHeld {
        readHeld = false
        context.read()
      }
    } else {
      answerMayBeSlow(context)
    }
    if !passedOn.isEmpty { forwardWritability(context) }
  }

  /// Tells Hummingbird's side the writability when it differs from what it last heard, only while
  /// it answers: a fast-path answer above the high water mark flips it on every request (each
  /// flip a trip through Hummingbird's handlers and its writer's lock).
  private func forwardWritability(_ context: ChannelHandlerContext) {
    let writable = context.channel.isWritable
    guard writable != writableForwarded else { return }
    writableForwarded = writable
    context.fireChannelWritabilityChanged()
  }

  /// Hummingbird's answers on their way to the socket: the idle timer looks at their progress.
  func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
    idle?.wrote()
    context.write(data, promise: promise)
  }

  // MARK: Answers

  /// Answers `head` here when it can; false: nothing written, the request goes to Hummingbird.
  private func answer(_ head: HTTPRequestHead, fastPath: FastPath, context: ChannelHandlerContext)
    -> Bool
  {
    let started = fastPath.responder.accessLog == nil ? nil : ContinuousClock.now
    // HTTP/1.0 is answered with an HTTP/1.1 status line (RFC 9110 §6.2), never chunked, and
    // the connection closes after it unless the request asked for keep-alive.
    guard head.version.major == 1, head.version.minor <= 1 else { return false }
    let http10 = head.version.minor == 0
    let method: HTTPRequest.Method
    switch head.method {
    case .GET: method = .get
    case .HEAD: method = .head
    default: return false
    }
    // The request headers that change the answer, as Hummingbird's path sees them.
    var conditions: HTTPFields? = nil
    var keepAlive = !http10
    for header in head.headers {
      switch header.name.utf8.count {
      case 5 where Self.isNamed(header.name, "range"),
        8 where Self.isNamed(header.name, "if-range"),
        13 where Self.isNamed(header.name, "if-none-match"):
        if conditions == nil { conditions = HTTPFields() }
        conditions!.append(HTTPField(name: HTTPField.Name(header.name)!, value: header.value))
      case 10 where Self.isNamed(header.name, "connection") && !http10:
        keepAlive = head.isKeepAlive
      default: break
      }
    }
    if http10 { keepAlive = head.isKeepAlive }

    var out: ByteBuffer
    var body: FastPath.Body?
    var chunked = false
    var status: HTTPResponse.Status
    if conditions == nil, let known = fastPath.targets[head.uri] {
      // The plain answer, its head built at start.
      out = context.channel.allocator.buffer(capacity: known.plainHead.readableBytes + 64)
      out.writeImmutableBuffer(known.plainHead)
      status = known.status
      chunked = known.chunked && method == .get && !http10
      if chunked {
        out.writeImmutableBuffer(fastPath.chunkedHeader)
      } else if known.chunked {
        out.writeImmutableBuffer(known.headContentLength)
      }
      if method == .get, let file = known.sharedFile, file.isUnchanged() {
        body = .sharedFile(sharedFiles.region(of: file))
        sharedFiles.cork(context.channel)
      } else if method == .get, let bytes = known.body {
        body = .memory(bytes)
      } else if method == .get, let file = known.file {
        guard let region = FastPath.openFile(file.path, range: 0...(file.size - 1)) else {
          return false
        }
        body = .file(region)
      }
    } else {
      guard
        let planned = fastPath.responder.immediateAnswer(
          target: head.uri, method: method, conditions: conditions ?? HTTPFields(), allowFiles: true
        )
      else { return false }
      let plan = planned.plan
      if let selected = plan.selected {
        if case .memory(let bytes) = planned.bytes {
          body = .memory(
            bytes.getSlice(at: bytes.readerIndex + selected.lowerBound, length: selected.count)!)
        } else if case .file(let path) = planned.bytes,
          let file = FastPath.openFile(path, range: selected)
        {
          body = .file(file)
        } else {
          return false
        }
      }
      status = plan.status
      chunked = plan.chunked && !http10
      out = context.channel.allocator.buffer(capacity: 512)
      ResponseHead.write(status: plan.status, headers: plan.headers, into: &out)
      if chunked {
        out.writeImmutableBuffer(fastPath.chunkedHeader)
      } else if plan.chunked {
        out.writeStaticString("Content-Length: ")
        out.writeString(String(plan.selected?.count ?? 0))
        out.writeStaticString("\r\n")
      }
    }
    if !keepAlive {
      out.writeStaticString("Connection: close\r\n")
    } else if http10 {
      out.writeStaticString("Connection: keep-alive\r\n")
    }
    out.writeStaticString("Date: ")
    out.writeString(date.now())
    out.writeStaticString("\r\n\r\n")

    let bodyBytes = fastPath.write(head: out, body: body, chunked: chunked, to: context)
    idle?.wrote()
    if keepAlive {
      unflushed = true
    } else {
      closeAfterWrites(context)
    }
    if let started, let accessLog = fastPath.responder.accessLog,
      let request = try? HTTPRequest(head, secure: false, splitCookie: false)
    {
      accessLog.write(
        AccessLog.line(
          client: context.channel.remoteAddress?.ipAddress, request: request, status: status.code,
          bodyBytes: method == .head ? 0 : bodyBytes, elapsed: ContinuousClock.now - started,
          date: Date()))
    }
    return true
  }

  /// ASCII case-insensitive comparison of a header name with a lowercase name of the same length.
  private static func isNamed(_ name: String, _ lowercase: StaticString) -> Bool {
    var name = name
    return name.withUTF8 { bytes in
      guard bytes.count == lowercase.utf8CodeUnitCount else { return false }
      let expected = lowercase.utf8Start
      for index in 0..<bytes.count {
        let byte = bytes[index]
        if (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte)
          != expected[index]
        {
          return false
        }
      }
      return true
    }
  }
}
