import ArgumentParser
import HESPCommandLine

/// `hesp-media`: every command, FFmpeg linked. `hesp` becomes this executable for `demo`,
/// `package`, `verify` and `study --input` (`MediaExecutable`); it prints as `hesp`.
@main
struct HESPMediaCommand: AsyncParsableCommand {
  static let configuration = HESPRoot.configuration(
    media: [DemoCommand.self, PackageCommand.self, VerifyCommand.self, LiveCommand.self])

  static func main() async {
    await HESPRoot.main(root: self, studyInputPackager: StudyPackaging())
  }
}
