import Foundation
import HESPServer
import HESPTestSupport
import Testing

/// Loading a package: its URL space from the manifest, the memory budget, refusals.
@Suite struct PackageStoreTests {
  @Test func theTracksComeFromTheManifest() throws {
    var memory = MemoryBudget(totalBytes: 1 << 20)
    let store = try PackageStore.load(directory: ServedFixture.packagePath, memory: &memory)
    #expect(store.name == "tiny")
    #expect(store.tracks.map(\.id) == ["72p"])
    #expect(store.tracks.first?.folder == ["video", "72p"])
    #expect(store.tracks.first?.initialization.name(7) == "init-7.m4s")
    #expect(store.diskFileCount == 0)
  }

  @Test func filesBeyondTheBudgetAreReadFromDisk() async throws {
    var memory = MemoryBudget(totalBytes: 2000)
    let store = try PackageStore.load(directory: ServedFixture.packagePath, memory: &memory)
    #expect(store.memoryBytes <= 2000)
    #expect(store.diskFileCount > 10)
    let packet = try #require(try await store.initPacket(track: "72p", number: .number(3)))
    guard case .file = packet.bytes else {
      Issue.record("an init packet above the budget is held in memory")
      return
    }
  }

  @Test func aFolderWithoutManifestIsRefused() throws {
    var memory = MemoryBudget(totalBytes: 0)
    let folder = try TemporaryDirectory(prefix: "serve-empty")
    #expect(throws: ServeError.notAPackage(folder.url.path, "no manifest.json")) {
      try PackageStore.load(directory: folder.url.path, memory: &memory)
    }
    #expect(throws: ServeError.noSuchFolder("/nonexistent/pkg")) {
      try PackageStore.load(directory: "/nonexistent/pkg", memory: &memory)
    }
  }

  @Test func twoFoldersWithOneNameAndReservedNamesAreRefused() throws {
    let scratch = try TemporaryDirectory(prefix: "serve-names")
    let copy = scratch.url.appendingPathComponent("a/tiny").path
    let player = scratch.url.appendingPathComponent("player").path
    try FileManager.default.createDirectory(
      atPath: scratch.url.appendingPathComponent("a").path, withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: ServedFixture.packagePath, toPath: copy)
    try FileManager.default.copyItem(atPath: ServedFixture.packagePath, toPath: player)
    #expect(throws: ServeError.duplicateName("tiny")) {
      try HESPServer.loadStores(ServeOptions(packages: [ServedFixture.packagePath, copy]))
    }
    #expect(throws: ServeError.reservedName("player")) {
      try HESPServer.loadStores(ServeOptions(packages: [player]))
    }
  }
}
