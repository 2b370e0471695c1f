import Testing

@testable import SunSpotServer

/// The claim loops' wake-up (``Wakeup``): a signal is never lost and a waiter never sleeps
/// past one; without a signal, a wait ends at its timeout.
///
/// Elapsed times are compared with the timeout, not with a wall-clock budget: the parallel test
/// run can starve the 2 cooperative threads for tens of seconds, so a waiter that returns
/// before a 10-minute timeout was resumed by the signal.
@Suite struct WakeupTests {
    static let long = Duration.seconds(600)

    @Test func aSignalBeforeTheWaitEndsItAtOnceAndIsTakenOnce() async {
        let wakeup = Wakeup(pending: false)
        wakeup.signal()
        let started = ContinuousClock.now
        await wakeup.wait(timeout: Self.long)
        #expect(ContinuousClock.now - started < Self.long)
        #expect(wakeup.take())
        #expect(!wakeup.take())
    }

    @Test func aSignalDuringTheWaitResumesIt() async {
        let wakeup = Wakeup(pending: false)
        let started = ContinuousClock.now
        Task {
            try? await Task.sleep(for: .milliseconds(50))
            wakeup.signal()
        }
        await wakeup.wait(timeout: Self.long)
        #expect(ContinuousClock.now - started < Self.long)
        #expect(wakeup.take())
    }

    @Test func withoutASignalTheWaitEndsAtItsTimeout() async {
        let wakeup = Wakeup(pending: false)
        let started = ContinuousClock.now
        await wakeup.wait(timeout: .milliseconds(100))
        #expect(ContinuousClock.now - started >= .milliseconds(100))
        #expect(!wakeup.take())
    }
}
