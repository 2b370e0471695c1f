/// A stretch of a day with one exposure, in seconds since 1970 (UTC).
public struct Stretch: Hashable, Sendable {
    public var start: Double
    public var end: Double
    public var state: Exposure

    public var durationSeconds: Double { end - start }
}

extension [Stretch] {
    /// Appends [start, end] in `state`, extending the last stretch instead when it has the
    /// same state and ends where this one starts (within a microsecond).
    @inline(__always)
    mutating func appendMerging(start: Double, end: Double, state: Exposure) {
        if let last = last, last.state == state, abs(last.end - start) < 1e-6 {
            self[count - 1].end = end
        } else {
            append(Stretch(start: start, end: end, state: state))
        }
    }
}

extension SunlitInterval {
    /// The sunlit stretches of a day as intervals, each with the buildings whose shadows
    /// end and begin it (nil where it starts or ends at sunrise, the facade or a band edge).
    /// Windows, facade points and point queries all build their intervals here.
    static func intervals(of stretches: [Stretch]) -> [SunlitInterval] {
        var intervals: [SunlitInterval] = []
        for (i, s) in stretches.enumerated() where s.state == .sunlit {
            let before = i > 0 && stretches[i - 1].end == s.start ? stretches[i - 1].state.blocker : nil
            let after =
                i + 1 < stretches.count && stretches[i + 1].start == s.end ? stretches[i + 1].state.blocker : nil
            intervals.append(SunlitInterval(start: s.start, end: s.end, blockedBeforeBy: before, blockedAfterBy: after))
        }
        return intervals
    }
}
