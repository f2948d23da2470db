import CFFmpeg

/// A libavfilter graph with one video input and one video output (`buffer` -> DESCRIPTION ->
/// `buffersink`), e.g. `bwdif=mode=send_frame,transpose=clock`. Frames go in with `send` and
/// come out with `receive`, timestamps kept; `send(nil)` flushes the filters that hold frames
/// back (bwdif looks one frame ahead).
public final class FilterGraph {
  private var graph: UnsafeMutablePointer<AVFilterGraph>?
  private let source: UnsafeMutablePointer<AVFilterContext>
  private let sink: UnsafeMutablePointer<AVFilterContext>
  /// The filter chain as given.
  public let description: String

  /// A graph for pictures shaped like `sample` (size, format, pixel aspect ratio), with
  /// timestamps in `timeBaseNumerator/timeBaseDenominator`.
  public init(
    _ description: String, sample: Frame, timeBaseNumerator: Int, timeBaseDenominator: Int
  ) throws {
    self.description = description
    guard let graph = avfilter_graph_alloc() else {
      throw FFmpegError(call: "avfilter_graph_alloc", code: -12)
    }
    graph.pointee.nb_threads = 1
    let picture = sample.pointer.pointee
    let sar = picture.sample_aspect_ratio
    let arguments =
      "video_size=\(picture.width)x\(picture.height):pix_fmt=\(picture.format)"
      + ":time_base=\(timeBaseNumerator)/\(max(timeBaseDenominator, 1))"
      + ":pixel_aspect=\(sar.num > 0 ? sar.num : 1)/\(sar.den > 0 ? sar.den : 1)"
    var source: UnsafeMutablePointer<AVFilterContext>?
    var sink: UnsafeMutablePointer<AVFilterContext>?
    do {
      try check(
        avfilter_graph_create_filter(
          &source, avfilter_get_by_name("buffer"), "in", arguments, nil, graph),
        "avfilter_graph_create_filter(buffer \(arguments))")
      try check(
        avfilter_graph_create_filter(
          &sink, avfilter_get_by_name("buffersink"), "out", nil, nil, graph),
        "avfilter_graph_create_filter(buffersink)")
      guard let source, let sink else {
        throw FFmpegError(call: "avfilter_graph_create_filter", code: -12)
      }
      // The lists are handed to avfilter_graph_parse_ptr, which consumes them and returns
      // what stays unlinked: only those are freed here.
      var openOutputs = avfilter_inout_alloc()
      var openInputs = avfilter_inout_alloc()
      guard let outputs = openOutputs, let inputs = openInputs else {
        avfilter_inout_free(&openOutputs)
        avfilter_inout_free(&openInputs)
        throw FFmpegError(call: "avfilter_inout_alloc", code: -12)
      }
      outputs.pointee.name = av_strdup("in")
      outputs.pointee.filter_ctx = source
      outputs.pointee.pad_idx = 0
      outputs.pointee.next = nil
      inputs.pointee.name = av_strdup("out")
      inputs.pointee.filter_ctx = sink
      inputs.pointee.pad_idx = 0
      inputs.pointee.next = nil
      let parsed = avfilter_graph_parse_ptr(graph, description, &openInputs, &openOutputs, nil)
      avfilter_inout_free(&openInputs)
      avfilter_inout_free(&openOutputs)
      try check(parsed, "avfilter_graph_parse_ptr(\(description))")
      try check(avfilter_graph_config(graph, nil), "avfilter_graph_config(\(description))")
    } catch {
      var toFree: UnsafeMutablePointer<AVFilterGraph>? = graph
      avfilter_graph_free(&toFree)
      throw error
    }
    self.graph = graph
    self.source = source!
    self.sink = sink!
  }

  deinit { avfilter_graph_free(&graph) }

  /// Sends one picture (a new reference; `frame` is untouched); nil ends the input.
  public func send(_ frame: Frame?) throws {
    guard let frame else {
      try check(av_buffersrc_add_frame_flags(source, nil, 0), "av_buffersrc_add_frame(flush)")
      return
    }
    let input = try frame.reference()
    try check(
      av_buffersrc_add_frame_flags(source, input.pointer, Int32(AV_BUFFERSRC_FLAG_KEEP_REF)),
      "av_buffersrc_add_frame")
  }

  /// The next filtered picture, or nil when the graph needs more input (or is drained).
  public func receive() throws -> Frame? {
    let frame = try Frame()
    let result = av_buffersink_get_frame(sink, frame.pointer)
    if result == errorAgain || result == errorEndOfFile { return nil }
    try check(result, "av_buffersink_get_frame")
    frame.pointer.pointee.best_effort_timestamp = frame.pointer.pointee.pts
    return frame
  }
}
