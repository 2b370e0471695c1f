import ArgumentParser
import Foundation

// Only this file touches argv and the exit status (swift-argument-parser's pattern).
// Bad input prints one line naming what is wrong, and exits non-zero.

/// Parses and runs the command; the exit status. (A function, not top-level code: only in an
/// async function does `run()` resolve to the async command's `run() async`.)
func runSunspot() async -> Int32 {
    do {
        var command = try SunSpotCommand.parseAsRoot()
        if var asyncCommand = command as? any AsyncParsableCommand {
            try await asyncCommand.run()
        } else {
            try command.run()
        }
        return 0
    } catch let exit as ExitCode {
        // A command that already told the user what happened (e.g. 130 after Ctrl-C).
        return exit.rawValue
    } catch {
        let code = SunSpotCommand.exitCode(for: error)
        if code == .success {
            SunSpotCommand.exit(withError: error)  // --help, --version
        }
        let message = SunSpotCommand.message(for: error)
            .split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        FileHandle.standardError.write(Data("sunspot: error: \(message)\n".utf8))
        return code == .validationFailure ? 64 : 1
    }
}

exit(await runSunspot())
