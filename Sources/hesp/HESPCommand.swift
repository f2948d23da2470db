import ArgumentParser
import HESPCommandLine

/// `hesp`: every command, without FFmpeg. `demo`, `package` and `verify` (and `study --input`)
/// run in `hesp-media`, built next to it, which this process becomes (`MediaExecutable`);
/// the others start without loading FFmpeg's shared libraries.
@main
struct HESPCommand: AsyncParsableCommand {
  static let configuration = HESPRoot.configuration(media: MediaCommandListing.commands)

  static func main() async {
    let arguments = Array(CommandLine.arguments.dropFirst())
    if let command = MediaExecutable.command(in: arguments) {
      MediaExecutable.replaceProcess(command: command)
    }
    await HESPRoot.main(root: self)
  }
}
