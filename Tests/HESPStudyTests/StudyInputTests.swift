import Foundation
import HESPABR
import HESPCore
import HESPProtocols
import HESPStudy
import HESPTestSupport
import Testing

@Suite struct StudyInputTests {
  @Test func anUnknownABRIsRejectedWithTheValidNames() throws {
    do {
      _ = try StudyABR.parseList("bola,magic")
      Issue.record("no error")
    } catch {
      #expect(
        error.description.hasPrefix("--abr: unknown ABR 'magic'; valid ABRs: throughput, bola"))
      #expect(error.description.hasSuffix(", hesp"))
    }
    #expect((try? StudyABR.parseList("hesp,bola")) == [.instantSwitch, .classic(.bola)])
  }

  @Test func aPackageWithoutAFrameIndexIsRejected() throws {
    let directory = try TemporaryDirectory(prefix: "no-index")
    #expect(
      throws: ProtocolInputError(
        "\(directory.url.path): no frame-index.json (not a package made by `hesp package`)")
    ) {
      try StudyPackages.load(package: directory.url.path)
    }
  }

  @Test func aBaselineInsideThePackageIsFoundWithoutBeingNamed() throws {
    let packages = try StudyPackages.load(package: StudyFixture.package)
    #expect(packages.hesp.name == "hesp")
    #expect(packages.baseline?.name == "baseline")
    #expect(packages.hesp.index.gopFrames == 30)
    #expect(packages.baseline?.index.gopFrames == 15)
  }
}
