import Dispatch
import Scene
import SolarCore

extension SunlightAnalyzer {
    /// A scene's analysis with its 24 term days built in parallel. A replica builds one
    /// analysis per scene revision (``SceneAnalysisCache``) and everything that needs it
    /// waits: a table request, or every report chunk of that scene claimed at the same time
    /// (the chunks of one compound are claimed together). Built on one core, the other cores
    /// idled for its ~13 ms once per scene.
    ///
    /// Inside a compute job the days are spread over that job's lane (``LaneExecutor``), never
    /// over the threads that serve requests; a report, which brings its own workers, uses all cores.
    static func onAllCores(
        scene: Scene, zone: some CivilTimeZone, profile: RuleProfile, year: Int
    ) -> SunlightAnalyzer {
        let lane = LaneExecutor.current
        return SunlightAnalyzer(scene: scene, zone: zone, profile: profile, year: year) { count, body in
            // The analyzer's body writes each term's own slot and reads only immutable inputs;
            // both loops return only after every index has run.
            if let lane {
                lane.forEach(count, body)
            } else {
                nonisolated(unsafe) let body = body
                DispatchQueue.concurrentPerform(iterations: count) { body($0) }
            }
        }
    }
}
