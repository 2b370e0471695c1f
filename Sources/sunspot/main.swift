import ArgumentParser
import Foundation

// Only this file touches argv and the exit status (swift-argument-parser's pattern).
// Bad input prints one line naming what is wrong, and exits non-zero.
do {
    var command = try SunSpotCommand.parseAsRoot()
    try command.run()
} catch let exit as ExitCode {
    // A command that already told the user what happened (e.g. 130 after Ctrl-C).
    Foundation.exit(exit.rawValue)
} catch {
    let code = SunSpotCommand.exitCode(for: error)
    if code == .success {
        SunSpotCommand.exit(withError: error)  // --help, --version
    }
    let message = SunSpotCommand.message(for: error)
        .split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    FileHandle.standardError.write(Data("sunspot: error: \(message)\n".utf8))
    exit(code == .validationFailure ? 64 : 1)
}
