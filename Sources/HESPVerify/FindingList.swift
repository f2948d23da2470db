import HESPAVC
import HESPMP4

/// Accumulates findings for one package; every entry names a file and a byte offset.
struct FindingList: Sendable {
  private(set) var findings: [VerifyFinding] = []

  mutating func add(_ file: String, _ byteOffset: Int, _ message: String) {
    findings.append(VerifyFinding(file: file, byteOffset: byteOffset, message: message))
  }

  /// An MP4Error of `file`: its box and offset.
  mutating func add(_ file: String, _ error: MP4Error) {
    add(file, error.byteOffset, "box '\(error.box)': \(error.reason)")
  }

  /// An AVCError of `file`: the H.264 structure and its offset.
  mutating func add(_ file: String, _ error: AVCError) {
    add(file, error.byteOffset, "H.264 \(error.structure): \(error.reason)")
  }

  /// Any error thrown while checking `file`.
  mutating func add(_ file: String, error: any Error, at byteOffset: Int = 0) {
    if let error = error as? MP4Error {
      add(file, error)
    } else if let error = error as? AVCError {
      add(file, error)
    } else {
      add(file, byteOffset, "\(error)")
    }
  }

  mutating func append(_ other: FindingList) { findings += other.findings }

  var isEmpty: Bool { findings.isEmpty }
}
