import ArgumentParser
import HESPCommandLine

/// `hesp-media`: every command, FFmpeg linked. `hesp` becomes this executable for `demo`,
/// `package`, `verify` and `study --input` (`MediaExecutable`); it prints as `hesp`.
@main
struct HESPMediaCommand: ParsableCommand {
  static let configuration = HESPRoot.configuration(
    media: [DemoCommand.self, PackageCommand.self, VerifyCommand.self])

  static func main() {
    HESPRoot.main(root: self, studyInputPackager: StudyPackaging())
  }
}
