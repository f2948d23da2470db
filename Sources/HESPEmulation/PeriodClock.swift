import HESPTraces

/// Maps a time since the link started to the trace period it falls in, the trace looping as in
/// the simulator (`TraceLink`). Times are nanoseconds as `Double` (exact to well below 1 ns over
/// days of trace).
struct PeriodClock: Sendable, Equatable {
  let periods: [NetworkTrace.Period]
  /// Start of each period within one pass, ns.
  let startsNs: [Double]
  /// Length of one pass, ns.
  let loopNs: Double

  init(_ trace: NetworkTrace) {
    periods = trace.periods
    var starts: [Double] = []
    starts.reserveCapacity(trace.periods.count)
    var time = 0.0
    for period in trace.periods {
      starts.append(time)
      time += period.durationMs * 1_000_000
    }
    startsNs = starts
    loopNs = time
  }

  /// The period at `timeNs` and the time its current repetition ends.
  func locate(_ timeNs: Double) -> (index: Int, endNs: Double) {
    let pass = (timeNs / loopNs).rounded(.down)
    let offset = timeNs - pass * loopNs
    // The last period whose start is at or before the offset.
    var low = 0
    var high = startsNs.count - 1
    while low < high {
      let middle = (low + high + 1) / 2
      if startsNs[middle] <= offset { low = middle } else { high = middle - 1 }
    }
    let end = low + 1 < startsNs.count ? startsNs[low + 1] : loopNs
    return (low, pass * loopNs + end)
  }

  /// When `bits` started at `startNs` have been carried at the periods' bandwidths, or nil when a
  /// whole pass of the trace carries nothing.
  func finish(bits: Double, startingAt startNs: Double) -> Double? {
    var time = startNs
    var remaining = bits
    var idleSince = startNs
    while true {
      let (index, endNs) = locate(time)
      let bitsPerNs = periods[index].bandwidthKbps / 1_000_000
      let capacity = bitsPerNs * (endNs - time)
      if bitsPerNs > 0 {
        if capacity >= remaining { return time + remaining / bitsPerNs }
        remaining -= capacity
        idleSince = endNs
      } else if endNs - idleSince > loopNs {
        return nil
      }
      // Guard against a period too short to move the clock (rounding at huge times).
      time = endNs > time ? endNs : time.nextUp
    }
  }
}
