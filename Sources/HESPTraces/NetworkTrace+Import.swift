import Foundation

/// A trace read from a file, with the format it was read as.
public struct LoadedTrace: Sendable, Equatable {
  /// The imported periods.
  public var trace: NetworkTrace
  /// The format given, or the one detected from the content.
  public var format: TraceFormat

  /// Pairs a trace with the format it was read as.
  public init(trace: NetworkTrace, format: TraceFormat) {
    self.trace = trace
    self.format = format
  }
}

extension NetworkTrace {
  /// Reads a trace file in any supported format.
  /// - Parameters:
  ///   - url: the file to read.
  ///   - format: the format to read it as; `nil` detects it from the content.
  ///   - options: importer knobs (Mahimahi bin width, default latency, bandwidth scale).
  /// - Returns: the trace as back-to-back periods.
  /// - Throws: `TraceError` naming the file, line (or JSON path) and reason.
  public static func load(
    from url: URL, format: TraceFormat? = nil, options: TraceImportOptions = .init()
  ) throws -> NetworkTrace {
    try loadDetectingFormat(from: url, format: format, options: options).trace
  }

  /// Like `load(from:format:options:)`, also returning the format used.
  public static func loadDetectingFormat(
    from url: URL, format: TraceFormat? = nil, options: TraceImportOptions = .init()
  ) throws -> LoadedTrace {
    // Errors name the file as it was given (a relative path stays relative).
    let source = url.relativePath
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: source, isDirectory: &isDirectory),
      isDirectory.boolValue
    {
      throw TraceError(source: source, reason: "is a directory, not a trace file")
    }
    let attributes = try? FileManager.default.attributesOfItem(
      atPath: url.resolvingSymlinksInPath().path)
    if let type = attributes?[.type] as? FileAttributeType, type != .typeRegular {
      // A device or pipe (/dev/zero) could be read forever.
      throw TraceError(source: source, reason: "not a regular file")
    }
    if let size = attributes?[.size] as? NSNumber,
      size.int64Value > Int64(TraceLimits.maximumFileBytes)
    {
      throw TraceError(
        source: source,
        reason:
          "file of \(size.int64Value) bytes is larger than the limit of \(TraceLimits.maximumFileBytes) bytes (256 MiB)"
      )
    }
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      let exists = FileManager.default.fileExists(atPath: source)
      throw TraceError(source: source, reason: exists ? "cannot read the file" : "no such file")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw TraceError(source: source, reason: "not a text file (invalid UTF-8)")
    }
    return try parseDetectingFormat(text, format: format, options: options, source: source)
  }

  /// Parses trace text in any supported format (the form tests use).
  /// - Parameters:
  ///   - text: the whole content of a trace file.
  ///   - format: the format to read it as; `nil` detects it from the content.
  ///   - options: importer knobs.
  ///   - source: the name errors use for the input (a file path, normally).
  /// - Throws: `TraceError` naming `source`, line (or JSON path) and reason.
  public static func parse(
    _ text: String, format: TraceFormat? = nil, options: TraceImportOptions = .init(),
    source: String = "<input>"
  ) throws -> NetworkTrace {
    try parseDetectingFormat(text, format: format, options: options, source: source).trace
  }

  /// Like `parse(_:format:options:source:)`, also returning the format used.
  public static func parseDetectingFormat(
    _ text: String, format: TraceFormat? = nil, options: TraceImportOptions = .init(),
    source: String = "<input>"
  ) throws -> LoadedTrace {
    try options.validate()
    guard let format = format ?? TraceFormat.detect(text) else {
      guard let line = TextLines.firstNonBlankLine(of: text) else {
        throw TraceError(source: source, reason: "empty trace: the file is empty")
      }
      throw TraceError(
        source: source,
        reason: "cannot detect the trace format from the first line \(TextLines.quoted(line)); "
          + "force one of: \(TraceFormat.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    let trace: NetworkTrace
    switch format {
    case .mahimahi: trace = try MahimahiImporter.parse(text, source: source, options: options)
    case .pensieve: trace = try PensieveImporter.parse(text, source: source, options: options)
    case .sabre: trace = try SabreJSONImporter.parse(text, source: source, options: options)
    case .fiveGCSV: trace = try FiveGCSVImporter.parse(text, source: source, options: options)
    case .csv: trace = try PlainCSVImporter.parse(text, source: source, options: options)
    }
    return LoadedTrace(trace: trace, format: format)
  }
}
