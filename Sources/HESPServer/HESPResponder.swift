import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Every route of `hesp serve`: `/` (the list of packages), `/time`, `/player/` and, per store,
/// `/<name>/manifest.json`, init packets by number (or `now`), continuation segments and the
/// store's other files. Paths are checked by `RequestPath` before anything is looked up; only
/// GET, HEAD and OPTIONS (CORS preflight) are answered. It never throws: a failure is a status.
public struct HESPResponder: HTTPResponder {
  public typealias Context = HESPRequestContext

  let stores: [String: any HESPStore]
  let player: PlayerAssets
  let index: StoredResource
  let accessLog: AccessLog?
  let fileIO = FileIO()

  /// Names the server keeps for itself (a package folder may not be called so).
  public static let reservedNames: Set<String> = ["player", "time", "stats"]

  public init(stores: [any HESPStore], player: PlayerAssets, accessLog: AccessLog?) {
    self.stores = Dictionary(stores.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    self.player = player
    self.index = IndexPage.resource(storeNames: stores.map(\.name))
    self.accessLog = accessLog
  }

  public func respond(to request: Request, context: Context) async throws -> Response {
    guard let accessLog else { return await answer(request, context: context) }
    let started = ContinuousClock.now
    let response = await answer(request, context: context)
    let elapsed = ContinuousClock.now - started
    accessLog.write(
      AccessLog.line(
        client: context.clientAddress, request: request.head, status: response.status.code,
        bodyBytes: Self.bodyBytes(response), elapsed: elapsed, date: Date()))
    return response
  }

  func answer(_ request: Request, context: Context) async -> Response {
    let response = await answerWithBody(request, context: context)
    guard request.method == .head, response.body.contentLength != 0 else { return response }
    // HEAD: the headers of the GET (its Content-Length when known), no body.
    var headers = response.headers
    if headers[.contentLength] == nil, let length = response.body.contentLength {
      headers[.contentLength] = String(length)
    }
    return Response(status: response.status, headers: headers, body: ResponseBody())
  }

  func answerWithBody(_ request: Request, context: Context) async -> Response {
    switch request.method {
    case .get, .head: break
    case .options: return Response(status: .noContent, headers: CrossOrigin.preflightHeaders)
    default:
      var response = Self.status(.methodNotAllowed)
      response.headers[.allow] = "GET, HEAD, OPTIONS"
      return response
    }
    switch RequestPath(target: request.head.path ?? "") {
    case .malformed: return Self.status(.badRequest)
    case .forbidden: return Self.status(.forbidden)
    case .segments(let segments, let trailingSlash):
      do {
        return try await route(segments, trailingSlash: trailingSlash, request: request, context: context)
      } catch let error as HTTPError {
        return Self.status(error.status)
      } catch {
        context.logger.error("hesp serve: \(request.head.path ?? ""): \(error)")
        return Self.status(.internalServerError)
      }
    }
  }

  func route(_ segments: [String], trailingSlash: Bool, request: Request, context: Context) async throws -> Response {
    guard let first = segments.first else {
      return try await resource(index, request, context)
    }
    if first == "time", segments.count == 1, !trailingSlash {
      return UTCTime.response(head: request.method == .head)
    }
    if first == "stats", segments.count == 1, !trailingSlash {
      // A live stream's counters (`LiveStore.statistics`); 404 when nothing is live.
      for store in stores.values.sorted(by: { $0.name < $1.name }) {
        if let live = store as? LiveStore, let statistics = live.statisticsResource() {
          return try await resource(statistics, request, context)
        }
      }
      return Self.status(.notFound)
    }
    if first == "player" {
      if segments.count == 1, !trailingSlash { return Self.redirect(to: "/player/", keepingQueryOf: request) }
      guard !(trailingSlash && segments.count > 1),
        let asset = player.asset(segments.count == 1 ? "index.html" : segments.dropFirst().joined(separator: "/"))
      else { return Self.status(.notFound) }
      return try await resource(asset, request, context)
    }
    guard let store = stores[first] else { return Self.status(.notFound) }
    let inside = Array(segments.dropFirst())
    if inside.isEmpty {
      return Self.redirect(to: "/player/?manifest=/\(first)/\(PackageStore.manifestName)", keepingQueryOf: nil)
    }
    guard !trailingSlash, let found = try await lookup(inside, in: store) else { return Self.status(.notFound) }
    return try await resource(found, request, context)
  }

  /// The store's resource for a path below it: the manifest, an init packet, a segment, a file.
  func lookup(_ inside: [String], in store: any HESPStore) async throws -> StoredResource? {
    switch StoreRoute(inside, tracks: store.tracks) {
    case .manifest: try await store.manifest()
    case .initPacket(let track, let number): try await store.initPacket(track: track, number: number)
    case .segment(let track, let id): try await store.segment(track: track, id: id)
    case .file(let segments): try await store.file(segments)
    }
  }

  /// A GET or HEAD of a resource that a store answers without waiting (VoD): its plan and
  /// where its bytes are, for `FastPathHandler`; files on disk only with `allowFiles`. Nil for
  /// anything else, which then takes the path above. `conditions`: the request's `Range`,
  /// `If-Range` and `If-None-Match`.
  func immediateAnswer(
    target: String, method: HTTPRequest.Method, conditions: HTTPFields, allowFiles: Bool
  ) -> (plan: ResourceResponse.Plan, bytes: StoredResource.Bytes)? {
    guard method == .get || method == .head,
      case .segments(let segments, let trailingSlash) = RequestPath(target: target), !trailingSlash,
      segments.count >= 2, let store = stores[segments[0]] as? PackageStore,
      let resource = store.resource(StoreRoute(Array(segments.dropFirst()), tracks: store.tracks))
    else { return nil }
    if case .file = resource.bytes, !allowFiles { return nil }
    return (ResourceResponse.plan(resource, method: method, requestHeaders: conditions), resource.bytes)
  }

  func resource(_ resource: StoredResource, _ request: Request, _ context: Context) async throws -> Response {
    try await ResourceResponse.make(resource, request: request, context: context, fileIO: fileIO)
  }

  /// A status with a one-line text body and the CORS headers.
  static func status(_ status: HTTPResponse.Status) -> Response {
    var headers = CrossOrigin.responseHeaders
    headers[.contentType] = "text/plain; charset=utf-8"
    headers[.cacheControl] = StoredResource.CachePolicy.noStore.rawValue
    return Response(
      status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: "\(status.code) \(status.reasonPhrase)\n")))
  }

  static func redirect(to location: String, keepingQueryOf request: Request?) -> Response {
    var response = status(.found)
    var target = location
    if let query = request?.head.path?.split(separator: "?", maxSplits: 1).dropFirst().first {
      target += "?" + query
    }
    response.headers[.location] = target
    return response
  }

  /// Bytes of the body for the log: its length, or the range a chunked answer covers.
  static func bodyBytes(_ response: Response) -> Int? {
    if let length = response.body.contentLength { return length }
    if let range = response.headers[.contentRange], !range.hasSuffix("/*"),
      let spec = range.split(separator: " ").last?.split(separator: "/").first
    {
      let bounds = spec.split(separator: "-").compactMap { Int($0) }
      if bounds.count == 2 { return bounds[1] - bounds[0] + 1 }
    }
    return nil
  }
}
