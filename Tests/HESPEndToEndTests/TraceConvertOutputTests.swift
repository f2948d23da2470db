import Foundation
import HESPTestSupport
import Testing

/// `hesp trace convert IN -o FILE` never overwrites its input, and an existing file only with
/// --force; the file is written through a temporary file and a rename.
@Suite struct TraceConvertOutputTests {
  static let trace = Repository.fixture("Traces/Verizon-LTE-short-2s.down")

  static func folderWithTrace() throws -> TemporaryDirectory {
    let scratch = try TemporaryDirectory(prefix: "convert")
    try FileManager.default.copyItem(at: trace, to: scratch.file("in.down"))
    return scratch
  }

  @Test(arguments: [["-o", "in.down"], ["-o", "./in.down", "--force"]])
  func convertingOntoItsInputIsRefusedWithOrWithoutForce(_ output: [String]) throws {
    let scratch = try Self.folderWithTrace()
    let result = try Command.hesp().run(
      ["trace", "convert", "in.down", "--to", "sabre"] + output, in: scratch.url)
    #expect(result.status == 1)
    #expect(
      result.standardError
        == "hesp trace convert: error: \(output[1]): is an input of this command; choose another output\n"
    )
    #expect(try Data(contentsOf: scratch.file("in.down")) == Data(contentsOf: Self.trace))
    #expect(scratch.entries() == ["in.down"])
  }

  @Test func anExistingFileIsRefusedWithoutForceAndReplacedWithIt() throws {
    let scratch = try Self.folderWithTrace()
    try Data("mine".utf8).write(to: scratch.file("out.json"))
    let hesp = try Command.hesp()
    let arguments = ["trace", "convert", "in.down", "--to", "sabre", "-o", "out.json"]
    let refused = try hesp.run(arguments, in: scratch.url)
    #expect(refused.status == 1)
    #expect(
      refused.standardError
        == "hesp trace convert: error: out.json: output already exists (use --force to replace it)\n"
    )
    #expect(try String(contentsOf: scratch.file("out.json"), encoding: .utf8) == "mine")
    let forced = try hesp.run(arguments + ["--force"], in: scratch.url)
    #expect(forced.status == 0 && forced.standardError.isEmpty)
    #expect(try String(contentsOf: scratch.file("out.json"), encoding: .utf8).hasPrefix("["))
    #expect(scratch.entries().sorted() == ["in.down", "out.json"])
  }

  @Test func aFolderAsOutputIsRefused() throws {
    let scratch = try Self.folderWithTrace()
    let result = try Command.hesp().run(
      ["trace", "convert", "in.down", "--to", "csv", "-o", ".", "--force"], in: scratch.url)
    #expect(result.status == 1)
    #expect(
      result.standardError
        == "hesp trace convert: error: .: is the working directory or one of its parents; choose another output\n"
    )
    #expect(scratch.entries() == ["in.down"])
  }
}
