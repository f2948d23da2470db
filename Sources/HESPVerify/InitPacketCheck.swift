import Foundation
import HESPAVC
import HESPCore
import HESPMP4

/// Box conformance of one initialization packet `init-<n>.m4s`: ftyp + moov equal to
/// `header.mp4` (lossless parameter sets live in its avcC too), an `emsg` v0 with scheme
/// `urn:theo:hesp:2020` / value `initdata` whose JSON `index`/`offset` point at frame n+1's moof
/// (the last frame's packet carries `{}`: nothing follows it), and a moof with one sync sample
/// at frame n's tfdt whose mdat holds an IDR.
enum InitPacketCheck {
  static let scheme = "urn:theo:hesp:2020"
  static let value = "initdata"

  /// What the emsg's message_data carries.
  /// What the emsg's message_data carries: `index` (required by the draft, except in the last
  /// frame's packet, which has no pointer) and `offset` (0 when absent).
  struct Pointer: Decodable {
    var index: Int?
    var offset: Int?
  }

  static func run(
    frame: Int, file: String, track: FrameIndex.Track, contents: PackageContents,
    headerBytes: [UInt8],
    continuation: [TrackMedia.ContinuationSample?], findings: inout FindingList
  ) -> TrackMedia.InitPacket? {
    guard let bytes = PackageContents.bytes(contents.root, file) else {
      findings.add(file, 0, "missing (frame-index.json lists init packet \(frame))")
      return nil
    }
    let expectedBytes = track.frames[frame].initPacketByteCount
    if bytes.count != expectedBytes {
      findings.add(
        file, min(bytes.count, expectedBytes),
        "has \(bytes.count) bytes, frame-index.json says \(expectedBytes)")
    }
    do {
      let mp4 = try MP4File(bytes: bytes)
      let types = mp4.topLevelTypes
      guard types == ["ftyp", "moov", "emsg", "moof", "mdat"] else {
        findings.add(file, 0, "top-level boxes \(types), expected [ftyp, moov, emsg, moof, mdat]")
        return nil
      }
      let header = try mp4.header()
      let record = header.sampleEntry.decoderConfigurationRecord
      let sharesHeader = bytes[header.byteRange].elementsEqual(headerBytes)
      if !sharesHeader {
        let profile =
          (try? header.sampleEntry.avc.sequenceParameterSet.profileIndication).map {
            " (its SPS: profile \($0))"
          } ?? ""
        findings.add(
          file, 0,
          "ftyp+moov differ from header.mp4\(profile): an init packet carries its track's header (lossless parameter sets belong in header.mp4's avcC under their own ids)"
        )
      }
      let timescale = contents.frameIndex.timescale
      let duration = contents.frameIndex.frameDurationTicks
      if Int(header.timescale) != timescale {
        findings.add(file, 0, "timescale \(header.timescale) is not the track's \(timescale)")
      }
      guard let (emsgBox, event) = try mp4.eventMessages().first else { return nil }
      let at = emsgBox.offset
      if event.version != 0 { findings.add(file, at, "emsg version \(event.version), expected 0") }
      if event.schemeIdURI != scheme || event.value != value {
        findings.add(
          file, at,
          "emsg scheme '\(event.schemeIdURI)' value '\(event.value)', expected '\(scheme)' / '\(value)'"
        )
      }
      if Int(event.timescale) != timescale || Int(event.eventDuration) != duration {
        findings.add(
          file, at,
          "emsg timescale \(event.timescale) / duration \(event.eventDuration), expected \(timescale) / \(duration)"
        )
      }
      let pointer: Pointer
      do {
        pointer = try JSONDecoder().decode(Pointer.self, from: Data(event.messageData))
      } catch {
        findings.add(
          file, at,
          "emsg message_data is not JSON {\"index\", \"offset\"}: '\(String(decoding: event.messageData, as: UTF8.self))'"
        )
        return nil
      }
      checkPointer(
        pointer, frame: frame, file: file, at: at, track: track, continuation: continuation,
        findings: &findings)
      let fragments = try mp4.fragments(defaults: header.trackExtends)
      guard fragments.count == 1, fragments[0].samples.count == 1,
        let sample = fragments[0].samples.first
      else {
        findings.add(file, mp4.boxes[3].offset, "moof must hold exactly one sample")
        return nil
      }
      let moofAt = fragments[0].moof.offset
      if !sample.isSync { findings.add(file, moofAt, "the sample is not flagged sync") }
      if sample.decodeTimeTicks != UInt64(frame * duration) {
        findings.add(
          file, moofAt,
          "tfdt \(sample.decodeTimeTicks) is not continuation frame \(frame)'s \(frame * duration)")
      }
      let data = mp4.data(of: sample)
      if !SampleInspection.containsIDR(data) {
        findings.add(file, sample.dataRange.lowerBound, "mdat holds no IDR slice")
      } else if let problem = AccessUnitCheck.problem(data, configuration: header.sampleEntry.avc) {
        findings.add(
          file, sample.dataRange.lowerBound, "the IDR sample is not one access unit: \(problem)")
      }
      return TrackMedia.InitPacket(
        frame: frame, file: file, decoderConfigurationRecord: record,
        configuration: header.sampleEntry.avc,
        sharesHeader: sharesHeader, segmentId: pointer.index ?? -1, byteOffset: pointer.offset ?? 0,
        data: data,
        dataOffset: sample.dataRange.lowerBound)
    } catch {
      findings.add(file, error: error)
      return nil
    }
  }

  /// `index`/`offset` must name frame n+1's chunk; the last frame's packet must have no pointer
  /// (one at the end of the last segment makes players ask for a Range HTTP answers with 416).
  private static func checkPointer(
    _ pointer: Pointer, frame: Int, file: String, at: Int, track: FrameIndex.Track,
    continuation: [TrackMedia.ContinuationSample?], findings: inout FindingList
  ) {
    let next = frame + 1
    guard let index = pointer.index else {
      if pointer.offset != nil || next < track.frames.count {
        findings.add(
          file, at,
          "emsg message_data has no 'index' (required unless it is the last frame's packet, which carries {})"
        )
      }
      return
    }
    let offset = pointer.offset ?? 0
    guard let segment = track.segments.first(where: { $0.id == index }) else {
      findings.add(file, at, "emsg index \(index) names no segment of track \(track.id)")
      return
    }
    if offset >= segment.byteCount || offset < 0 {
      findings.add(
        file, at,
        "emsg offset \(offset) is not inside content-\(index).m4s (\(segment.byteCount) bytes): a Range request for it gets 416"
      )
      return
    }
    if next >= track.frames.count {
      findings.add(
        file, at,
        "last frame: emsg points at content-\(index).m4s byte \(offset), but nothing follows the last frame (the message should be {})"
      )
      return
    }
    let entry = track.frames[next]
    let actual =
      continuation[next].map { ($0.segmentId, $0.byteOffset) } ?? (
        entry.segmentId, entry.byteOffset
      )
    if index != actual.0 || offset != actual.1 {
      findings.add(
        file, at,
        "emsg points at content-\(index).m4s byte \(offset), but frame \(next)'s moof is at content-\(actual.0).m4s byte \(actual.1)"
      )
    }
  }
}
