import Foundation
import HTTPTypes
import NIOCore

/// One resource a store hands to the routes: its bytes (in memory, or a file read per request
/// when it did not fit the memory budget), its validator and how it may be cached. The headers
/// of a full answer are built once, here, not per request.
public struct StoredResource: Sendable {
  /// Where the bytes are.
  public enum Bytes: Sendable {
    case memory(ByteBuffer)
    case file(path: String)
    /// A live continuation segment still being produced: its length is unknown, so it is
    /// answered at once with a chunked body held open and fed as the segment grows.
    case growing(GrowingBytes)
  }

  /// How long a client or CDN may keep it.
  public enum CachePolicy: String, Sendable {
    /// VoD media: never changes under its URL.
    case immutable = "public, max-age=31536000, immutable"
    /// Documents that may be replaced (a manifest): revalidate with the ETag.
    case revalidate = "no-cache"
    /// Answers that are different on every request (`/time`).
    case noStore = "no-store"
  }

  public let bytes: Bytes
  public let sizeBytes: Int
  /// Strong validator, quoted (`"…"`).
  public let etag: String
  public let contentType: String
  public let cachePolicy: CachePolicy
  /// A continuation segment: answered with chunked transfer coding (the draft's rule).
  public let isContinuation: Bool
  /// Set when the answer is another resource than the URL named (the Compatibility rule for
  /// sparse init streams): its name, sent as `Content-Location`.
  public let contentLocation: String?
  /// CORS, type, validator, caching, ranges and location: every answer but a 416 or 304 starts here.
  let headers: HTTPFields

  public init(
    bytes: Bytes, sizeBytes: Int, etag: String, contentType: String, cachePolicy: CachePolicy,
    isContinuation: Bool = false, contentLocation: String? = nil
  ) {
    self.bytes = bytes
    self.sizeBytes = sizeBytes
    self.etag = etag
    self.contentType = contentType
    self.cachePolicy = cachePolicy
    self.isContinuation = isContinuation
    self.contentLocation = contentLocation
    var headers = CrossOrigin.responseHeaders
    headers.reserveCapacity(headers.count + 6)
    headers[.contentType] = contentType
    if !etag.isEmpty { headers[.eTag] = etag }
    headers[.cacheControl] = cachePolicy.rawValue
    headers[.acceptRanges] = "bytes"
    if let contentLocation { headers[.contentLocation] = contentLocation }
    self.headers = headers
  }

  /// The same resource answered under another URL (`Content-Location`).
  public func answering(for location: String) -> StoredResource {
    StoredResource(
      bytes: bytes, sizeBytes: sizeBytes, etag: etag, contentType: contentType, cachePolicy: cachePolicy,
      isContinuation: isContinuation, contentLocation: location)
  }

  /// An in-memory resource with an ETag derived from its bytes.
  public static func inMemory(
    _ data: some Collection<UInt8>, contentType: String, cachePolicy: CachePolicy
  ) -> StoredResource {
    let buffer = ByteBuffer(bytes: data)
    return StoredResource(
      bytes: .memory(buffer), sizeBytes: buffer.readableBytes,
      etag: "\"\(String(ContentHash.fnv1a(data), radix: 16))-\(buffer.readableBytes)\"",
      contentType: contentType, cachePolicy: cachePolicy)
  }
}

/// The bytes of a resource that is still growing (a live segment): from a byte offset on, the
/// bytes there are now and then each piece as it is published; the sequence ends with the
/// resource. A reader that stops (the client went away) ends its subscription.
public struct GrowingBytes: Sendable {
  let subscribe: @Sendable (_ fromByte: Int) -> AsyncStream<ByteBuffer>

  public init(subscribe: @escaping @Sendable (_ fromByte: Int) -> AsyncStream<ByteBuffer>) {
    self.subscribe = subscribe
  }

  /// The bytes from `fromByte` on, as they become available.
  public func bytes(from fromByte: Int) -> AsyncStream<ByteBuffer> { subscribe(fromByte) }
}

/// 64-bit FNV-1a: a cheap content hash for ETags of in-memory documents (not security).
enum ContentHash {
  static func fnv1a(_ data: some Collection<UInt8>) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in data {
      hash ^= UInt64(byte)
      hash &*= 0x100_0000_01b3
    }
    return hash
  }
}
