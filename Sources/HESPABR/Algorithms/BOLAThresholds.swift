/// The buffer-level table Sabre's BOLA and BOLA-E constructors print under `-v`: for each
/// quality q, the level `Vp (gp + u_q)` above which BOLA would rather wait, and the level at which
/// it starts to prefer q over q - 1. Values in ms, truncated as Python's `%d`.
enum BOLAThresholds {
  static func lines(bitratesKbps: [Double], utilities: [Double], vp: Double, gp: Double)
    -> [String]
  {
    func d(_ value: Double) -> String {
      value.isFinite && abs(value) < 9.0e18 ? String(Int(value)) : "\(value)"
    }
    return bitratesKbps.indices.map { q in
      let l = vp * (gp + utilities[q])
      guard q > 0 else { return "\(q) \(d(l))" }
      let b = bitratesKbps[q]
      let u = utilities[q]
      let bb = bitratesKbps[q - 1]
      let uu = utilities[q - 1]
      let ll = vp * (gp + (b * uu - bb * u) / (b - bb))
      return "\(q) \(d(l))    <- \(q - 1) \(d(ll))"
    }
  }
}

extension BOLA {
  /// Sabre's `-v` table for this configuration (at the initial `Vp`).
  public var thresholdTableLines: [String] {
    BOLAThresholds.lines(
      bitratesKbps: ladder.bitratesKbps, utilities: utilities, vp: initialState.vp, gp: gammaP)
  }
}

extension BOLAE {
  /// Sabre's `-v` table for this configuration.
  public var thresholdTableLines: [String] {
    BOLAThresholds.lines(bitratesKbps: ladder.bitratesKbps, utilities: utilities, vp: vp, gp: gp)
  }
}
