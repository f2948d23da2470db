import ArgumentParser
import HESPCommandLine

/// How `hesp --help` lists the commands of `hesp-media`: their names and summaries only. The
/// arguments of these commands never reach `hesp`'s parser (`HESPCommand.main` hands them to
/// `hesp-media` first, help included); if one did, it goes the same way.
enum MediaCommandListing {
  static let commands: [any ParsableCommand.Type] = [Demo.self, Package.self, Verify.self, Live.self]

  struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "demo", abstract: MediaCommandAbstract.demoCommand)
    func run() throws { MediaExecutable.replaceProcess(command: "demo") }
  }

  struct Package: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "package", abstract: MediaCommandAbstract.packageCommand)
    func run() throws { MediaExecutable.replaceProcess(command: "package") }
  }

  struct Live: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "live", abstract: MediaCommandAbstract.liveCommand)
    func run() throws { MediaExecutable.replaceProcess(command: "live") }
  }

  struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "verify", abstract: MediaCommandAbstract.verifyCommand)
    func run() throws { MediaExecutable.replaceProcess(command: "verify") }
  }
}
