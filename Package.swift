// swift-tools-version: 6.0
import PackageDescription

// Dependencies point one way (see docs/ARCHITECTURE.md):
//   CFFmpeg <- HESPFFmpeg <- HESPPackager / HESPVerify <- hesp
//   HESPCore <- HESPABR <- HESPSimulator <- hesp
// The simulator side never imports FFmpeg: it builds and tests without it.
let package = Package(
  name: "hesp",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "hesp", targets: ["hesp"]),
    .library(name: "HESPCore", targets: ["HESPCore"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
  ],
  targets: [
    .target(name: "HESPCore"),
    .target(name: "HESPTraces"),
    .target(name: "HESPABR", dependencies: ["HESPCore"]),
    .target(name: "HESPSimulator", dependencies: ["HESPABR", "HESPCore", "HESPTraces"]),
    .executableTarget(
      name: "hesp",
      dependencies: [
        "HESPCore",
        "HESPTraces",
        "HESPABR",
        "HESPSimulator",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .testTarget(name: "HESPCoreTests", dependencies: ["HESPCore"]),
    .testTarget(name: "HESPTracesTests", dependencies: ["HESPTraces"]),
    .testTarget(name: "HESPABRTests", dependencies: ["HESPABR"]),
    .testTarget(
      name: "HESPSimulatorTests", dependencies: ["HESPSimulator", "HESPABR", "HESPCore", "HESPTraces"]),
  ]
)
