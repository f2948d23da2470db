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
/// - owns the connection's state for both paths: the idle timeout (no request for the timeout:
///   closed; never while Hummingbird is answering), the graceful close on shutdown (after the
///   answer in progress), `Connection: close`, and back-pressure (a client that does not read
///   its answers is not read from: its requests cannot pile answers, or open files, up).
final class FastPathHandler: ChannelDuplexHandler, RemovableChannelHandler {
  typealias InboundIn = HTTPServerRequestPart
  typealias InboundOut = HTTPServerRequestPart
  typealias OutboundIn = IOData
  typealias OutboundOut = IOData

  private let fastPath: FastPath?
  private let idleTimeout: TimeAmount?
  private var context: ChannelHandlerContext?
  /// Requests passed on to Hummingbird whose answer has not ended yet.
  private var passedOn = 0
  /// A request passed on is still being read (head seen, end not yet).
  private var readingPassedOn = false
  /// The body of a request answered here is read and dropped.
  private var droppingBody = false
  /// The connection closes once what is written has left; requests after that are ignored.
  private var closing = false
  /// Shutdown asked for a close while Hummingbird was answering: close after its answer.
  private var closeAfterPassedOn = false
  private var lastActivity = NIODeadline.now()
  private var idleCheck: Scheduled<Void>?
  private var unflushed = false
  /// A `read` held back while the socket's send buffer is full.
  private var readHeld = false
  /// Something was passed on to Hummingbird since the last `channelReadComplete`.
  private var passedOnSinceReadComplete = false
  private var date = HTTPDate()

  init(fastPath: FastPath?, idleTimeout: TimeAmount?) {
    self.fastPath = fastPath
    self.idleTimeout = idleTimeout
  }

  // MARK: Lifecycle and idle timeout

  func handlerAdded(context: ChannelHandlerContext) {
    self.context = context
    if context.channel.isActive { scheduleIdleCheck(context, in: idleTimeout) }
  }

  func handlerRemoved(context: ChannelHandlerContext) {
    idleCheck?.cancel()
    idleCheck = nil
    self.context = nil
  }

  func channelActive(context: ChannelHandlerContext) {
    if idleCheck == nil { scheduleIdleCheck(context, in: idleTimeout) }
    context.fireChannelActive()
  }

  func channelInactive(context: ChannelHandlerContext) {
    idleCheck?.cancel()
    idleCheck = nil
    context.fireChannelInactive()
  }

  private func scheduleIdleCheck(_ context: ChannelHandlerContext, in delay: TimeAmount?) {
    guard let delay else { return }
    idleCheck = context.eventLoop.assumeIsolatedUnsafeUnchecked().scheduleTask(in: delay) { [self] in
      idleCheckFired()
    }
  }

  private func idleCheckFired() {
    idleCheck = nil
    guard let context, let idleTimeout, context.channel.isActive else { return }
    // Hummingbird is answering a request read in full: not idle.
    if passedOn > 0, !readingPassedOn {
      scheduleIdleCheck(context, in: idleTimeout)
      return
    }
    let deadline = lastActivity + idleTimeout
    let now = NIODeadline.now()
    if deadline <= now {
      context.close(promise: nil)
    } else {
      scheduleIdleCheck(context, in: deadline - now)
    }
  }

  func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
    guard event is ChannelShouldQuiesceEvent else {
      context.fireUserInboundEventTriggered(event)
      return
    }
    // Graceful shutdown: close once the answers in progress are written.
    if passedOn == 0 { closeAfterWrites(context) } else { closeAfterPassedOn = true }
  }

  /// Called by `ResponseEndObserver` once Hummingbird has written the end of an answer.
  func passedOnAnswered() {
    passedOn = max(0, passedOn - 1)
    lastActivity = .now()
    if passedOn == 0, closeAfterPassedOn, let context { closeAfterWrites(context) }
  }

  private func closeAfterWrites(_ context: ChannelHandlerContext) {
    guard !closing else { return }
    closing = true
    unflushed = false
    let channel = context.channel
    context.writeAndFlush(wrapOutboundOut(.byteBuffer(ByteBuffer()))).whenComplete { _ in channel.close(promise: nil) }
  }

  // MARK: Requests

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    switch unwrapInboundIn(data) {
    case .head(let head):
      lastActivity = .now()
      guard !closing else { return }
      if passedOn == 0, let fastPath, answer(head, fastPath: fastPath, context: context) {
        droppingBody = true
        return
      }
      passedOn += 1
      readingPassedOn = true
      passedOnSinceReadComplete = true
      context.fireChannelRead(data)
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
    if context.channel.isWritable, readHeld {
      readHeld = false
      context.read()
    }
    context.fireChannelWritabilityChanged()
  }

  // MARK: Answers

  /// Answers `head` here when it can; false: nothing written, the request goes to Hummingbird.
  private func answer(_ head: HTTPRequestHead, fastPath: FastPath, context: ChannelHandlerContext) -> Bool {
    let started = fastPath.responder.accessLog == nil ? nil : ContinuousClock.now
    guard head.version == .http1_1 else { return false }
    let method: HTTPRequest.Method
    switch head.method {
    case .GET: method = .get
    case .HEAD: method = .head
    default: return false
    }
    // The request headers that change the answer, as Hummingbird's path sees them.
    var conditions: HTTPFields? = nil
    var keepAlive = true
    for header in head.headers {
      switch header.name.utf8.count {
      case 5 where Self.isNamed(header.name, "range"),
        8 where Self.isNamed(header.name, "if-range"),
        13 where Self.isNamed(header.name, "if-none-match"):
        if conditions == nil { conditions = HTTPFields() }
        conditions!.append(HTTPField(name: HTTPField.Name(header.name)!, value: header.value))
      case 10 where Self.isNamed(header.name, "connection"):
        keepAlive = head.isKeepAlive
      default: break
      }
    }

    var out: ByteBuffer
    var body: FastPath.Body?
    var chunked = false
    var status: HTTPResponse.Status
    if conditions == nil, let known = fastPath.targets[head.uri] {
      // The plain answer, its head built at start.
      out = context.channel.allocator.buffer(capacity: known.plainHead.readableBytes + 64)
      out.writeImmutableBuffer(known.plainHead)
      status = known.status
      chunked = known.chunked && method == .get
      if chunked {
        out.writeImmutableBuffer(fastPath.chunkedHeader)
      } else if known.chunked {
        out.writeImmutableBuffer(known.headContentLength)
      }
      if method == .get, let bytes = known.body {
        body = .memory(bytes)
      } else if method == .get, let file = known.file {
        guard let region = FastPath.openFile(file.path, range: 0...(file.size - 1)) else { return false }
        body = .file(region)
      }
    } else {
      guard
        let planned = fastPath.responder.immediateAnswer(
          target: head.uri, method: method, conditions: conditions ?? HTTPFields(), allowFiles: true)
      else { return false }
      let plan = planned.plan
      if let selected = plan.selected {
        if case .memory(let bytes) = planned.bytes {
          body = .memory(bytes.getSlice(at: bytes.readerIndex + selected.lowerBound, length: selected.count)!)
        } else if case .file(let path) = planned.bytes, let file = FastPath.openFile(path, range: selected) {
          body = .file(file)
        } else {
          return false
        }
      }
      status = plan.status
      chunked = plan.chunked
      out = context.channel.allocator.buffer(capacity: 512)
      ResponseHead.write(status: plan.status, headers: plan.headers, into: &out)
      if chunked { out.writeImmutableBuffer(fastPath.chunkedHeader) }
    }
    out.writeStaticString("Date: ")
    out.writeString(date.now())
    out.writeStaticString("\r\n\r\n")

    var bodyBytes = 0
    switch body {
    case nil:
      context.write(wrapOutboundOut(.byteBuffer(out)), promise: nil)
    case .memory(let bytes) where !chunked:
      bodyBytes = bytes.readableBytes
      if bytes.readableBytes <= FastPath.copiedBodyBytes {
        out.writeImmutableBuffer(bytes)
        context.write(wrapOutboundOut(.byteBuffer(out)), promise: nil)
      } else {
        context.write(wrapOutboundOut(.byteBuffer(out)), promise: nil)
        context.write(wrapOutboundOut(.byteBuffer(bytes)), promise: nil)
      }
    case .memory(let bytes):
      // Chunks of `ResourceResponse.sliceBytes`, as Hummingbird's path writes them.
      bodyBytes = bytes.readableBytes
      var remaining = bytes
      while let slice = remaining.readSlice(length: min(ResourceResponse.sliceBytes, remaining.readableBytes)),
        slice.readableBytes > 0
      {
        out.writeString(String(slice.readableBytes, radix: 16))
        out.writeStaticString("\r\n")
        context.write(wrapOutboundOut(.byteBuffer(out)), promise: nil)
        context.write(wrapOutboundOut(.byteBuffer(slice)), promise: nil)
        out = context.channel.allocator.buffer(capacity: 16)
        out.writeStaticString("\r\n")
      }
      out.writeStaticString("0\r\n\r\n")
      context.write(wrapOutboundOut(.byteBuffer(out)), promise: nil)
    case .file(let region):
      bodyBytes = region.readableBytes
      if chunked {
        out.writeString(String(region.readableBytes, radix: 16))
        out.writeStaticString("\r\n")
      }
      context.write(wrapOutboundOut(.byteBuffer(out)), promise: nil)
      let written = context.eventLoop.makePromise(of: Void.self)
      let handle = region.fileHandle
      written.futureResult.whenComplete { _ in try? handle.close() }
      context.write(wrapOutboundOut(.fileRegion(region)), promise: chunked ? nil : written)
      if chunked { context.write(wrapOutboundOut(.byteBuffer(fastPath.lastChunk)), promise: written) }
    }
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
          bodyBytes: method == .head ? 0 : bodyBytes, elapsed: ContinuousClock.now - started, date: Date()))
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
        if (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte) != expected[index] { return false }
      }
      return true
    }
  }
}

/// Sits between Hummingbird's codec and the response encoder: tells `FastPathHandler` when an
/// answer from Hummingbird has ended.
final class ResponseEndObserver: ChannelOutboundHandler, RemovableChannelHandler {
  typealias OutboundIn = HTTPServerResponsePart
  typealias OutboundOut = HTTPServerResponsePart

  private let connection: FastPathHandler

  init(_ connection: FastPathHandler) {
    self.connection = connection
  }

  func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
    let isEnd = if case .end = unwrapOutboundIn(data) { true } else { false }
    context.write(data, promise: promise)
    if isEnd { connection.passedOnAnswered() }
  }
}

/// The `Date` header (RFC 9110 IMF-fixdate), formatted once per second.
struct HTTPDate {
  private var second = 0
  private var text = ""

  mutating func now() -> String {
    let current = time(nil)
    if current != second {
      second = current
      var parts = tm()
      var seconds = current
      gmtime_r(&seconds, &parts)
      let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
      let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
      func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
      text = "\(days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(parts.tm_year + 1900) "
        + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
    }
    return text
  }
}
