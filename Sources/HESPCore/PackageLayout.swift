/// The package contract on disk (DESIGN.md §2.3), in one place: document names, track folders
/// and file names. The packager writes it, verify checks it, the simulator and study read it,
/// the server and the live packager serve it.
public enum PackageLayout {
  /// The HESP manifest.
  public static let manifest = "manifest.json"
  /// Per-frame sizes and offsets of every track (the simulator's input).
  public static let frameIndex = "frame-index.json"
  /// Sabre's movie description (segment sizes per bitrate).
  public static let sabreMovie = "sabre-movie.json"
  /// What packaging did (source, tracks, warnings).
  public static let report = "report.json"
  /// The DASH fallback manifest.
  public static let dashManifest = "manifest.mpd"
  /// The HLS fallback master playlist.
  public static let hlsMaster = "master.m3u8"
  /// Each track's HLS media playlist, in the track folder.
  public static let mediaPlaylist = "playlist.m3u8"
  /// Each track's CMAF header, in the track folder.
  public static let header = "header.mp4"
  /// The conventional ladder (`--baseline`) inside a package.
  public static let baseline = "baseline"
  /// The manifest's `initializationPattern` and `continuationPattern`.
  public static let initializationPattern = "init-{initId}.m4s"
  public static let continuationPattern = "content-{segmentId}.m4s"

  /// `video/<track>/` (the manifest's `baseUrl`).
  public static func videoFolder(_ track: String) -> String { "video/\(track)/" }
  /// `audio/<track>/`.
  public static func audioFolder(_ track: String) -> String { "audio/\(track)/" }
  /// `init-<n>.m4s`: init packet n of a track.
  public static func initPacket(_ number: Int) -> String { "init-\(number).m4s" }
  /// `content-<s>.m4s`: continuation segment s of a track.
  public static func segment(_ id: Int) -> String { "content-\(id).m4s" }
}
