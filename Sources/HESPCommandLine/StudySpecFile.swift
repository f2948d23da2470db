import ArgumentParser
import Foundation
import HESPProtocols

/// `hesp study --spec FILE`: a sweep written down. FILE is a JSON object whose keys are the long
/// option names of `hesp study run` (`package`, `trace`, `rtt`, `abr`, `live`,
/// `target-latency`, ...) and whose values are what those options take: `true` for a flag, a
/// number or a string, or an array (a list: `["hesp", "ll-dash"]` for `protocol`, `abr` and
/// `rtt`, several values for `package` and `trace`). Paths are relative to the working
/// directory. Only the output options (`-o`, `--force`, `--shard`, `--timelines`, `--quiet`) may
/// be given beside it.
enum StudySpecFile {
  /// Options that may be given on the command line next to `--spec`.
  static let outputOptions: Set<String> = [
    "--spec", "-o", "--output", "--force", "--shard", "--timelines", "--quiet",
  ]
  /// Keys whose array values are one comma-separated option value.
  static let commaLists: Set<String> = ["protocol", "abr", "rtt-ms", "rtt"]

  enum Value: Decodable {
    case flag(Bool)
    case number(Double)
    case text(String)
    case list([Value])

    init(from decoder: any Decoder) throws {
      let container = try decoder.singleValueContainer()
      if let value = try? container.decode(Bool.self) {
        self = .flag(value)
      } else if let value = try? container.decode(Double.self) {
        self = .number(value)
      } else if let value = try? container.decode(String.self) {
        self = .text(value)
      } else {
        self = .list(try container.decode([Value].self))
      }
    }

    var scalar: String? {
      switch self {
      case .number(let value):
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
      case .text(let value): value
      default: nil
      }
    }
  }

  /// The command FILE describes, with the output options of `given`.
  static func command(spec path: String, overriding given: StudyRunCommand) throws
    -> StudyRunCommand
  {
    if let other = commandLineOptions().first(where: { !outputOptions.contains($0) }) {
      throw ProtocolInputError(
        "--spec: \(other) is given on the command line; put it in \(path) (only -o, --force, --shard, --timelines and --quiet go beside a spec)"
      )
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ProtocolInputError("\(path): cannot read")
    }
    let object: [String: Value]
    do { object = try JSONDecoder().decode([String: Value].self, from: data) } catch {
      throw ProtocolInputError("\(path): not a JSON object of option names and values")
    }
    var arguments: [String] = []
    for key in object.keys.sorted() {
      guard key != "spec", !outputOptions.contains("--" + key), !key.hasPrefix("-") else {
        throw ProtocolInputError("\(path): key '\(key)' belongs on the command line, not in a spec")
      }
      switch object[key]! {
      case .flag(true): arguments.append("--" + key)
      case .flag(false): continue
      case .list(let items):
        let values = try items.map { item -> String in
          guard let text = item.scalar else {
            throw ProtocolInputError("\(path): key '\(key)': a list of numbers or strings")
          }
          return text
        }
        arguments +=
          commaLists.contains(key)
          ? ["--" + key, values.joined(separator: ",")] : ["--" + key] + values
      case let value:
        arguments += ["--" + key, value.scalar!]
      }
    }
    arguments += ["-o", given.out.output]
    if given.out.force { arguments.append("--force") }
    if let shard = given.shard { arguments += ["--shard", shard] }
    if given.sweep.timelines { arguments.append("--timelines") }
    if given.quiet { arguments.append("--quiet") }
    do { return try StudyRunCommand.parse(arguments) } catch {
      let message = ParserMessage.oneLine(StudyRunCommand.message(for: error))
      if let range = message.range(of: "Unknown option '--") {
        let key = message[range.upperBound...].prefix { $0 != "'" }
        throw ProtocolInputError("\(path): unknown key '\(key)'")
      }
      throw ProtocolInputError("\(path): \(message)")
    }
  }

  /// The options given on this process's command line (`--abr`, `-o`), without their values.
  static func commandLineOptions() -> [String] {
    CommandLine.arguments.dropFirst().filter { $0.hasPrefix("-") && Double($0) == nil }.map {
      String($0.prefix { $0 != "=" })
    }
  }
}
