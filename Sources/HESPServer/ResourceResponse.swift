import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The answer to a GET or HEAD of one stored resource: conditional requests (`If-None-Match`
/// -> 304), one byte range (`Range` -> 206 with `Content-Range`, 416 when unsatisfiable or
/// malformed, `If-Range` honoured), and for continuation segments the draft's chunked
/// transfer coding (no `Content-Length`, written in slices as they would arrive live).
enum ResourceResponse {
  /// Slice size of a streamed continuation body.
  static let sliceBytes = 64 * 1024

  static func make(
    _ resource: StoredResource, request: Request, context: some RequestContext, fileIO: FileIO
  ) async throws -> Response {
    var headers = resource.headers
    // The common case first: a plain GET of a resource held in memory.
    if case .memory(let buffer) = resource.bytes, request.method == .get, !resource.isContinuation,
      request.headers[.range] == nil, request.headers[.ifNoneMatch] == nil
    {
      return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: buffer))
    }
    if let tags = request.headers[.ifNoneMatch], Self.matches(tags, resource.etag) {
      headers[.contentType] = nil
      headers[.acceptRanges] = nil
      return Response(status: .notModified, headers: headers)
    }

    // nil only for an empty resource.
    var selected: ClosedRange<Int>? = resource.sizeBytes > 0 ? 0...(resource.sizeBytes - 1) : nil
    var status = HTTPResponse.Status.ok
    if let rangeHeader = request.headers[.range],
      request.headers[.ifRange].map({ $0 == resource.etag }) ?? true
    {
      guard let range = ByteRangeRequest(header: rangeHeader)?.resolve(size: resource.sizeBytes) else {
        headers[.contentRange] = "bytes */\(resource.sizeBytes)"
        headers[.contentType] = nil
        // Not cacheable: a live segment that grows satisfies the same range later.
        headers[.cacheControl] = StoredResource.CachePolicy.noStore.rawValue
        return Response(status: .rangeNotSatisfiable, headers: headers, body: ResponseBody())
      }
      selected = range
      status = .partialContent
      headers[.contentRange] = "bytes \(range.lowerBound)-\(range.upperBound)/\(resource.sizeBytes)"
    }
    guard let selected, request.method != .head else {
      headers[.contentLength] = String(selected?.count ?? 0)
      return Response(status: status, headers: headers, body: ResponseBody())
    }
    let lengthBytes = selected.count
    switch resource.bytes {
    case .memory(let buffer):
      let slice = buffer.getSlice(at: buffer.readerIndex + selected.lowerBound, length: lengthBytes)!
      guard resource.isContinuation else {
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: slice))
      }
      return Response(status: status, headers: headers, body: Self.chunked(slice))
    case .file(let path):
      let body = try await fileIO.loadFile(path: path, range: selected, context: context)
      // `map` drops the length: the body goes out chunked, as the draft asks of continuations.
      return Response(status: status, headers: headers, body: resource.isContinuation ? body.map { $0 } : body)
    }
  }

  /// A body without a length, written in slices (HTTP/1.1 chunked transfer coding).
  static func chunked(_ bytes: ByteBuffer) -> ResponseBody {
    ResponseBody(contentLength: nil) { writer in
      var remaining = bytes
      while let slice = remaining.readSlice(length: min(sliceBytes, remaining.readableBytes)), slice.readableBytes > 0 {
        try await writer.write(slice)
      }
      try await writer.finish(nil)
    }
  }

  /// `If-None-Match`: `*` or a comma-separated list of (possibly weak) tags.
  static func matches(_ header: String, _ etag: String) -> Bool {
    header.split(separator: ",").contains { candidate in
      let tag = candidate.trimmingCharacters(in: .whitespaces)
      return tag == "*" || tag == etag || tag == "W/" + etag
    }
  }
}
