import Foundation
import HESPCore

/// `manifest.mpd` (a static DASH MPD over the continuation files) against the frame index:
/// every Representation is a track of the package with its size, codecs and bandwidth; the
/// SegmentTemplate's initialization and media resolve to the track's files, and its
/// SegmentTimeline lists each segment's real duration in order.
struct DASHManifestCheck {
  let contents: PackageContents
  let bytes: [UInt8]
  let videos: [FallbackCheck.Expected]
  let audio: FallbackCheck.Expected?
  let notIndependent: String?
  let file = "manifest.mpd"

  func at(_ text: String) -> Int { PackageContents.offset(of: text, in: bytes) }

  func run(_ findings: inout FindingList) {
    let root: XMLElementTree
    switch XMLElementTree.parse(bytes) {
    case .failure(let problem):
      findings.add(file, 0, "is not well-formed XML (line \(problem.line)): \(problem.reason)")
      return
    case .success(let element):
      root = element
    }
    guard root.name == "MPD" else {
      findings.add(file, 0, "root element <\(root.name)> is not <MPD>")
      return
    }
    if root.attributes["type", default: "static"] != "static" {
      findings.add(
        file, at("type="),
        "type '\(root.attributes["type"] ?? "")' is not 'static' (the package is video on demand)")
    }
    let index = contents.frameIndex
    if let stated = root.attributes["mediaPresentationDuration"] {
      if let seconds = Self.seconds(ofISODuration: stated) {
        if abs(seconds - index.durationSeconds) > 0.002 {
          findings.add(
            file, at("mediaPresentationDuration"),
            "mediaPresentationDuration \(stated) is not the content's \(index.durationSeconds) s")
        }
      } else {
        findings.add(
          file, at("mediaPresentationDuration"),
          "mediaPresentationDuration '\(stated)' is not an xs:duration")
      }
    }
    if let base = root.child("BaseURL"), base.attributes.isEmpty == false {
      findings.add(file, at("<BaseURL"), "BaseURL has attributes this check does not know")
    }
    let sets = root.children("Period").flatMap { $0.children("AdaptationSet") }
    var listed: Set<String> = []
    for set in sets {
      let isAudio =
        set.attributes["contentType"] == "audio"
        || set.attributes["mimeType"]?.hasPrefix("audio/") == true
      for representation in set.children("Representation") {
        guard let id = representation.attributes["id"] else {
          findings.add(file, at("<Representation"), "a Representation has no id")
          continue
        }
        let expected =
          isAudio
          ? (audio?.directory == PackageLayout.audioFolder(id) ? audio : nil)
          : videos.first { $0.directory == PackageLayout.videoFolder(id) }
        guard let expected else {
          findings.add(
            file, at(#"id="\#(id)""#),
            "Representation \(id) is not a \(isAudio ? "audio" : "video") track of the package")
          continue
        }
        listed.insert(expected.directory)
        check(representation, set: set, id: id, expected: expected, isAudio: isAudio, &findings)
      }
      if !isAudio, let notIndependent, let sap = set.attributes["startWithSAP"],
        sap == "1" || sap == "2"
      {
        findings.add(
          file, at("startWithSAP"),
          "startWithSAP=\(sap), but \(notIndependent) does not start with a keyframe")
      }
    }
    for expected in videos + (audio.map { [$0] } ?? []) where !listed.contains(expected.directory) {
      findings.add(
        file, 0, "lists no Representation for \(expected.directory) (a track of the package)")
    }
  }

  func check(
    _ representation: XMLElementTree, set: XMLElementTree, id: String,
    expected: FallbackCheck.Expected,
    isAudio: Bool, _ findings: inout FindingList
  ) {
    let offset = at(#"id="\#(id)""#)
    let attributes = representation.attributes
    if attributes["codecs"] != expected.codecs {
      findings.add(
        file, offset,
        "Representation \(id) codecs \(attributes["codecs"] ?? "absent"), the track's are \(expected.codecs)"
      )
    }
    if let stated = attributes["bandwidth"].flatMap(Int.init) {
      if FallbackCheck.bandwidthProblem(stated: stated, peak: expected.peakBitsPerSecond) {
        findings.add(
          file, offset,
          "Representation \(id) bandwidth \(stated) b/s, the segments' peak is \(expected.peakBitsPerSecond) b/s"
        )
      }
    } else {
      findings.add(file, offset, "Representation \(id) has no numeric bandwidth")
    }
    if !isAudio, let track = contents.frameIndex.tracks.first(where: { $0.id == id }) {
      let size = (attributes["width"].flatMap(Int.init), attributes["height"].flatMap(Int.init))
      if size.0 != track.width || size.1 != track.height {
        findings.add(
          file, offset,
          "Representation \(id) is \(attributes["width"] ?? "?")x\(attributes["height"] ?? "?"), the track is \(track.width)x\(track.height)"
        )
      }
    }
    guard let template = representation.child("SegmentTemplate") ?? set.child("SegmentTemplate")
    else {
      findings.add(file, offset, "Representation \(id) has no SegmentTemplate")
      return
    }
    func resolve(_ pattern: String, number: Int?) -> String {
      var path = pattern.replacingOccurrences(of: "$RepresentationID$", with: id)
      if let number { path = path.replacingOccurrences(of: "$Number$", with: String(number)) }
      return path
    }
    let header = expected.directory + PackageLayout.header
    if let initialization = template.attributes["initialization"],
      resolve(initialization, number: nil) != header
    {
      findings.add(
        file, at("initialization="),
        "Representation \(id) initialization resolves to \(resolve(initialization, number: nil)), not \(header)"
      )
    }
    let timescale = template.attributes["timescale"].flatMap(Int.init) ?? 1
    let startNumber = template.attributes["startNumber"].flatMap(Int.init) ?? 1
    guard let media = template.attributes["media"] else {
      findings.add(
        file, at("<SegmentTemplate"), "Representation \(id) SegmentTemplate has no media")
      return
    }
    let durations = Self.timeline(
      template.child("SegmentTimeline"), count: expected.segmentDurations.count)
    guard let durations else {
      findings.add(
        file, at("<SegmentTemplate"),
        "Representation \(id) SegmentTemplate has no SegmentTimeline with durations")
      return
    }
    if durations.count != expected.segmentDurations.count {
      findings.add(
        file, at("<SegmentTimeline"),
        "Representation \(id) SegmentTimeline lists \(durations.count) segments, the track has \(expected.segmentDurations.count)"
      )
    }
    for (position, (stated, real)) in zip(durations, expected.segmentDurations).enumerated()
    where stated * expected.timescale != real * timescale {
      findings.add(
        file, at("<SegmentTimeline"),
        "Representation \(id) segment \(position) lasts \(stated)/\(timescale) s in the SegmentTimeline, \(real)/\(expected.timescale) s in the files"
      )
      break
    }
    for (position, path) in expected.segmentFiles.enumerated()
    where resolve(media, number: startNumber + position) != path {
      findings.add(
        file, at("media="),
        "Representation \(id) segment \(position) resolves to \(resolve(media, number: startNumber + position)), not \(path)"
      )
      break
    }
  }

  /// Durations of a SegmentTimeline's `<S d r>` runs (`r="-1"` repeats to `count`).
  static func timeline(_ element: XMLElementTree?, count: Int) -> [Int]? {
    guard let element else { return nil }
    var durations: [Int] = []
    for run in element.children("S") {
      guard let duration = run.attributes["d"].flatMap(Int.init), duration > 0 else { return nil }
      let repeats = run.attributes["r"].flatMap(Int.init) ?? 0
      let times = repeats < 0 ? max(1, count - durations.count) : repeats + 1
      guard times <= 1_000_000 else { return nil }
      durations += Array(repeating: duration, count: times)
    }
    return durations.isEmpty ? nil : durations
  }

  /// Seconds of an xs:duration of the form `PT[nH][nM][n.nS]` (what MPDs use).
  static func seconds(ofISODuration text: String) -> Double? {
    guard text.hasPrefix("PT") else { return nil }
    var total = 0.0
    var number = ""
    for character in text.dropFirst(2) {
      if character.isNumber || character == "." {
        number.append(character)
        continue
      }
      guard let value = Double(number) else { return nil }
      switch character {
      case "H": total += value * 3600
      case "M": total += value * 60
      case "S": total += value
      default: return nil
      }
      number = ""
    }
    return number.isEmpty ? total : nil
  }
}
