/// Slows down password guessing: after a few failures in a window, each further attempt must
/// wait, and the wait doubles with every failure. Counted per account and per client address.
public struct LoginThrottle: Sendable {
    public let freeAttempts: Int
    public let windowSeconds: Double
    public let baseDelaySeconds: Double
    public let maxDelaySeconds: Double

    public init(freeAttempts: Int = 5, windowSeconds: Double = 15 * 60, baseDelaySeconds: Double = 2, maxDelaySeconds: Double = 15 * 60) {
        self.freeAttempts = freeAttempts
        self.windowSeconds = windowSeconds
        self.baseDelaySeconds = baseDelaySeconds
        self.maxDelaySeconds = maxDelaySeconds
    }

    /// Seconds the caller must still wait before trying again, given the times (seconds since any
    /// epoch) of recent failures; 0 when an attempt is allowed now.
    public func waitSeconds(failures: [Double], now: Double) -> Int {
        let recent = failures.filter { now - $0 < windowSeconds }.sorted()
        guard recent.count >= freeAttempts, let last = recent.last else { return 0 }
        let excess = recent.count - freeAttempts
        let delay = min(maxDelaySeconds, baseDelaySeconds * pow2(excess))
        let remaining = last + delay - now
        return remaining > 0 ? Int(remaining.rounded(.up)) : 0
    }

    private func pow2(_ n: Int) -> Double {
        n >= 30 ? Double(1 << 30) : Double(1 << n)
    }
}
