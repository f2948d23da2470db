import HESPCore

/// Collects session digests as they stream out of a run or a merge, by variant x protocol x ABR
/// in the header's order, and turns them into the aggregate rows. There is no row pooled across
/// ABRs: a pool weighs each ABR by how often it switches, so it is not a number to publish.
struct StudyAccumulator {
  let header: StudyHeader
  private var groups: [String: [SessionDigest]] = [:]
  /// Every digest in arrival (session) order.
  private(set) var all: [SessionDigest] = []

  init(header: StudyHeader) { self.header = header }

  static func key(variant: String, protocolName: String, abrName: String) -> String {
    [variant, protocolName, abrName].joined(separator: "\u{1F}")
  }

  mutating func add(_ digest: SessionDigest) {
    all.append(digest)
    groups[
      Self.key(variant: digest.variant, protocolName: digest.protocolName, abrName: digest.abrName),
      default: []
    ]
    .append(digest)
  }

  /// The digests of one group, in session order.
  func sessions(variant: String, protocolName: String, abrName: String) -> [SessionDigest] {
    groups[Self.key(variant: variant, protocolName: protocolName, abrName: abrName)] ?? []
  }

  /// One row per variant x protocol x ABR, in the header's order.
  func rows() -> [StudyAggregate] {
    header.variants.flatMap { variant in
      header.protocols.flatMap { proto in
        header.abrs.map { abr in
          StudyAggregate(
            variant: variant.name, protocolName: proto, abrName: abr,
            sessions: sessions(variant: variant.name, protocolName: proto, abrName: abr),
            bootstrap: header.bootstrap)
        }
      }
    }
  }
}
