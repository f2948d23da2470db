/// The lowest live latency a protocol can play at, whatever the network: a frame cannot be shown
/// before the unit that carries it may be requested. A target below it is raised to it (and the
/// output says so).
public enum ProtocolLatencyFloor {
  /// - `hesp`, `ll-dash`: one frame (a frame or CMAF chunk is sent as soon as it is produced).
  /// - `ll-hls`: PART-HOLD-BACK, three part targets (RFC 8216bis §4.4.3.8: at least twice the
  ///   part target, three recommended; players hold back this far from the live edge).
  /// - `dash`: one segment (a segment is requested once it is complete).
  public static func floorMs(
    of streamingProtocol: StreamingProtocol, content: ProtocolContent, options: ProtocolOptions
  )
    -> Double
  {
    switch streamingProtocol {
    case .hesp, .llDASH: content.frameMs
    case .llHLS:
      3 * Double(UnitGrid.unitFrames(content: content, streamingProtocol: .llHLS, options: options))
        * content.frameMs
    case .dash: Double(content.segmentFrames) * content.frameMs
    }
  }

  /// The target a session of `streamingProtocol` plays at (live).
  public static func effectiveTargetMs(
    of streamingProtocol: StreamingProtocol, content: ProtocolContent, options: ProtocolOptions
  ) -> Double {
    max(options.targetLatencyMs, floorMs(of: streamingProtocol, content: content, options: options))
  }
}
