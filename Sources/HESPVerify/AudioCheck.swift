import Foundation
import HESPCore
import HESPFFmpeg
import HESPMP4

/// The audio track of a package (`audio/<id>/`): the header's boxes (`soun`, `mp4a` + `esds`)
/// against the frame index and the manifest, every continuation segment's chunks (one sync
/// sample each, decode times contiguous from 0, offsets and sizes as indexed), every init
/// packet (the header byte for byte + an `initdata` emsg pointing at its frame's chunk, no
/// sample), and a libavcodec AAC decode of every sample.
enum AudioCheck {
  static func run(_ contents: PackageContents, findings: inout FindingList) -> VerifyReport
    .AudioTrack?
  {
    let sets = contents.manifest.presentations.first?.audio ?? []
    guard let track = contents.frameIndex.audio else {
      if !sets.isEmpty {
        findings.add(
          PackageLayout.frameIndex, 0,
          "has no audio track, but the manifest has an audio Switching Set")
      }
      return nil
    }
    let directory = PackageLayout.audioFolder(track.id)
    var report = VerifyReport.AudioTrack(
      id: track.id, frameCount: track.frames.count, segmentCount: track.segments.count,
      initPacketCount: 0, decodedSampleCount: 0, decodeFailures: 0, durationSeconds: 0)
    let manifestTrack = sets.flatMap(\.tracks).first { $0.id == track.id }
    if manifestTrack == nil {
      findings.add(
        PackageLayout.manifest, PackageContents.offset(of: "\"audio\"", in: contents.manifestBytes),
        "has no audio Track \(track.id) (frame-index.json has one)")
    } else if let codecs = manifestTrack?.codecs, codecs != track.codecs {
      findings.add(
        PackageLayout.manifest, PackageContents.offset(of: codecs, in: contents.manifestBytes),
        "audio Track \(track.id) codecs \(codecs), frame-index.json says \(track.codecs)")
    }
    let headerFile = directory + PackageLayout.header
    guard let headerBytes = PackageContents.bytes(contents.root, headerFile) else {
      findings.add(headerFile, 0, "missing")
      return report
    }
    let header: CMAFAudioHeader
    do {
      header = try MP4File(bytes: headerBytes).audioHeader()
    } catch let error as MP4Error {
      findings.add(headerFile, error)
      return report
    } catch {
      findings.add(headerFile, error: error)
      return report
    }
    if header.codecString != track.codecs {
      findings.add(
        headerFile, 0, "esds says \(header.codecString), frame-index.json \(track.codecs)")
    }
    if Int(header.timescale) != track.timescale {
      findings.add(
        headerFile, 0, "mdhd timescale \(header.timescale), frame-index.json \(track.timescale)")
    }
    if header.channelCount != track.channelCount {
      findings.add(
        headerFile, 0,
        "mp4a channelcount \(header.channelCount), frame-index.json \(track.channelCount)")
    }
    let samples = segments(
      track, directory: directory, header: header, contents: contents, findings: &findings)
    report.initPacketCount = initPackets(
      track, directory: directory, headerBytes: headerBytes, contents: contents, findings: &findings
    )
    decode(samples, header: header, directory: directory, report: &report, findings: &findings)
    report.durationSeconds =
      (Double(track.frames.reduce(0) { $0 + $1.durationTicks }) / Double(max(track.timescale, 1))
      * 1000)
      .rounded() / 1000
    return report
  }

  /// A sample to decode and where it came from.
  struct Sample {
    var file: String
    var byteOffset: Int
    var data: [UInt8]
  }

  private static func segments(
    _ track: FrameIndex.AudioTrack, directory: String, header: CMAFAudioHeader,
    contents: PackageContents, findings: inout FindingList
  ) -> [Sample] {
    var samples: [Sample] = []
    var expectedTime: UInt64 = 0
    for segment in track.segments {
      let file = directory + PackageLayout.segment(segment.id)
      guard let bytes = PackageContents.bytes(contents.root, file) else {
        findings.add(file, 0, "missing")
        continue
      }
      if bytes.count != segment.byteCount {
        findings.add(file, 0, "is \(bytes.count) bytes, frame-index.json says \(segment.byteCount)")
      }
      do {
        let mp4 = try MP4File(bytes: bytes)
        guard try mp4.segmentType() != nil else {
          findings.add(file, 0, "does not start with 'styp'")
          continue
        }
        let fragments = try mp4.fragments(defaults: header.trackExtends)
        let indexed = track.frames[
          segment.firstFrame..<min(track.frames.count, segment.firstFrame + segment.frameCount)]
        if fragments.count != indexed.count {
          findings.add(
            file, 0, "has \(fragments.count) chunks, frame-index.json says \(indexed.count)")
        }
        for (fragment, frame) in zip(fragments, indexed) {
          let offset = fragment.moof.offset
          if offset != frame.byteOffset {
            findings.add(
              file, offset, "chunk at byte \(offset), frame-index.json says \(frame.byteOffset)")
          }
          guard fragment.samples.count == 1, let sample = fragment.samples.first else {
            findings.add(
              file, offset, "chunk holds \(fragment.samples.count) samples, expected 1 AAC frame")
            continue
          }
          if !sample.isSync { findings.add(file, offset, "AAC frame is not a sync sample") }
          if sample.decodeTimeTicks != expectedTime {
            findings.add(
              file, offset,
              "AAC frame decodes at \(sample.decodeTimeTicks), expected \(expectedTime) (contiguous from 0)"
            )
          }
          expectedTime = sample.decodeTimeTicks + UInt64(sample.durationTicks)
          samples.append(Sample(file: file, byteOffset: offset, data: mp4.data(of: sample)))
        }
      } catch let error as MP4Error {
        findings.add(file, error)
      } catch {
        findings.add(file, error: error)
      }
    }
    return samples
  }

  /// Init packet n: the header bytes, then one `initdata` emsg with frame n's segment and
  /// offset, and nothing else.
  private static func initPackets(
    _ track: FrameIndex.AudioTrack, directory: String, headerBytes: [UInt8],
    contents: PackageContents, findings: inout FindingList
  ) -> Int {
    var good = 0
    for (index, frame) in track.frames.enumerated() {
      let file = directory + PackageLayout.initPacket(index)
      guard let bytes = PackageContents.bytes(contents.root, file) else {
        findings.add(file, 0, "missing")
        continue
      }
      guard bytes.count >= headerBytes.count,
        bytes[0..<headerBytes.count].elementsEqual(headerBytes)
      else {
        findings.add(file, 0, "does not start with the bytes of header.mp4")
        continue
      }
      do {
        let mp4 = try MP4File(bytes: bytes)
        let rest = mp4.boxes.filter { $0.offset >= headerBytes.count }
        guard rest.map(\.type) == ["emsg"], let box = rest.first else {
          findings.add(
            file, headerBytes.count,
            "after the header holds \(rest.map(\.type)), expected one 'emsg' (no sample)")
          continue
        }
        let message = try EventMessage(box, in: bytes)
        let expected = #"{"index":\#(frame.segmentId),"offset":\#(frame.byteOffset)}"#
        let text = String(decoding: message.messageData, as: UTF8.self)
        if message.schemeIdURI != "urn:theo:hesp:2020" || message.value != "initdata" {
          findings.add(
            file, box.offset,
            "emsg is \(message.schemeIdURI) \(message.value), expected urn:theo:hesp:2020 initdata")
        } else if text != expected {
          findings.add(
            file, box.offset, "initdata \(text) does not point at AAC frame \(index) (\(expected))")
        } else {
          good += 1
        }
      } catch let error as MP4Error {
        findings.add(file, error)
      } catch {
        findings.add(file, error: error)
      }
    }
    return good
  }

  private static func decode(
    _ samples: [Sample], header: CMAFAudioHeader, directory: String,
    report: inout VerifyReport.AudioTrack, findings: inout FindingList
  ) {
    let decoder: AudioDecoder
    do {
      decoder = try AudioDecoder(
        audioSpecificConfig: header.audioSpecificConfig, sampleRate: Int(header.timescale),
        channelCount: max(header.channelCount, 1))
    } catch {
      findings.add(
        directory + "header.mp4", 0, "the AAC decoder does not open with its esds: \(error)")
      report.decodeFailures = samples.count
      return
    }
    decoder.collectErrors()
    defer { decoder.stopCollectingErrors() }
    for (number, sample) in samples.enumerated() {
      var problems: [String] = []
      do {
        try decoder.send(
          AudioPacket(bytes: sample.data, presentationTime: Int64(number) * 1024, duration: 1024))
        while let frame = try decoder.receiveFrame() {
          report.decodedSampleCount += frame.sampleCount
        }
      } catch {
        problems.append("\(error)")
      }
      problems += decoder.takeErrors()
      if !problems.isEmpty {
        report.decodeFailures += 1
        findings.add(
          sample.file, sample.byteOffset,
          "AAC frame \(number) does not decode: \(problems.joined(separator: "; "))")
      }
    }
  }
}
