import CDispatch
import Foundation
import HTTPTypes
import NIOCore

/// What `FastPathHandler` answers from: the responder (for `immediateAnswer`) and, built once at
/// start, every canonical target of a resource a VoD store holds in memory
/// (`/<store>/video/360p/init-30.m4s`, the init numbers a sparse stream answers with an earlier
/// packet, every other file) with the head of its plain answer as bytes. A request for one of
/// those targets without `Range`/`If-None-Match`/`If-Range` costs a dictionary lookup, the
/// `Date` and a write. Each target is resolved by `HESPResponder.immediateAnswer`, the function
/// the fast path uses for every other request (and which answers like Hummingbird's path), so
/// the table cannot answer otherwise than the path it shortcuts.
struct FastPath: Sendable {
  /// The plain answer to GET (and HEAD) of a known target.
  struct Known: Sendable {
    var status: HTTPResponse.Status
    /// Status line and headers but `Date` (and the framing of a chunked continuation).
    var plainHead: ByteBuffer
    /// A continuation: GET is chunked; HEAD gets `headContentLength`.
    var chunked: Bool
    var headContentLength: ByteBuffer
    /// The body in memory, or the file it is sent from (opened per request, as nginx does).
    var body: ByteBuffer?
    var file: (path: String, size: Int)?
    /// The file `body` was read from, open since start: a plain GET's body goes out from it
    /// with `sendfile` while it is unchanged (`sendfileMinimumBytes`).
    var sharedFile: SharedFile?
  }

  /// A body to send: bytes in memory, or a region of a file (`sendfile`).
  enum Body {
    case memory(ByteBuffer)
    case file(FileRegion)
    /// A region of a file open since start (`SharedFile`), through a handle the connection keeps.
    case sharedFile(FileRegion)
  }

  /// Bodies up to this size are copied behind the head (one buffer, one `write`).
  static let copiedBodyBytes = 4096

  let responder: HESPResponder
  let targets: [String: Known]
  /// In-memory bodies of at least this many bytes are sent from their file (`SharedFile`);
  /// nil: never.
  let sendfileMinimumBytes: Int?
  let chunkedHeader = ByteBuffer(string: "Transfer-Encoding: chunked\r\n")
  let lastChunk = ByteBuffer(string: "\r\n0\r\n\r\n")

  init(responder: HESPResponder, sendfileMinimumBytes: Int? = nil) {
    self.responder = responder
    self.sendfileMinimumBytes = sendfileMinimumBytes
    // One descriptor per file, however many targets answer with it.
    var sharedFiles: [String: SharedFile] = [:]
    var targets: [String: Known] = [:]
    for (name, store) in responder.stores {
      guard let store = store as? PackageStore else { continue }
      for inside in store.canonicalPaths() {
        let target = "/" + ([name] + inside).joined(separator: "/")
        guard
          let answer = responder.immediateAnswer(
            target: target, method: .get, conditions: [:], allowFiles: true)
        else { continue }
        let plan = answer.plan
        var head = ByteBuffer()
        ResponseHead.write(status: plan.status, headers: plan.headers, into: &head)
        let headContentLength = ByteBuffer(
          string: "Content-Length: \(plan.selected?.count ?? 0)\r\n")
        var known = Known(
          status: plan.status, plainHead: head, chunked: plan.chunked,
          headContentLength: headContentLength, body: nil)
        if case .memory(let bytes) = answer.bytes {
          known.body = plan.selected.map {
            bytes.getSlice(at: bytes.readerIndex + $0.lowerBound, length: $0.count)!
          }
          if let minimum = sendfileMinimumBytes, !plan.chunked, let selected = plan.selected,
            selected.lowerBound == 0, selected.count == bytes.readableBytes,
            selected.count >= max(1, minimum), plan.headers[.contentLocation] == nil,
            let source = store.memorySource(inside)
          {
            if sharedFiles[source.path] == nil {
              sharedFiles[source.path] = SharedFile(
                path: source.path, sizeBytes: selected.count, modified: source.modified)
            }
            known.sharedFile = sharedFiles[source.path]
          }
        } else if case .file(let path) = answer.bytes, let selected = plan.selected,
          selected.lowerBound == 0
        {
          known.file = (path, selected.count)
        } else if plan.selected != nil {
          continue
        }
        targets[target] = known
      }
    }
    self.targets = targets
  }

  /// The bytes `range` of a file of a store, for `sendfile`; nil when it cannot be opened or is
  /// shorter than at start (then Hummingbird's path answers).
  static func openFile(_ path: String, range: ClosedRange<Int>) -> FileRegion? {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    var status = stat()
    guard fstat(descriptor, &status) == 0, Int(status.st_size) > range.upperBound else {
      close(descriptor)
      return nil
    }
    let handle = NIOFileHandle(_deprecatedTakingOwnershipOfDescriptor: descriptor)
    return FileRegion(
      fileHandle: handle, readerIndex: range.lowerBound, endIndex: range.upperBound + 1)
  }
}

/// An HTTP/1.1 status line and header fields as bytes (what SwiftNIO's encoder writes for them).
enum ResponseHead {
  static func write(status: HTTPResponse.Status, headers: HTTPFields, into buffer: inout ByteBuffer)
  {
    buffer.writeStaticString("HTTP/1.1 ")
    buffer.writeString(String(status.code))
    buffer.writeStaticString(" ")
    buffer.writeString(status.reasonPhrase)
    buffer.writeStaticString("\r\n")
    for field in headers {
      buffer.writeString(field.name.rawName)
      buffer.writeStaticString(": ")
      buffer.writeString(field.value)
      buffer.writeStaticString("\r\n")
    }
  }
}
