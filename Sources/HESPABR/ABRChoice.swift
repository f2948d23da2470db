/// Every built-in algorithm by its command-line name, and how to build it for a ladder.
/// Adding an algorithm is one file in `Algorithms/` plus one case here.
public enum ABRChoice: Sendable, Equatable, Hashable, CustomStringConvertible {
  case throughput
  case bola
  case bolae
  case dynamic
  case dynamicdash
  case bba
  case mpc
  /// A fixed quality index (`fixed:3`): the link and buffer model with no adaptation.
  case fixed(Int)

  /// The names accepted by `init(name:)`, in display order.
  public static let names = [
    ThroughputRule.name, BOLA.name, BOLAE.name, DynamicRule.name, DynamicDashRule.name,
    BufferBasedRule.name, RobustMPC.name, "fixed:N",
  ]

  /// Parses a command-line name; nil when unknown.
  public init?(name: String) {
    switch name {
    case ThroughputRule.name: self = .throughput
    case BOLA.name: self = .bola
    case BOLAE.name: self = .bolae
    case DynamicRule.name: self = .dynamic
    case DynamicDashRule.name: self = .dynamicdash
    case BufferBasedRule.name: self = .bba
    case RobustMPC.name: self = .mpc
    default:
      guard name.hasPrefix("fixed:"), let quality = Int(name.dropFirst("fixed:".count)),
        quality >= 0
      else { return nil }
      self = .fixed(quality)
    }
  }

  /// Why this choice cannot run on a ladder of `qualityCount` rungs (`fixed:N` beyond the top),
  /// or nil. One check for every command that takes `--abr`.
  public func problem(qualityCount: Int) -> String? {
    guard case .fixed(let quality) = self, quality >= qualityCount else { return nil }
    return "\(description): the ladder has qualities 0...\(qualityCount - 1)"
  }

  public var description: String {
    switch self {
    case .throughput: ThroughputRule.name
    case .bola: BOLA.name
    case .bolae: BOLAE.name
    case .dynamic: DynamicRule.name
    case .dynamicdash: DynamicDashRule.name
    case .bba: BufferBasedRule.name
    case .mpc: RobustMPC.name
    case .fixed(let quality): "fixed:\(quality)"
    }
  }

  /// BOLA configured by `options` (basic, U or O).
  public static func bola(ladder: QualityLadder, options: ABROptions) -> BOLA {
    BOLA(
      ladder: ladder, bufferSizeMs: options.bufferSizeMs,
      variant: options.bolaBasic ? .basic : (options.oscillationAvoiding ? .o : .u),
      gammaP: options.gammaP)
  }

  /// BOLA-E configured by `options`.
  public static func bolae(ladder: QualityLadder, options: ABROptions) -> BOLAE {
    BOLAE(
      ladder: ladder, bufferSizeMs: options.bufferSizeMs,
      oscillationAvoiding: options.oscillationAvoiding,
      insufficientBufferRuleEnabled: options.insufficientBufferRuleEnabled, gammaP: options.gammaP)
  }

  /// BBA-0 configured by `options`.
  public static func bba(options: ABROptions) -> BufferBasedRule {
    BufferBasedRule(reservoirMs: options.bbaReservoirMs, cushionMs: options.bbaCushionMs)
  }

  /// The throughput rule configured by `options`.
  public static func throughput(options: ABROptions) -> ThroughputRule {
    ThroughputRule(insufficientBufferRuleEnabled: options.insufficientBufferRuleEnabled)
  }

  /// Builds the algorithm for `ladder` with `options`. Callers that run many decisions should
  /// switch over the choice and use the concrete types (generic code over an existential is not
  /// specialised); `SegmentSimulation.run(choice:)` does.
  public func makeAlgorithm(ladder: QualityLadder, options: ABROptions) -> any ABRAlgorithm {
    let bola = Self.bola(ladder: ladder, options: options)
    let bolae = Self.bolae(ladder: ladder, options: options)
    let throughput = Self.throughput(options: options)
    switch self {
    case .throughput: return throughput
    case .bola: return bola
    case .bolae: return bolae
    case .dynamic: return DynamicRule(bola: bola, throughput: throughput)
    case .dynamicdash: return DynamicDashRule(bola: bolae, throughput: throughput)
    case .bba: return Self.bba(options: options)
    case .mpc: return RobustMPC(horizon: options.mpcHorizon)
    case .fixed(let quality): return FixedQualityRule(quality: quality)
    }
  }
}

/// Knobs shared by the built-in algorithms, with Sabre's defaults and flag names.
public struct ABROptions: Sendable, Equatable {
  /// Buffer capacity in ms (Sabre `-b`, default 25 s).
  public var bufferSizeMs: Double
  /// Gamma-p product (Sabre `-gp`, default 5).
  public var gammaP: Double
  /// BOLA-BASIC (Sabre `-ab`).
  public var bolaBasic: Bool
  /// BOLA-O capping instead of BOLA-U (Sabre `-ao`).
  public var oscillationAvoiding: Bool
  /// Insufficient-buffer rule (Sabre `-noibr` turns it off).
  public var insufficientBufferRuleEnabled: Bool
  /// BBA-0 reservoir in ms.
  public var bbaReservoirMs: Double = BufferBasedRule.defaultReservoirMs
  /// BBA-0 cushion in ms.
  public var bbaCushionMs: Double = BufferBasedRule.defaultCushionMs
  /// RobustMPC look-ahead in segments.
  public var mpcHorizon: Int = RobustMPC.defaultHorizon

  public init(
    bufferSizeMs: Double = 25_000, gammaP: Double = BOLA.defaultGammaP, bolaBasic: Bool = false,
    oscillationAvoiding: Bool = false, insufficientBufferRuleEnabled: Bool = true
  ) {
    self.bufferSizeMs = bufferSizeMs
    self.gammaP = gammaP
    self.bolaBasic = bolaBasic
    self.oscillationAvoiding = oscillationAvoiding
    self.insufficientBufferRuleEnabled = insufficientBufferRuleEnabled
  }
}
