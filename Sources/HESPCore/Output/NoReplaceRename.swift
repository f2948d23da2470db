import Foundation

/// `rename(2)` that fails with `EEXIST` instead of replacing what is at the destination:
/// `renameat2(RENAME_NOREPLACE)` on Linux, `renamex_np(RENAME_EXCL)` on macOS.
public enum NoReplaceRename {
  /// Renames `source` to `destination` only if nothing is there; throws the `errno` otherwise.
  public static func rename(_ source: String, to destination: String) throws(POSIXError) {
    #if os(Linux)
      if let renameat2 = Self.renameat2 {
        if renameat2(AT_FDCWD, source, AT_FDCWD, destination, 1 /* RENAME_NOREPLACE */) == 0 {
          return
        }
        guard errno == ENOSYS || errno == EINVAL else { throw code(errno) }
      }
      // Without renameat2 (an old kernel or a file system lacking it): rename(2) still refuses
      // a file or a non-empty folder at the destination; only an empty folder could be replaced.
      if access(destination, F_OK) == 0 { throw POSIXError(.EEXIST) }
      if Foundation.rename(source, destination) == 0 { return }
      throw errno == ENOTEMPTY ? POSIXError(.EEXIST) : code(errno)
    #else
      if renamex_np(source, destination, UInt32(RENAME_EXCL)) == 0 { return }
      throw code(errno)
    #endif
  }

  private static func code(_ value: Int32) -> POSIXError {
    POSIXError(POSIXErrorCode(rawValue: value) ?? .EIO)
  }

  #if os(Linux)
    private typealias RenameAt2 =
      @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32

    /// glibc's `renameat2` (2.28+), looked up at run time: Swift's Glibc module does not
    /// export it (it is declared only under `_GNU_SOURCE`).
    private static let renameat2: RenameAt2? = {
      guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "renameat2") else { return nil }
      return unsafeBitCast(symbol, to: RenameAt2.self)
    }()
  #endif
}

extension POSIXError {
  /// `strerror` of the code.
  public var message: String { String(cString: strerror(code.rawValue)) }
}
