import Foundation
import NIOCore

/// One resource a store hands to the routes: its bytes (in memory, or a file read per request
/// when it did not fit the memory budget), its validator and how it may be cached.
public struct StoredResource: Sendable {
  /// Where the bytes are.
  public enum Bytes: Sendable {
    case memory(ByteBuffer)
    case file(path: String)
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

  public var bytes: Bytes
  public var sizeBytes: Int
  /// Strong validator, quoted (`"…"`).
  public var etag: String
  public var contentType: String
  public var cachePolicy: CachePolicy
  public var lastModified: Date?
  /// A continuation segment: answered with chunked transfer coding (the draft's rule).
  public var isContinuation: Bool
  /// Set when the answer is another resource than the URL named (the Compatibility rule for
  /// sparse init streams): its name, sent as `Content-Location`.
  public var contentLocation: String?

  public init(
    bytes: Bytes, sizeBytes: Int, etag: String, contentType: String, cachePolicy: CachePolicy,
    lastModified: Date? = nil, isContinuation: Bool = false, contentLocation: String? = nil
  ) {
    self.bytes = bytes
    self.sizeBytes = sizeBytes
    self.etag = etag
    self.contentType = contentType
    self.cachePolicy = cachePolicy
    self.lastModified = lastModified
    self.isContinuation = isContinuation
    self.contentLocation = contentLocation
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
