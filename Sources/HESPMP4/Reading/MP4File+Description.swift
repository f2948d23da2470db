extension MP4File {
  /// The box tree as indented text, one box per line with its offset and size and the main
  /// fields of the boxes hesp writes, e.g. `  tfdt @1020 size 20 v1 baseMediaDecodeTime=1536`.
  /// A box whose fields do not decode shows the error instead; the dump itself never throws.
  public func treeDescription() -> String {
    var lines: [String] = []
    func visit(_ box: MP4Box, depth: Int) {
      let summary = fieldSummary(box)
      lines.append(
        String(repeating: "  ", count: depth) + "\(box.type) @\(box.offset) size \(box.size)"
          + (summary.isEmpty ? "" : " " + summary))
      for child in box.children { visit(child, depth: depth + 1) }
    }
    for box in boxes { visit(box, depth: 0) }
    return lines.joined(separator: "\n")
  }

  private func fieldSummary(_ box: MP4Box) -> String {
    do {
      switch box.type {
      case "ftyp", "styp":
        let type = try FileType(box, in: bytes)
        return "major=\(type.majorBrand) compatible=\(type.compatibleBrands.joined(separator: ","))"
      case "mvhd":
        return "timescale=\(try MovieHeader(box, in: bytes).timescale)"
      case "tkhd":
        let header = try TrackHeader(box, in: bytes)
        return "track=\(header.trackId) \(header.width)x\(header.height)"
      case "mdhd":
        return "timescale=\(try MediaHeader(box, in: bytes).timescale)"
      case "avc1", "avc3":
        let entry = try VisualSampleEntry(box, in: bytes)
        return "\(entry.width)x\(entry.height) \(entry.avc.codecString)"
      case "emsg":
        let message = try EventMessage(box, in: bytes)
        return
          "v\(message.version) \(message.schemeIdURI) \(message.value) timescale=\(message.timescale) "
          + "duration=\(message.eventDuration) data=\(String(decoding: message.messageData, as: UTF8.self))"
      case "mfhd":
        return "sequence=\(try MovieFragmentHeader(box, in: bytes).sequenceNumber)"
      case "tfhd":
        let header = try TrackFragmentHeader(box, in: bytes)
        return "track=\(header.trackId) flags=0x\(String(header.flags, radix: 16))"
      case "tfdt":
        let time = try TrackFragmentDecodeTime(box, in: bytes)
        return "v\(time.version) baseMediaDecodeTime=\(time.baseMediaDecodeTime)"
      case "trun":
        let run = try TrackRun(box, in: bytes)
        let flags = run.samples.map { $0.flags ?? run.firstSampleFlags ?? 0 }
        return
          "v\(run.version) samples=\(run.samples.count) dataOffset=\(run.dataOffset.map(String.init) ?? "-") "
          + "sync=\(flags.filter(SampleFlags.isSync).count)"
      case "sidx":
        let index = try SegmentIndex(box, in: bytes)
        return "v\(index.version) timescale=\(index.timescale) references=\(index.references.count)"
      default:
        return ""
      }
    } catch {
      return "(\(error))"
    }
  }
}
