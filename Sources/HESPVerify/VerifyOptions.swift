import Foundation

/// What `hesp verify` checks.
public struct VerifyOptions: Sendable, Equatable {
  /// Which init packets go through the decode check.
  public enum SpliceSelection: Sendable, Equatable {
    /// Every init packet of every track.
    case all
    /// At most this many per track, evenly spread over the track (deterministic).
    case sample(Int)
    /// No decode check (box conformance only).
    case none
  }

  public var packagePath: String
  public var splices: SpliceSelection
  /// Also decode every splice that has a frame_num gap a second time with the continuation's
  /// frame_num renumbered, and require the same pictures (the experiment's rewrite).
  public var strict: Bool
  /// A frame_num gap after the init IDR (non-conformant H.264) is only reported, not a failure
  /// (`--allow-frame-num-gaps`, for packages made with `--no-splice-safe-frame-num`).
  public var allowsFrameNumGaps: Bool
  /// Tracks to check (empty = all).
  public var trackIds: [String]
  /// The packaged source video: also measure the splices' PSNR loss against it.
  public var sourcePath: String?
  /// Box checks and splice decodes run at a time (default: every core).
  public var concurrentTrackCount: Int

  public init(
    packagePath: String, splices: SpliceSelection = .all, strict: Bool = false,
    allowsFrameNumGaps: Bool = false,
    trackIds: [String] = [],
    sourcePath: String? = nil,
    concurrentTrackCount: Int = ProcessInfo.processInfo.activeProcessorCount
  ) {
    self.packagePath = packagePath
    self.splices = splices
    self.strict = strict
    self.allowsFrameNumGaps = allowsFrameNumGaps
    self.trackIds = trackIds
    self.sourcePath = sourcePath
    self.concurrentTrackCount = concurrentTrackCount
  }

  /// The init packet frames to decode among `available` (sorted): all, or `count` evenly spread
  /// (first and last included), always the same for the same input.
  public static func select(_ selection: SpliceSelection, from available: [Int]) -> [Int] {
    switch selection {
    case .all: return available
    case .none: return []
    case .sample(let count):
      guard count > 0, !available.isEmpty else { return [] }
      guard count < available.count else { return available }
      if count == 1 { return [available[available.count / 2]] }
      var picked: [Int] = []
      for step in 0..<count {
        let position = (step * (available.count - 1) + (count - 1) / 2) / (count - 1)
        let frame = available[position]
        if picked.last != frame { picked.append(frame) }
      }
      return picked
    }
  }
}
