import HESPTraces

/// Sabre's network model (`NetworkModel`): one bottleneck link replaying a `NetworkTrace`.
///
/// A request first spends one latency of the current period (time to first byte); a latency that
/// crosses a period boundary is split proportionally ("delay units"). The payload then flows at
/// the piecewise-constant bandwidth, carrying over into the next periods. The trace loops. Idle
/// time advances it too. One transfer at a time. The arithmetic follows Sabre's operation order,
/// so times agree with Sabre's to the last bit of a `Double`.
///
/// Units are Sabre's: ms, bits, kbit/s (= bits per ms).
public struct TraceLink: Sendable {
  /// A period the link entered, at which network time (for reaction-time accounting and logs).
  public struct PeriodEntry: Sendable, Equatable {
    public var periodIndex: Int
    public var networkTimeMs: Double
  }

  let periods: [NetworkTrace.Period]
  /// Time since the session started, as the link has counted it.
  public private(set) var networkTimeMs: Double = 0
  /// The current period.
  public private(set) var periodIndex = -1
  var timeToNextMs: Double = 0
  /// Periods entered since the caller last cleared this list (the first entry is period 0 at 0),
  /// while `recordsEnteredPeriods` is on.
  public var enteredPeriods: [PeriodEntry] = []
  /// Whether `enteredPeriods` collects entries. A caller that never clears the list should turn
  /// this off: one transfer can cross one period per millisecond of a long stall.
  public var recordsEnteredPeriods: Bool
  /// Sabre's per-period quality bookkeeping, run at every period entered (VoD sessions).
  var feed: NetworkQualityFeed?
  /// A transfer stops when network time passes this limit (an all-zero trace never delivers).
  public var timeLimitMs: Double = .infinity

  /// - Parameters:
  ///   - bandwidthMultiplier: scales every bandwidth (Sabre `-nm`); latency is not scaled.
  ///   - recordsEnteredPeriods: whether `enteredPeriods` collects the periods entered.
  public init(
    trace: NetworkTrace, bandwidthMultiplier: Double = 1, recordsEnteredPeriods: Bool = true
  ) {
    self.init(
      trace: trace, bandwidthMultiplier: bandwidthMultiplier,
      recordsEnteredPeriods: recordsEnteredPeriods, feed: nil)
  }

  /// A link that runs `feed` at every period it enters, period 0 included.
  init(
    trace: NetworkTrace, bandwidthMultiplier: Double, recordsEnteredPeriods: Bool,
    feed: NetworkQualityFeed?
  ) {
    self.recordsEnteredPeriods = recordsEnteredPeriods
    self.feed = feed
    periods = trace.periods.map {
      .init(
        durationMs: $0.durationMs, bandwidthKbps: $0.bandwidthKbps * bandwidthMultiplier,
        latencyMs: $0.latencyMs)
    }
    enterNextPeriod()
  }

  /// The period the link is in.
  public var currentPeriod: NetworkTrace.Period { periods[periodIndex] }

  mutating func enterNextPeriod() {
    periodIndex += 1
    if periodIndex == periods.count { periodIndex = 0 }
    timeToNextMs = periods[periodIndex].durationMs
    if recordsEnteredPeriods {
      enteredPeriods.append(PeriodEntry(periodIndex: periodIndex, networkTimeMs: networkTimeMs))
    }
    feed?.enter(periodIndex: periodIndex, networkTimeMs: networkTimeMs)
  }

  /// Spends `units` latencies of trace time; returns the time spent (Sabre `do_latency_delay`).
  /// Stops early once network time passes `timeLimitMs` (a huge latency over short periods).
  public mutating func latencyDelay(units: Double) -> Double {
    var units = units
    var totalDelay = 0.0
    while units > 0 {
      let currentLatency = periods[periodIndex].latencyMs
      let time = units * currentLatency
      if time <= timeToNextMs {
        totalDelay += time
        networkTimeMs += time
        timeToNextMs -= time
        units = 0
      } else {
        totalDelay += timeToNextMs
        networkTimeMs += timeToNextMs
        units -= timeToNextMs / currentLatency
        enterNextPeriod()
        if networkTimeMs > timeLimitMs { break }
      }
    }
    return totalDelay
  }

  /// Sends `sizeBits`; returns the transfer time, or nil if the time limit passed first
  /// (Sabre `do_download`).
  public mutating func transfer(sizeBits: Double) -> Double? {
    var size = sizeBits
    var total = 0.0
    while size > 0 {
      let bandwidth = periods[periodIndex].bandwidthKbps
      if size <= timeToNextMs * bandwidth {
        let time = size / bandwidth
        total += time
        networkTimeMs += time
        timeToNextMs -= time
        size = 0
      } else {
        total += timeToNextMs
        networkTimeMs += timeToNextMs
        size -= timeToNextMs * bandwidth
        enterNextPeriod()
        if networkTimeMs > timeLimitMs { return nil }
      }
    }
    return total
  }

  /// Spends latency units until `minTimeMs` has passed or the units run out
  /// (Sabre `do_minimal_latency_delay`). Returns the units and time spent.
  public mutating func minimalLatencyDelay(units: Double, minTimeMs: Double) -> (
    units: Double, timeMs: Double
  ) {
    var delayUnits = units
    var minTime = minTimeMs
    var totalUnits = 0.0
    var totalTime = 0.0
    while delayUnits > 0 && minTime > 0 {
      let currentLatency = periods[periodIndex].latencyMs
      var time = delayUnits * currentLatency
      let spentUnits: Double
      if time <= minTime && time <= timeToNextMs {
        spentUnits = delayUnits
        timeToNextMs -= time
        networkTimeMs += time
      } else if minTime <= timeToNextMs {
        time = minTime
        spentUnits = time / currentLatency
        timeToNextMs -= time
        networkTimeMs += time
      } else {
        time = timeToNextMs
        spentUnits = time / currentLatency
        networkTimeMs += time
        enterNextPeriod()
        if networkTimeMs > timeLimitMs { delayUnits = 0 }
      }
      totalUnits += spentUnits
      totalTime += time
      delayUnits -= spentUnits
      minTime -= time
    }
    return (totalUnits, totalTime)
  }

  /// Sends part of a payload: at least `minBits` or `minTimeMs` worth, at most `sizeBits`
  /// (Sabre `do_minimal_download`). Returns the bits sent and the time spent.
  public mutating func minimalTransfer(sizeBits: Double, minBits: Double, minTimeMs: Double) -> (
    bits: Double, timeMs: Double
  ) {
    var size = sizeBits
    var minSize = minBits
    var minTime = minTimeMs
    var totalSize = 0.0
    var totalTime = 0.0
    while size > 0 && (minSize > 0 || minTime > 0) {
      let bandwidth = periods[periodIndex].bandwidthKbps
      var bits: Double
      var time: Double
      if bandwidth > 0 {
        let minimum = max(minSize, minTime * bandwidth)
        let bitsToNext = timeToNextMs * bandwidth
        if size <= minimum && size <= bitsToNext {
          bits = size
          time = bits / bandwidth
          timeToNextMs -= time
          networkTimeMs += time
        } else if minimum <= bitsToNext {
          bits = minimum
          time = bits / bandwidth
          // Sabre: make sure rounding cannot keep the loop going.
          minSize = 0
          minTime = 0
          timeToNextMs -= time
          networkTimeMs += time
        } else {
          bits = bitsToNext
          time = timeToNextMs
          networkTimeMs += time
          enterNextPeriod()
          if networkTimeMs > timeLimitMs { size = bits }  // stop: nothing arrives in time
        }
      } else {
        bits = 0
        if minSize > 0 || minTime > timeToNextMs {
          time = timeToNextMs
          networkTimeMs += time
          enterNextPeriod()
          if networkTimeMs > timeLimitMs { size = 0 }  // stop: an all-zero trace never delivers
        } else {
          time = minTime
          timeToNextMs -= time
          networkTimeMs += time
        }
      }
      totalSize += bits
      totalTime += time
      size -= bits
      minSize -= bits
      minTime -= time
    }
    return (totalSize, totalTime)
  }

  /// Lets `durationMs` of trace time pass with nothing transferred (Sabre `delay`).
  public mutating func idle(durationMs: Double) {
    var time = durationMs
    while time > timeToNextMs {
      time -= timeToNextMs
      networkTimeMs += timeToNextMs
      enterNextPeriod()
    }
    timeToNextMs -= time
    networkTimeMs += time
  }
}
