/// The 32-bit sample flags of `trun`/`trex`/`tfhd` (ISO/IEC 14496-12 §8.8.3.1).
public enum SampleFlags {
  /// `sample_depends_on = 2` (does not depend on others), `sample_is_non_sync_sample = 0`.
  public static let sync: UInt32 = 0x0200_0000
  /// `sample_depends_on = 1` (depends on others), `sample_is_non_sync_sample = 1`.
  public static let nonSync: UInt32 = 0x0101_0000

  /// Whether `flags` marks a sync sample (`sample_is_non_sync_sample` clear).
  public static func isSync(_ flags: UInt32) -> Bool { flags & 0x0001_0000 == 0 }

  /// `sample_depends_on` (2 bits).
  public static func dependsOn(_ flags: UInt32) -> UInt32 { (flags >> 24) & 3 }
}
