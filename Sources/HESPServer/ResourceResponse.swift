import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The answer to a GET or HEAD of one stored resource: conditional requests (`If-None-Match`
/// -> 304), one byte range (`Range` -> 206 with `Content-Range`, 416 when unsatisfiable or
/// malformed, `If-Range` honoured), and for continuation segments the draft's chunked
/// transfer coding (no `Content-Length`, written in slices as they would arrive live).
/// `plan` decides (synchronously, shared by Hummingbird's path and `FastPathHandler`); `make`
/// builds Hummingbird's response.
enum ResourceResponse {
  /// Slice size of a streamed continuation body.
  static let sliceBytes = 64 * 1024

  /// What to send: status, headers, and the bytes of the resource to send (nil: no body).
  struct Plan {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var selected: ClosedRange<Int>?
    /// Sent without `Content-Length` (chunked), in slices.
    var chunked: Bool
    /// A growing resource: the bytes from `lowerBound` on, up to `upperBound` at most, as
    /// they are published (nil for HEAD and for stored bytes).
    var growing: ClosedRange<Int>? = nil
  }

  static func plan(_ resource: StoredResource, method: HTTPRequest.Method, requestHeaders: HTTPFields) -> Plan {
    if case .growing = resource.bytes {
      return growingPlan(resource, method: method, requestHeaders: requestHeaders)
    }
    var headers = resource.headers
    if let tags = requestHeaders[.ifNoneMatch], Self.matches(tags, resource.etag) {
      headers[.contentType] = nil
      headers[.acceptRanges] = nil
      return Plan(status: .notModified, headers: headers, selected: nil, chunked: false)
    }
    // nil only for an empty resource.
    var selected: ClosedRange<Int>? = resource.sizeBytes > 0 ? 0...(resource.sizeBytes - 1) : nil
    var status = HTTPResponse.Status.ok
    if let rangeHeader = requestHeaders[.range], requestHeaders[.ifRange].map({ $0 == resource.etag }) ?? true {
      guard let range = ByteRangeRequest(header: rangeHeader)?.resolve(size: resource.sizeBytes) else {
        headers[.contentRange] = "bytes */\(resource.sizeBytes)"
        headers[.contentType] = nil
        // Not cacheable: a live segment that grows satisfies the same range later.
        headers[.cacheControl] = StoredResource.CachePolicy.noStore.rawValue
        headers[.contentLength] = "0"
        return Plan(status: .rangeNotSatisfiable, headers: headers, selected: nil, chunked: false)
      }
      selected = range
      status = .partialContent
      headers[.contentRange] = "bytes \(range.lowerBound)-\(range.upperBound)/\(resource.sizeBytes)"
    }
    let chunked = resource.isContinuation && method != .head && selected != nil
    if !chunked { headers[.contentLength] = String(selected?.count ?? 0) }
    return Plan(status: status, headers: headers, selected: method == .head ? nil : selected, chunked: chunked)
  }

  /// A live segment still being produced: 200 (or 206 from the Range's first byte, with an
  /// unknown complete length: `bytes A-B/*`), chunked, held open until the segment ends. Its
  /// bytes change, so no validator and no caching; only a `bytes=A-[B]` range is served.
  static func growingPlan(_ resource: StoredResource, method: HTTPRequest.Method, requestHeaders: HTTPFields) -> Plan {
    var headers = resource.headers
    headers[.cacheControl] = StoredResource.CachePolicy.noStore.rawValue
    var selected = 0...maximumGrowingByte
    var status = HTTPResponse.Status.ok
    if let rangeHeader = requestHeaders[.range] {
      guard case .from(let first, let last)? = ByteRangeRequest(header: rangeHeader), first <= maximumGrowingByte else {
        headers[.contentRange] = "bytes */*"
        headers[.contentType] = nil
        headers[.contentLength] = "0"
        return Plan(status: .rangeNotSatisfiable, headers: headers, selected: nil, chunked: false)
      }
      selected = first...min(last ?? maximumGrowingByte, maximumGrowingByte)
      status = .partialContent
      headers[.contentRange] = "bytes \(selected.lowerBound)-\(selected.upperBound)/*"
    }
    return Plan(
      status: status, headers: headers, selected: nil, chunked: method != .head,
      growing: method == .head ? nil : selected)
  }

  /// 2^53 - 1: the last byte of the draft's open range `bytes=A-9007199254740991`.
  static let maximumGrowingByte = 9_007_199_254_740_991

  static func make(
    _ resource: StoredResource, request: Request, context: some RequestContext, fileIO: FileIO
  ) async throws -> Response {
    let plan = plan(resource, method: request.method, requestHeaders: request.headers)
    if let range = plan.growing, case .growing(let growing) = resource.bytes {
      return Response(status: plan.status, headers: plan.headers, body: Self.growing(growing, range))
    }
    guard let selected = plan.selected else {
      return Response(status: plan.status, headers: plan.headers, body: ResponseBody())
    }
    switch resource.bytes {
    case .memory(let buffer):
      let slice = buffer.getSlice(at: buffer.readerIndex + selected.lowerBound, length: selected.count)!
      return Response(status: plan.status, headers: plan.headers, body: plan.chunked ? Self.chunked(slice) : ResponseBody(byteBuffer: slice))
    case .file(let path):
      let body = try await fileIO.loadFile(path: path, range: selected, context: context)
      // `map` drops the length: the body goes out chunked, as the draft asks of continuations.
      return Response(status: plan.status, headers: plan.headers, body: plan.chunked ? body.map { $0 } : body)
    case .growing:
      return Response(status: plan.status, headers: plan.headers, body: ResponseBody())
    }
  }

  /// A chunked body fed with a growing resource's bytes in `range` as they are published; it
  /// ends with the resource (or at the range's last byte).
  static func growing(_ growing: GrowingBytes, _ range: ClosedRange<Int>) -> ResponseBody {
    ResponseBody(contentLength: nil) { writer in
      var remaining = range.count
      for await var piece in growing.bytes(from: range.lowerBound) {
        if piece.readableBytes > remaining { piece = piece.getSlice(at: piece.readerIndex, length: remaining)! }
        remaining -= piece.readableBytes
        try await writer.write(piece)
        if remaining == 0 { break }
      }
      try await writer.finish(nil)
    }
  }

  /// A body without a length, written in slices (HTTP/1.1 chunked transfer coding).
  static func chunked(_ bytes: ByteBuffer) -> ResponseBody {
    ResponseBody(contentLength: nil) { writer in
      for slice in slices(bytes) { try await writer.write(slice) }
      try await writer.finish(nil)
    }
  }

  static func slices(_ bytes: ByteBuffer) -> [ByteBuffer] {
    var remaining = bytes
    var slices: [ByteBuffer] = []
    while remaining.readableBytes > 0, let slice = remaining.readSlice(length: min(sliceBytes, remaining.readableBytes)) {
      slices.append(slice)
    }
    return slices
  }

  /// `If-None-Match`: `*` or a comma-separated list of (possibly weak) tags.
  static func matches(_ header: String, _ etag: String) -> Bool {
    header.split(separator: ",").contains { candidate in
      let tag = candidate.trimmingCharacters(in: .whitespaces)
      return tag == "*" || tag == etag || tag == "W/" + etag
    }
  }
}
