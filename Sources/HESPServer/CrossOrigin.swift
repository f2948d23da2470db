import HTTPTypes

/// CORS for players on another origin, and `Timing-Allow-Origin` for Resource Timing: every
/// response carries `responseHeaders`; an `OPTIONS` preflight gets `preflightHeaders`.
enum CrossOrigin {
  static let timingAllowOrigin = HTTPField.Name("Timing-Allow-Origin")!

  /// Request headers a player may send: `Range` for the continuation, the validators, and CMCD.
  static let allowedRequestHeaders =
    "Range, If-None-Match, If-Range, CMCD-Request, CMCD-Object, CMCD-Status, CMCD-Session"

  static let responseHeaders: HTTPFields = [
    .accessControlAllowOrigin: "*",
    .accessControlExposeHeaders: "Content-Range, Content-Length, Content-Location, ETag, Date",
    timingAllowOrigin: "*",
  ]

  static let preflightHeaders: HTTPFields = {
    var headers = responseHeaders
    headers[.accessControlAllowMethods] = "GET, HEAD, OPTIONS"
    headers[.accessControlAllowHeaders] = allowedRequestHeaders
    headers[.accessControlMaxAge] = "86400"
    headers[.allow] = "GET, HEAD, OPTIONS"
    headers[.contentLength] = "0"
    return headers
  }()
}
