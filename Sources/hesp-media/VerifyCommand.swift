import ArgumentParser
import Foundation
import HESPCommandLine
import HESPVerify

/// `hesp verify OUT`: box conformance of every file of a package and the decode check of its
/// splices (init packet + continuation vs the continuation's own decode).
struct VerifyCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "verify",
    abstract: MediaCommandAbstract.verifyCommand,
    discussion: """
      For each init packet n (or a sample, --splices N), decodes header + init packet n + the \
      continuation from the packet's emsg (index, offset) to the next keyframe and compares every \
      picture with the continuation's own decode: PSNR-Y per frame, mean and minimum, exact frames. \
      Every problem is printed with its file and byte offset; the exit status is 1 on any failure.
      """)

  @Argument(help: "A `hesp package` output directory.")
  var package: String

  @Option(
    help: ArgumentHelp(
      "Splices to decode per track: 'all', 'none' (boxes only) or a count, evenly spread.",
      valueName: "all|none|N"),
    transform: VerifyOptions.SpliceSelection.parse)
  var splices = VerifyOptions.SpliceSelection.all

  @Flag(
    help:
      "Also decode every splice that has a frame_num gap with the continuation renumbered 1, 2, 3..., and require the same pictures."
  )
  var strict = false

  @Flag(
    help:
      "A frame_num gap after the init IDR (non-conformant H.264) is reported, not a failure: for packages made with --no-splice-safe-frame-num."
  )
  var allowFrameNumGaps = false

  @Option(help: "Check only this track (repeatable).")
  var track: [String] = []

  @Option(help: "The packaged source video: also report each splice's PSNR-Y loss against it.")
  var source: String?

  @Flag(help: "Print the report as JSON (sorted keys) on stdout.")
  var json = false

  @Flag(help: "No progress on stderr.")
  var quiet = false

  func run() async throws {
    // Nothing to check: one line, no empty table.
    if let problem = Verifier.packageProblem(at: package) {
      throw CommandFailure("\(package): \(problem)")
    }
    if let source, !FileManager.default.fileExists(atPath: source) {
      throw CommandFailure("--source \(source): no such file", exitStatus: ExitStatus.failure)
    }
    let options = VerifyOptions(
      packagePath: package, splices: splices, strict: strict, allowsFrameNumGaps: allowFrameNumGaps,
      trackIds: track, sourcePath: source)
    let showProgress = !quiet
    let report = await Verifier.run(options) { progress in
      if showProgress { ProgressLine.show(progress) }
    }
    if showProgress { ProgressLine.end() }
    if json {
      FileHandle.standardOutput.write(try report.jsonData())
      FileHandle.standardOutput.write(Data("\n".utf8))
    } else {
      print(report.summaryText)
    }
    if !report.passed {
      if json {
        for finding in report.findings.prefix(20) {
          FileHandle.standardError.write(Data("hesp verify: \(finding)\n".utf8))
        }
      }
      throw ExitCode(1)
    }
  }
}

/// `--splices all|none|N`.
extension VerifyOptions.SpliceSelection: ExpressibleByArgument {
  public init?(argument: String) {
    guard let selection = try? Self.parse(argument) else { return nil }
    self = selection
  }

  public var defaultValueDescription: String {
    switch self {
    case .all: "all"
    case .none: "none"
    case .sample(let count): String(count)
    }
  }

  /// - Throws: `ValidationError` naming `--splices` and what it takes.
  static func parse(_ text: String) throws -> Self {
    switch text {
    case "all": return .all
    case "none": return .none
    default:
      guard let count = Int(text), count > 0 else {
        throw ValidationError(
          "--splices: expected 'all', 'none' or a positive count, got '\(text)'")
      }
      return .sample(count)
    }
  }
}
