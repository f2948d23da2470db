// swift-tools-version: 6.0
import PackageDescription

// Dependencies point one way (the whole graph is in docs/ARCHITECTURE.md):
//   CFFmpeg <- HESPFFmpeg <- HESPPackager, HESPVerify, HESPLive <- hesp-media
//   HESPAVC <- HESPMP4 <- HESPPackager, HESPVerify, HESPLive, HESPPlayer
//   HESPCore <- HESPABR <- HESPSimulator <- HESPProtocols <- HESPStudy <- HESPCommandLine
//   HESPServer, HESPPlayer, HESPEmulation <- HESPCommandLine <- hesp, hesp-media
// The simulator side never imports FFmpeg: it builds and tests without it, and `hesp` (the
// executable users run) links no FFmpeg; it hands demo, package, verify, live and
// study --input to `hesp-media`.
let package = Package(
  name: "hesp",
  platforms: [.macOS(.v15)],  // Synchronization.Mutex (HESPStudy, HESPTestSupport)
  products: [
    .executable(name: "hesp", targets: ["hesp"]),
    .executable(name: "hesp-media", targets: ["hesp-media"]),
    .library(name: "HESPCore", targets: ["HESPCore"]),
    .library(name: "HESPAVC", targets: ["HESPAVC"]),
    .library(name: "HESPMP4", targets: ["HESPMP4"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    // hesp serve: Hummingbird 2 on SwiftNIO, graceful shutdown through swift-service-lifecycle.
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    // hesp play: the real HTTP player (keep-alive connection pool, streamed bodies).
    .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
  ],
  targets: [
    .target(name: "HESPCore"),
    // Helpers shared by the test targets: running programs, temporary folders, fixtures.
    .target(
      name: "HESPTestSupport",
      dependencies: [
        "HESPAVC", "HESPCore",
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "Logging", package: "swift-log"),
      ], path: "Sources/HESPTestSupport"),
    .target(name: "HESPTraces"),
    // H.264 bitstream syntax: NAL units, SPS/PPS, slice headers, the splice-safe frame_num
    // rewrite. No container: HESPMP4 carries it in avcC and samples.
    .target(name: "HESPAVC"),
    .target(name: "HESPMP4", dependencies: ["HESPAVC"]),
    // FFmpeg 5.1 (Debian 12: libavformat-dev libavcodec-dev libavfilter-dev libavutil-dev
    // libswscale-dev libswresample-dev).
    .systemLibrary(
      name: "CFFmpeg",
      pkgConfig: "libavformat libavcodec libavfilter libavutil libswscale libswresample",
      providers: [
        .apt([
          "libavformat-dev", "libavcodec-dev", "libavfilter-dev", "libavutil-dev", "libswscale-dev",
          "libswresample-dev",
          "pkg-config",
        ]),
        .brew(["ffmpeg"]),
      ]
    ),
    // The only module that imports CFFmpeg.
    .target(name: "HESPFFmpeg", dependencies: ["CFFmpeg"]),
    .target(name: "HESPPackager", dependencies: ["HESPAVC", "HESPCore", "HESPFFmpeg", "HESPMP4"]),
    .target(name: "HESPVerify", dependencies: ["HESPAVC", "HESPCore", "HESPFFmpeg", "HESPMP4"]),
    .target(name: "HESPReport", dependencies: ["HESPCore"]),
    .target(name: "HESPABR", dependencies: ["HESPCore"]),
    .target(name: "HESPSimulator", dependencies: ["HESPABR", "HESPCore", "HESPTraces"]),
    // Protocol models (dash, ll-hls, hesp) over the simulator's link, frame-level playback.
    .target(
      name: "HESPProtocols", dependencies: ["HESPABR", "HESPCore", "HESPSimulator", "HESPTraces"]),
    // The study engine: plan, parallel sessions, aggregates, tables, CSV/JSON/SVG/HTML outputs.
    // Reads package folders; never encodes (no FFmpeg): `hesp study --input` packages first.
    .target(
      name: "HESPStudy",
      dependencies: ["HESPABR", "HESPCore", "HESPProtocols", "HESPReport", "HESPTraces"]),
    // hesp emulate: network namespaces joined by a userspace link over TUN devices (trace-paced,
    // delayed, drop-tail), `hesp serve` and `hesp play` inside them; no FFmpeg.
    .target(
      name: "HESPEmulation",
      dependencies: ["HESPABR", "HESPCore", "HESPProtocols", "HESPStudy", "HESPTraces"]),
    // hesp serve: the HESP origin (draft HTTP semantics over a store protocol) and the player page.
    .target(
      name: "HESPServer",
      dependencies: [
        "HESPCore",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdCore", package: "hummingbird"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
      ],
      resources: [.copy("Player")]
    ),
    // hesp play: a real HTTP player whose decisions are HESPProtocols' (the simulator's) own code.
    .target(
      name: "HESPPlayer",
      dependencies: [
        "HESPABR", "HESPCore", "HESPMP4", "HESPProtocols", "HESPStudy", "HESPTraces",
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
      ]),
    // hesp live: a live source encoded frame by frame into the ladder and published into a
    // LiveStore (served by HESPServer's routes) and growing files. FFmpeg: hesp-media only.
    .target(
      name: "HESPLive",
      dependencies: [
        "HESPAVC", "HESPCore", "HESPFFmpeg", "HESPMP4", "HESPPackager", "HESPServer",
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "UnixSignals", package: "swift-service-lifecycle"),
        .product(name: "Logging", package: "swift-log"),
      ]),
    // The commands that need no FFmpeg (simulate, study, trace, serve) and the CLI's one way of
    // parsing, erroring and exiting (HESPRoot, CommandErrors), shared by both executables.
    .target(
      name: "HESPCommandLine",
      dependencies: [
        "HESPCore",
        "HESPTraces",
        "HESPABR",
        "HESPSimulator",
        "HESPProtocols",
        "HESPStudy",
        "HESPServer",
        "HESPPlayer",
        "HESPEmulation",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // `hesp`: links no FFmpeg; becomes `hesp-media` (built next to it) for package, verify, demo
    // and study --input.
    .executableTarget(
      name: "hesp",
      dependencies: [
        "HESPCommandLine", .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // `hesp-media`: every command, FFmpeg linked.
    .executableTarget(
      name: "hesp-media",
      dependencies: [
        "HESPAVC",
        "HESPCommandLine",
        "HESPCore",
        "HESPFFmpeg",
        "HESPLive",
        "HESPMP4",
        "HESPPackager",
        "HESPProtocols",
        "HESPServer",
        "HESPStudy",
        "HESPTraces",
        "HESPVerify",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      path: "Sources/hesp-media"
    ),
    .testTarget(name: "HESPCoreTests", dependencies: ["HESPCore", "HESPTestSupport"]),
    .testTarget(name: "HESPTracesTests", dependencies: ["HESPTraces", "HESPTestSupport"]),
    .testTarget(name: "HESPAVCTests", dependencies: ["HESPAVC", "HESPCore", "HESPTestSupport"]),
    .testTarget(
      name: "HESPMP4Tests", dependencies: ["HESPTestSupport", "HESPMP4", "HESPAVC", "HESPCore"]),
    .testTarget(name: "HESPFFmpegTests", dependencies: ["HESPFFmpeg"]),
    .testTarget(
      name: "HESPPackagerTests",
      dependencies: [
        "HESPPackager", "HESPAVC", "HESPCore", "HESPFFmpeg", "HESPMP4", "HESPTestSupport",
      ]),
    // Runs the built `hesp` binary (and through it `hesp-media`): bad input, splices checked with
    // the ffmpeg CLI.
    .testTarget(
      name: "HESPEndToEndTests",
      dependencies: ["HESPTestSupport", "HESPCore", "hesp", "hesp-media"]),
    .testTarget(
      name: "HESPVerifyTests",
      dependencies: [
        "HESPVerify", "HESPPackager", "HESPAVC", "HESPCore", "HESPMP4", "HESPFFmpeg",
        "HESPTestSupport",
      ]),
    .testTarget(
      name: "HESPReportTests", dependencies: ["HESPReport", "HESPCore", "HESPTestSupport"]),
    .testTarget(name: "HESPABRTests", dependencies: ["HESPABR"]),
    .testTarget(
      name: "HESPProtocolsTests",
      dependencies: ["HESPProtocols", "HESPABR", "HESPCore", "HESPTraces"]),
    // Golden files of a study on Fixtures/Study (HESP_UPDATE_GOLDEN=1 rewrites them).
    .testTarget(
      name: "HESPStudyTests",
      dependencies: [
        "HESPStudy", "HESPTestSupport", "HESPProtocols", "HESPABR", "HESPCore", "HESPTraces",
      ]),
    // Route tests in-process (HummingbirdTesting) and over a real socket on loopback.
    .testTarget(
      name: "HESPServerTests",
      dependencies: [
        "HESPServer", "HESPCore", "HESPTestSupport", "hesp",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdTesting", package: "hummingbird"),
      ]),
    // hesp play against hesp serve's application on loopback (real sockets, the wall clock).
    .testTarget(
      name: "HESPPlayerTests",
      dependencies: [
        "HESPPlayer", "HESPServer", "HESPProtocols", "HESPABR", "HESPStudy", "HESPTestSupport",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
      ]),
    // The link's scheduling on a virtual clock; namespaces and a short emulation as root.
    .testTarget(
      name: "HESPEmulationTests",
      dependencies: [
        "HESPEmulation", "HESPStudy", "HESPProtocols", "HESPTraces", "HESPTestSupport",
      ]),
    .testTarget(
      name: "HESPSimulatorTests",
      dependencies: ["HESPSimulator", "HESPABR", "HESPCore", "HESPTraces", "HESPTestSupport"]),
    // The live pipeline's decisions, without an encoder (the pipeline end to end is in
    // HESPEndToEndTests).
    .testTarget(name: "HESPLiveTests", dependencies: ["HESPLive"]),
  ]
)

// Every Swift target: existentials spelled `any P`, and members visible only from modules a
// file imports itself (SE-0335, SE-0444).
for target in package.targets where target.type != .system {
  target.swiftSettings =
    (target.swiftSettings ?? []) + [
      .enableUpcomingFeature("ExistentialAny"), .enableUpcomingFeature("MemberImportVisibility"),
    ]
}
