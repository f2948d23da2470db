import Foundation
import HESPAVC
import HESPFFmpeg
import HESPMP4
import Testing

@testable import HESPPackager

/// DESIGN.md §2.1: the init encoder must share the continuation's SPS/PPS byte for byte, so one
/// `header.mp4` serves both streams (x264 `stitchable=1` pins pic_init_qp; the forced-IDR
/// encode keeps the long-GOP SPS).
@Suite struct ParameterSetTests {
  init() { FFmpegLog.silent() }

  static func plan(
    width: Int, height: Int, bitsPerSecond: Int, preset: String, fps: Int = 30,
    lossless: Bool = false
  ) -> TrackPlan {
    TrackPlan(
      id: "\(height)p", width: width, height: height, targetBitsPerSecond: bitsPerSecond,
      grid: FrameGrid(frameRateNumerator: fps, frameRateDenominator: 1), gopFrames: 2 * fps,
      segmentFrames: 2 * fps,
      initIntervalFrames: 1, initQP: 16, initLossless: lossless, spliceSafeFrameNum: false,
      preset: preset,
      encoderThreadCount: 0,
      directory: FileManager.default.temporaryDirectory)
  }

  static let rungs: [(Int, Int, Int)] = [
    (1280, 720, 3_000_000), (854, 480, 1_200_000), (640, 360, 600_000), (320, 180, 300_000),
    (1920, 1080, 5_000_000),
  ]

  @Test(arguments: ["veryfast", "medium", "ultrafast"])
  func theInitEncodersSPSAndPPSEqualTheContinuationsByteForByte(preset: String) throws {
    for (width, height, bitsPerSecond) in Self.rungs {
      let plan = Self.plan(
        width: width, height: height, bitsPerSecond: bitsPerSecond, preset: preset)
      let continuation = try VideoEncoder(settings: RenditionEncoder.continuationSettings(plan))
      let initial = try VideoEncoder(
        settings: RenditionEncoder.initSettings(plan, codedWidth: width, codedHeight: height))
      let a = try AVCConfiguration(extradata: continuation.extradata)
      let b = try AVCConfiguration(extradata: initial.extradata)
      #expect(a.sequenceParameterSets.count == 1 && a.pictureParameterSets.count == 1)
      #expect(
        a.sequenceParameterSets == b.sequenceParameterSets, "SPS \(width)x\(height) \(preset)")
      #expect(a.pictureParameterSets == b.pictureParameterSets, "PPS \(width)x\(height) \(preset)")
    }
  }

  @Test func aRungWhoseRateRaisesTheLevelGetsTheSameLevelInTheInitEncoder() throws {
    // 192x108 at 300 kb/s: the continuation's VBV rate makes x264 pick level 1.2, the
    // constant-QP init encode would pick 1.1 on its own.
    let plan = Self.plan(width: 192, height: 108, bitsPerSecond: 300_000, preset: "veryfast")
    let continuation = try AVCConfiguration(
      extradata: try VideoEncoder(settings: RenditionEncoder.continuationSettings(plan)).extradata)
    let level = Int(try continuation.sequenceParameterSet.levelIndication)
    let unpinned = try AVCConfiguration(
      extradata: try VideoEncoder(
        settings: RenditionEncoder.initSettings(plan, codedWidth: 192, codedHeight: 108)
      ).extradata)
    let pinned = try AVCConfiguration(
      extradata: try VideoEncoder(
        settings: RenditionEncoder.initSettings(
          plan, codedWidth: 192, codedHeight: 108, levelIdc: level)
      ).extradata)
    let unpinnedLevel = try unpinned.sequenceParameterSet.levelIndication
    #expect(level == 12 && unpinnedLevel == 11)
    #expect(pinned == continuation)
  }

  @Test func theLosslessInitEncoderHasItsOwnHigh444SPSWithTheSameCropping() throws {
    let plan = Self.plan(
      width: 640, height: 360, bitsPerSecond: 600_000, preset: "veryfast", lossless: true)
    let continuation = try AVCConfiguration(
      extradata: try VideoEncoder(settings: RenditionEncoder.continuationSettings(plan)).extradata)
    let lossless = try AVCConfiguration(
      extradata: try VideoEncoder(
        settings: RenditionEncoder.initSettings(plan, codedWidth: 640, codedHeight: 368)
      ).extradata)
    #expect(continuation.sequenceParameterSets[0][1] == 100)  // High
    #expect(lossless.sequenceParameterSets[0][1] == 244)  // High 4:4:4 Predictive
    #expect(
      RenditionEncoder.initSettings(plan, codedWidth: 640, codedHeight: 368).x264Parameters
        .hasSuffix("crop-rect=0,0,0,8:sps-id=1"))
    // Its own ids, so both sets fit one avcC: SPS 1 / PPS 1 beside the continuation's 0 / 0.
    let losslessSets = try AVCParameterSets(lossless)
    #expect(
      Array(losslessSets.sequenceParameterSets.keys) == [1]
        && Array(losslessSets.pictureParameterSets.keys) == [1])
    #expect(losslessSets.pictureParameterSets[1]?.seqParameterSetId == 1)
    let both = try LosslessParameterSets.combined(
      continuation: continuation, lossless: lossless, track: "360p")
    #expect(
      both.sequenceParameterSets == lossless.sequenceParameterSets
        + continuation.sequenceParameterSets)
    #expect(both.codecString.hasPrefix("avc1.f4"))
    #expect(throws: PackagingError.self) {
      try LosslessParameterSets.combined(
        continuation: continuation, lossless: continuation, track: "360p")
    }
  }

  @Test func theContinuationUsesTheMeasuredRecipe() {
    let plan = Self.plan(width: 640, height: 360, bitsPerSecond: 600_000, preset: "veryfast")
    let settings = RenditionEncoder.continuationSettings(plan)
    #expect(settings.x264Parameters == "bframes=0:ref=1:scenecut=0:open-gop=0:stitchable=1")
    #expect(settings.gopFrames == 60)
    // x264 gets the target less the CMAF share: (112 B per frame + 24 B per 60-frame segment)
    // x 8 x 30 fps = 26 976 b/s.
    #expect(plan.containerBitsPerSecond == 26_976)
    #expect(
      settings.rateControl
        == .bitRate(bitsPerSecond: 573_024, maxBitsPerSecond: 573_024, bufferBits: 1_146_048))
    let initial = RenditionEncoder.initSettings(plan, codedWidth: 640, codedHeight: 360)
    #expect(initial.rateControl == .constantQP(16))
    #expect(initial.x264Parameters.hasSuffix(":ipratio=1"))
    #expect(initial.everyFrameIsIDR)
  }
}
