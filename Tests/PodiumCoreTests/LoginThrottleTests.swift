import Testing
@testable import PodiumCore

@Suite struct LoginThrottleTests {
    /// Defaults: 5 free attempts, 15-minute window, 2 s base delay, 15-minute cap.
    private let throttle = LoginThrottle()

    /// `count` failures one second apart, the last at `last`.
    private func failures(_ count: Int, last: Double) -> [Double] {
        (0..<count).map { last - Double(count - 1 - $0) }
    }

    @Test func defaults() {
        #expect(throttle.freeAttempts == 5)
        #expect(throttle.windowSeconds == 900)
        #expect(throttle.baseDelaySeconds == 2)
        #expect(throttle.maxDelaySeconds == 900)
    }

    @Test func fewerFailuresThanFreeAttemptsDoNotWait() {
        #expect(throttle.waitSeconds(failures: [], now: 1000) == 0)
        for count in 1..<5 {
            #expect(throttle.waitSeconds(failures: failures(count, last: 1000), now: 1000) == 0, "\(count) failures")
        }
    }

    @Test func atThresholdWaitIsBaseDelayMinusElapsed() {
        let five = failures(5, last: 1000)
        #expect(throttle.waitSeconds(failures: five, now: 1000) == 2)
        #expect(throttle.waitSeconds(failures: five, now: 1001) == 1)
        // Partial seconds round up so the caller never retries too early.
        #expect(throttle.waitSeconds(failures: five, now: 1000.5) == 2)
        #expect(throttle.waitSeconds(failures: five, now: 1001.9) == 1)
    }

    @Test func waitDoublesWithEachExtraFailure() {
        #expect(throttle.waitSeconds(failures: failures(6, last: 1000), now: 1000) == 4)
        #expect(throttle.waitSeconds(failures: failures(7, last: 1000), now: 1000) == 8)
        #expect(throttle.waitSeconds(failures: failures(8, last: 1000), now: 1000) == 16)
        #expect(throttle.waitSeconds(failures: failures(10, last: 1000), now: 1000) == 64)
        #expect(throttle.waitSeconds(failures: failures(10, last: 1000), now: 1010) == 54)
    }

    @Test func orderOfFailuresDoesNotMatter() {
        let shuffled: [Double] = [1000, 996, 998, 997, 999]
        #expect(throttle.waitSeconds(failures: shuffled, now: 1000.5) == 2)
    }

    @Test func waitIsCappedAtMaximum() {
        // 5 free + 9 extra would be 2 * 512 = 1024 s, above the 900 s cap.
        #expect(throttle.waitSeconds(failures: failures(14, last: 1000), now: 1000) == 900)
        #expect(throttle.waitSeconds(failures: failures(13, last: 1000), now: 1000) == 512)
        // Huge counts do not overflow.
        #expect(throttle.waitSeconds(failures: failures(200, last: 1000), now: 1000) == 900)
        let strict = LoginThrottle(freeAttempts: 1, windowSeconds: 60, baseDelaySeconds: 10, maxDelaySeconds: 30)
        #expect(strict.waitSeconds(failures: [0], now: 0) == 10)
        #expect(strict.waitSeconds(failures: [0, 0], now: 0) == 20)
        #expect(strict.waitSeconds(failures: [0, 0, 0], now: 0) == 30)
        #expect(strict.waitSeconds(failures: [0, 0, 0, 0], now: 0) == 30)
    }

    @Test func failuresOlderThanWindowAreIgnored() {
        let now = 10_000.0
        // Four recent failures plus many stale ones: below the threshold.
        let stale = failures(20, last: now - 900)
        let recent = failures(4, last: now)
        #expect(throttle.waitSeconds(failures: stale + recent, now: now) == 0)
        // One failure just inside the window makes five.
        #expect(throttle.waitSeconds(failures: stale + recent + [now - 899.5], now: now) == 2)
    }

    @Test func waitReachesZeroAfterDelayPasses() {
        let seven = failures(7, last: 1000) // 8 s delay
        #expect(throttle.waitSeconds(failures: seven, now: 1007) == 1)
        #expect(throttle.waitSeconds(failures: seven, now: 1007.99) == 1)
        #expect(throttle.waitSeconds(failures: seven, now: 1008) == 0)
        #expect(throttle.waitSeconds(failures: seven, now: 1100) == 0)
    }
}
