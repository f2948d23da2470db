/// Hex helpers for readable inline byte literals.
public enum Hex {
  /// `"00 0a ff"` (whitespace ignored) to bytes; the literal is test code, so bad hex is a bug.
  public static func bytes(_ text: String) -> [UInt8] {
    let digits = Array(text.filter { !$0.isWhitespace })
    precondition(digits.count % 2 == 0, "odd hex literal")
    return stride(from: 0, to: digits.count, by: 2).map {
      UInt8(String(digits[$0...$0 + 1]), radix: 16)!
    }
  }
}

/// Parameter sets of a 160x96 libx264 encode of testsrc2 (High profile, level 1.1).
public enum TestParameterSets {
  public static let sps = Hex.bytes("6764000bacb2051b6022000003000200000300641e285490")
  public static let pps = Hex.bytes("68ebc3cb22c0")
}
