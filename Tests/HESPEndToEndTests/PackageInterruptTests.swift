import Foundation
import HESPTestSupport
import Testing

/// Ctrl-C (SIGINT) or SIGTERM while packaging removes the partial output and exits with 130 / 143.
@Suite struct PackageInterruptTests {
  @Test(arguments: [(SIGINT, Int32(130)), (SIGTERM, Int32(143))])
  func anInterruptedRunLeavesNothingBehind(signal: Int32, status: Int32) throws {
    let scratch = try TemporaryDirectory(prefix: "interrupt")
    let process = Process()
    process.executableURL = try Command.hesp().executable
    // veryslow keeps the 30-frame fixture busy long enough to be interrupted mid-way.
    process.arguments = [
      "package", Fixture.clip.path, "-o", scratch.file("out").path, "--quiet", "--preset",
      "veryslow",
      "--ladder", "180p@300k,120p@150k",
    ]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    let deadline = Date().addingTimeInterval(20)
    while !scratch.entries().contains(where: { $0.hasPrefix("out.partial-") }) && process.isRunning
      && Date() < deadline
    {
      usleep(2_000)
    }
    #expect(process.isRunning, "the run ended before it could be interrupted")
    kill(process.processIdentifier, signal)
    process.waitUntilExit()
    #expect(process.terminationStatus == status)
    #expect(scratch.entries().isEmpty, "left: \(scratch.entries())")
  }
}
