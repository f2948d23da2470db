import CFFmpeg
import Foundation

/// A libavfilter graph that makes video by itself (a source filter such as
/// `testsrc2=size=1280x720:rate=30`, optionally followed by more filters) into a
/// `buffersink`: FFmpeg's `lavfi` input without libavdevice. Pictures come out as fast as
/// they are asked for; timestamps are in `timeBase`.
public final class FilterSource {
  private var graph: UnsafeMutablePointer<AVFilterGraph>?
  private let sink: UnsafeMutablePointer<AVFilterContext>
  public let description: String
  public let width: Int
  public let height: Int
  /// Frame rate of the output (0/1 when the graph does not say).
  public let frameRateNumerator: Int
  public let frameRateDenominator: Int
  public let timeBaseNumerator: Int
  public let timeBaseDenominator: Int

  /// Parses and configures `description`; throws `FFmpegError` naming the call (an unknown
  /// filter or option fails in `avfilter_graph_parse_ptr`).
  public init(_ description: String) throws {
    self.description = description
    guard let graph = avfilter_graph_alloc() else {
      throw FFmpegError(call: "avfilter_graph_alloc", code: -12)
    }
    graph.pointee.nb_threads = 1
    var sink: UnsafeMutablePointer<AVFilterContext>?
    do {
      try check(
        avfilter_graph_create_filter(&sink, avfilter_get_by_name("buffersink"), "out", nil, nil, graph),
        "avfilter_graph_create_filter(buffersink)")
      guard let sink else { throw FFmpegError(call: "avfilter_graph_create_filter", code: -12) }
      var openInputs = avfilter_inout_alloc()
      guard let inputs = openInputs else { throw FFmpegError(call: "avfilter_inout_alloc", code: -12) }
      inputs.pointee.name = av_strdup("out")
      inputs.pointee.filter_ctx = sink
      inputs.pointee.pad_idx = 0
      inputs.pointee.next = nil
      var openOutputs: UnsafeMutablePointer<AVFilterInOut>? = nil
      let parsed = avfilter_graph_parse_ptr(graph, description, &openInputs, &openOutputs, nil)
      let unconnected = openOutputs != nil
      avfilter_inout_free(&openInputs)
      avfilter_inout_free(&openOutputs)
      if parsed < 0, let unknown = Self.unknownFilterName(in: description) {
        throw FFmpegError(
          call: "avfilter_graph_parse_ptr(\(description))", code: parsed, message: "no filter named '\(unknown)'")
      }
      try check(parsed, "avfilter_graph_parse_ptr(\(description))")
      if unconnected {
        throw FFmpegError(
          call: "avfilter_graph_parse_ptr(\(description))", code: hesp_averror(EINVAL),
          message: "the graph has an unconnected input: it must start with a source filter")
      }
      try check(avfilter_graph_config(graph, nil), "avfilter_graph_config(\(description))")
      guard av_buffersink_get_type(sink) == AVMEDIA_TYPE_VIDEO else {
        throw FFmpegError(call: "av_buffersink_get_type", code: hesp_averror(EINVAL), message: "the graph makes no video")
      }
    } catch {
      var toFree: UnsafeMutablePointer<AVFilterGraph>? = graph
      avfilter_graph_free(&toFree)
      throw error
    }
    self.graph = graph
    self.sink = sink!
    width = Int(av_buffersink_get_w(sink))
    height = Int(av_buffersink_get_h(sink))
    let rate = av_buffersink_get_frame_rate(sink)
    frameRateNumerator = Int(max(rate.num, 0))
    frameRateDenominator = Int(max(rate.den, 1))
    let timeBase = av_buffersink_get_time_base(sink)
    timeBaseNumerator = Int(timeBase.num)
    timeBaseDenominator = Int(max(timeBase.den, 1))
  }

  deinit { avfilter_graph_free(&graph) }

  /// The first filter of a graph description that libavfilter does not have (FFmpeg itself
  /// only answers "Invalid argument").
  static func unknownFilterName(in description: String) -> String? {
    for part in description.split(whereSeparator: { $0 == "," || $0 == ";" }) {
      var name = Substring(part.split(separator: "=", maxSplits: 1).first ?? "")
      while name.hasPrefix("["), let close = name.firstIndex(of: "]") { name = name[name.index(after: close)...] }
      if let open = name.firstIndex(of: "[") { name = name[..<open] }
      let trimmed = name.trimmingCharacters(in: .whitespaces)
      if !trimmed.isEmpty, avfilter_get_by_name(trimmed) == nil { return trimmed }
    }
    return nil
  }

  /// The next picture; nil when the source has ended (a source with a duration).
  public func next() throws -> Frame? {
    let frame = try Frame()
    let result = av_buffersink_get_frame(sink, frame.pointer)
    if result == errorEndOfFile { return nil }
    try check(result, "av_buffersink_get_frame")
    frame.pointer.pointee.best_effort_timestamp = frame.pointer.pointee.pts
    return frame
  }
}
