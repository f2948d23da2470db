import CDispatch
import Foundation
import NIOCore

/// A package file whose bytes a VoD store holds in memory, kept open from start so that answers
/// of its whole body go out with `sendfile` (no copy of the body into the socket, as nginx
/// sends) instead of a `writev` of the memory. One descriptor serves every connection on every
/// event loop: `sendfile` with an explicit offset does not move the file position.
///
/// The file on disk may change after start; the memory copy may not. Before each send
/// `region()` compares the file's size, modification time and identity with those at start
/// (`fstat`, no path walk): a file changed since is not sent from, and the caller sends the
/// bytes in memory, which are still what the answer's head (`ETag`, `Content-Length`) describes.
/// A change in the instant between that check and the kernel reading the pages can still give a
/// short answer (as for any file read per request); `Content-Length` then tells the client.
final class SharedFile: Sendable {
  private let descriptor: CInt
  let sizeBytes: Int
  private let device: UInt
  private let inode: UInt
  private let modifiedSeconds: Int
  private let modifiedNanoseconds: Int

  /// Opens `path` (not through a symbolic link) if it is still the regular file of `sizeBytes`
  /// bytes modified at `modified` that was read into memory at start; nil otherwise.
  init?(path: String, sizeBytes: Int, modified: Date) {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
    guard descriptor >= 0 else { return nil }
    var status = stat()
    guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG,
      Int(status.st_size) == sizeBytes, PackageFiles.modified(status) == modified
    else {
      close(descriptor)
      return nil
    }
    self.descriptor = descriptor
    self.sizeBytes = sizeBytes
    device = UInt(status.st_dev)
    inode = UInt(status.st_ino)
    modifiedSeconds = Int(status.st_mtim.tv_sec)
    modifiedNanoseconds = Int(status.st_mtim.tv_nsec)
  }

  deinit {
    close(descriptor)
  }

  /// The file is still as it was at start (one `fstat`): its bytes are those held in memory.
  func isUnchanged() -> Bool {
    var status = stat()
    return fstat(descriptor, &status) == 0 && Int(status.st_size) == sizeBytes
      && Int(status.st_mtim.tv_sec) == modifiedSeconds
      && Int(status.st_mtim.tv_nsec) == modifiedNanoseconds
      && UInt(status.st_ino) == inode && UInt(status.st_dev) == device
  }

  /// A handle on the shared descriptor that does not own it, for `FileRegion`s. NIO's handle
  /// refuses a second user while one is in a system call (EBUSY), so each event loop needs its own:
  /// `SharedFileSending` keeps one per connection. Give it back with `release(_:)`, never
  /// `close()` it; keep this file alive while the handle may be used.
  func handle() -> NIOFileHandle {
    NIOFileHandle(_deprecatedTakingOwnershipOfDescriptor: descriptor)
  }

  /// Marks a `handle()` as given back (closed for NIO) without closing the shared descriptor.
  static func release(_ handle: NIOFileHandle) {
    _ = try? handle.takeDescriptorOwnership()
  }
}
