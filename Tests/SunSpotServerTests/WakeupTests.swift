import Testing

@testable import SunSpotServer

/// The claim loops' wake-up (``Wakeup``): a signal is never lost and a waiter never sleeps
/// past one; without a signal, a wait ends at its timeout.
@Suite struct WakeupTests {
    @Test func aSignalBeforeTheWaitEndsItAtOnceAndIsTakenOnce() async {
        let wakeup = Wakeup(pending: false)
        wakeup.signal()
        let started = ContinuousClock.now
        await wakeup.wait(timeout: .seconds(5))
        #expect(ContinuousClock.now - started < .seconds(1))
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
        await wakeup.wait(timeout: .seconds(5))
        #expect(ContinuousClock.now - started < .seconds(2))
        #expect(wakeup.take())
    }

    @Test func withoutASignalTheWaitEndsAtItsTimeout() async {
        let wakeup = Wakeup(pending: false)
        let started = ContinuousClock.now
        await wakeup.wait(timeout: .milliseconds(100))
        let waited = ContinuousClock.now - started
        #expect(waited >= .milliseconds(100) && waited < .seconds(2))
        #expect(!wakeup.take())
    }
}
