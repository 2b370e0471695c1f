import Testing

@testable import SolarCore

/// ΔT is pieced together from observations, a prediction and a parabola; a jump at a seam
/// would move every instant near it in UTC at once, so each seam must be continuous.
@Suite("ΔT joins its sources without a jump")
struct DeltaTJoinTests {
    @Test func everySeamIsContinuous() {
        let seams = [DeltaT.observedFirstYear, DeltaT.lastObservedYear, DeltaT.joinYear, 2150]
        #expect(seams == [1900, 2026, 2030, 2150])
        let h = 1e-9
        for y in seams {
            let jump = DeltaT.seconds(decimalYear: y + h) - DeltaT.seconds(decimalYear: y - h)
            #expect(abs(jump) < 1e-6, "ΔT jumps by \(jump) s at \(y)")
        }
    }
}
