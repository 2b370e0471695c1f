import Foundation

/// Finds the web page when `--web-root` (or `SUNSPOTD_WEB_ROOT`) is not given, so that
/// `sunspotd` serves it wherever it is started from.
///
/// Looked for, in order, as a folder holding `index.html`:
/// 1. `PREFIX/share/sunspot/web` for an executable in `PREFIX/bin` (what `make install` lays out);
/// 2. `web` next to the executable;
/// 3. `web` in a folder above the executable, up to five levels (a checkout's `.build/<triple>/debug/sunspotd`);
/// 4. `web` in the working directory (the old default, kept last).
/// When none holds the page, the working directory's `web` is returned and the API still runs.
public enum WebRootLocator {
    /// The folder, relative to the prefix, that `make install` puts the page in.
    public static let installedPath = "share/sunspot/web"

    /// Candidate folders for an executable at `executable` started in `workingDirectory`, best first.
    public static func candidates(executable: URL, workingDirectory: URL) -> [URL] {
        let bin = executable.resolvingSymlinksInPath().deletingLastPathComponent()
        var list = [
            bin.deletingLastPathComponent().appendingPathComponent(installedPath),
            bin.appendingPathComponent("web"),
        ]
        var dir = bin
        for _ in 0..<5 {
            dir = dir.deletingLastPathComponent()
            list.append(dir.appendingPathComponent("web"))
        }
        list.append(workingDirectory.appendingPathComponent("web"))
        return list
    }

    /// The first candidate that holds `index.html`; else the working directory's `web`.
    public static func locate(executable: URL?, workingDirectory: URL) -> String {
        let fallback = workingDirectory.appendingPathComponent("web")
        guard let executable else { return fallback.path }
        let found = candidates(executable: executable, workingDirectory: workingDirectory).first {
            FileManager.default.fileExists(atPath: $0.appendingPathComponent("index.html").path)
        }
        return (found ?? fallback).standardizedFileURL.path
    }

    /// For the running process.
    public static func locateForThisProcess() -> String {
        locate(
            executable: Bundle.main.executableURL,
            workingDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
    }
}
