import HESPCore
import HESPProtocols
import HESPSimulator
import HESPTraces

/// An error that reaches the user: a one-line description (`WHAT: WHY`, naming the file or the
/// option) and an exit status. Every command throws these; the root command (`HESPRoot.main`)
/// prints them once, as `hesp SUBCOMMAND: error: WHAT: WHY`, and exits with their status.
///
/// Exit statuses: 64 (`EX_USAGE`) for a usage error, which names an option (its description
/// starts with `--`); 1 for a failure (a file that cannot be read, bad media, an output refused);
/// 130 / 143 after SIGINT / SIGTERM (`Interruption`). Library errors name fields and files; the
/// CLI names options (`--gop`) when it maps them.
package protocol UserFacingError: Error, CustomStringConvertible {
  var exitStatus: Int32 { get }
}

extension UserFacingError {
  package var exitStatus: Int32 {
    description.hasPrefix("--") ? ExitStatus.usage : ExitStatus.failure
  }
}

/// The exit statuses of every command.
package enum ExitStatus {
  package static let success: Int32 = 0
  package static let failure: Int32 = 1
  package static let usage: Int32 = 64
  package static let interrupted: Int32 = 130
  package static let terminated: Int32 = 143
}

/// A failure a command finds itself (not one of a library's errors): exit 1 unless told.
package struct CommandFailure: UserFacingError {
  package var description: String
  package var exitStatus: Int32
  package init(_ description: String, exitStatus: Int32 = ExitStatus.failure) {
    self.description = description
    self.exitStatus = exitStatus
  }
}

extension TraceError: UserFacingError {}
extension ProtocolInputError: UserFacingError {}
extension OutputError: UserFacingError {}
extension LadderError: UserFacingError {}
extension MovieValidationError: UserFacingError {}
extension TraceValidationError: UserFacingError {}
