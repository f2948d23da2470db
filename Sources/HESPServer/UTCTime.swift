import Foundation
import HTTPTypes
import Hummingbird

/// `/time`: the server's UTC clock in ISO 8601 with milliseconds
/// (`2026-12-06T13:54:40.123Z`), the `urn:mpeg:dash:utc:http-iso:2014` time source a live
/// manifest names in `timeSource`.
enum UTCTime {
  static func iso8601(_ date: Date) -> String {
    Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(date)
  }

  static func response(now: Date = Date(), head: Bool) -> Response {
    let text = iso8601(now)
    var headers = CrossOrigin.responseHeaders
    headers[.contentType] = "text/plain; charset=utf-8"
    headers[.cacheControl] = StoredResource.CachePolicy.noStore.rawValue
    headers[.contentLength] = String(text.utf8.count)
    return Response(
      status: .ok, headers: headers,
      body: head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(string: text)))
  }
}
