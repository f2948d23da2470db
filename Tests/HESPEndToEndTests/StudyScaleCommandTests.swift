import Foundation
import HESPTestSupport
import Testing

/// `hesp study --shard`, `hesp study merge` and `hesp study --spec` from the command line.
@Suite struct StudyScaleCommandTests {
  static let study = [
    "--package", Repository.fixture("Study/hesp").path, "--trace",
    Repository.fixture("Sabre/3Glogs").path,
    Repository.fixture("Traces/network.json").path, "--abr", "throughput,hesp",
    "--content-duration", "20", "--quiet",
  ]

  @Test func shardsMergedOnTheCommandLineWriteTheUnshardedFiles() throws {
    let scratch = try TemporaryDirectory(prefix: "study-cli-shards")
    let hesp = try Command.hesp()
    #expect(try hesp.run(["study"] + Self.study + ["-o", scratch.file("whole").path]).status == 0)
    for k in 1...2 {
      let shard = try hesp.run(
        ["study"] + Self.study + ["--shard", "\(k)/2", "-o", scratch.file("s\(k)").path])
      #expect(shard.status == 0, "\(shard.standardError)")
    }
    let merge = try hesp.run([
      "study", "merge", scratch.file("s2").path, scratch.file("s1").path, "-o",
      scratch.file("m").path,
    ])
    #expect(merge.status == 0, "\(merge.standardError)")
    for name in [
      "summary.json", "sessions.csv", "switches.csv", "results.json", "table.txt", "report.html",
      "cdf.svg",
    ] {
      #expect(
        try Data(contentsOf: scratch.file("whole/\(name)"))
          == Data(contentsOf: scratch.file("m/\(name)")), "\(name)")
    }
    let twice = try hesp.run([
      "study", "merge", scratch.file("s1").path, scratch.file("s1").path, "-o",
      scratch.file("x").path,
    ])
    #expect(twice.status == 1)
    #expect(twice.standardError.hasPrefix("hesp study merge: error: "))
    #expect(twice.standardError.contains("shard 1/2 is given twice"))
    #expect(!FileManager.default.fileExists(atPath: scratch.file("x").path))
  }

  @Test func aSpecFileRunsTheSameStudyAsItsFlags() throws {
    let scratch = try TemporaryDirectory(prefix: "study-cli-spec")
    let spec: [String: Any] = [
      "package": [Repository.fixture("Study/hesp").path],
      "trace": [
        Repository.fixture("Sabre/3Glogs").path, Repository.fixture("Traces/network.json").path,
      ],
      "abr": ["throughput", "hesp"], "content-duration": 20,
    ]
    try JSONSerialization.data(withJSONObject: spec).write(to: scratch.file("sweep.json"))
    let hesp = try Command.hesp()
    #expect(try hesp.run(["study"] + Self.study + ["-o", scratch.file("flags").path]).status == 0)
    let fromSpec = try hesp.run([
      "study", "--spec", scratch.file("sweep.json").path, "--quiet", "-o",
      scratch.file("spec").path,
    ])
    #expect(fromSpec.status == 0, "\(fromSpec.standardError)")
    #expect(
      try Data(contentsOf: scratch.file("flags/summary.json"))
        == Data(contentsOf: scratch.file("spec/summary.json")))
  }

  @Test func badShardsAndSpecsGetOneLine() throws {
    let scratch = try TemporaryDirectory(prefix: "study-cli-bad")
    try Data(#"{"pakage": ["x"]}"#.utf8).write(to: scratch.file("bad.json"))
    let hesp = try Command.hesp()
    let cases: [([String], String, Int32)] = [
      (Self.study + ["--shard", "4/3"], "--shard: '4/3': K must be 1...N", 64),
      (Self.study + ["--shard", "a/b"], "--shard: 'a/b' is not K/N", 64),
      (["--spec", scratch.file("bad.json").path], "bad.json: unknown key 'pakage'", 1),
    ]
    for (arguments, message, status) in cases {
      let result = try hesp.run(["study"] + arguments + ["-o", scratch.file("out").path])
      #expect(result.status == status)
      #expect(
        result.standardError.contains("hesp study: error: ")
          && result.standardError.contains(message), "\(result.standardError)")
      #expect(!FileManager.default.fileExists(atPath: scratch.file("out").path))
    }
  }
}
