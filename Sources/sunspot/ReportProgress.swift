import Foundation

/// Progress on stderr: a redrawn bar with rate and ETA on a terminal, plain periodic lines
/// otherwise (logs, CI), so stdout stays clean for data.
final class ReportProgress: @unchecked Sendable {  // driven by one task at a time
    let total: Int
    let interactive: Bool
    let start = Date()
    private var lastDraw = Date.distantPast
    private var lastLinePercent = -1
    private(set) var count = 0

    init(total: Int, mode: String) {
        self.total = total
        switch mode {
        case "bar": interactive = true
        case "lines", "none": interactive = false
        default: interactive = isatty(STDERR_FILENO) == 1
        }
        quiet = mode == "none"
    }

    private let quiet: Bool

    func advance() {
        count += 1
        let now = Date()
        if interactive {
            if now.timeIntervalSince(lastDraw) >= 0.1 || count == total { draw(now) }
        } else {
            let percent = total > 0 ? count * 100 / total : 100
            // A line every 10 % or every 5 s, whichever comes first.
            if percent / 10 != lastLinePercent / 10 || now.timeIntervalSince(lastDraw) >= 5 || count == total {
                lastLinePercent = percent
                line(now)
            }
        }
    }

    /// - Parameters:
    ///   - unit: what was counted (`listings`; `pages` for a PDF).
    ///   - partialNote: what an interruption left, when not "complete rows" (a PDF leaves nothing).
    func finish(interrupted: Bool, skipped: Int, unit: String = "listings", partialNote: String? = nil) {
        if interactive && !quiet { FileHandle.standardError.write(Data("\n".utf8)) }
        let seconds = Date().timeIntervalSince(start)
        let rate = seconds > 0 ? Double(count) / seconds : 0
        var text =
            "report: \(count) of \(total) \(unit) in \(String(format: "%.1f", seconds)) s (\(Int(rate.rounded()))/s)"
        if skipped > 0 { text += ", \(skipped) already done (--resume)" }
        if interrupted {
            text += "; interrupted — " + (partialNote ?? "complete rows only; rerun with --resume to finish")
        }
        emit(text + "\n")
    }

    private func draw(_ now: Date) {
        lastDraw = now
        let fraction = total > 0 ? Double(count) / Double(total) : 1
        let width = 30
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        emit("\r\(bar) \(count)/\(total) \(Int(fraction * 100))%  \(rateText(now))\u{1B}[K")
    }

    private func line(_ now: Date) {
        lastDraw = now
        let percent = total > 0 ? count * 100 / total : 100
        emit("report: \(count)/\(total) (\(percent)%)  \(rateText(now))\n")
    }

    private func rateText(_ now: Date) -> String {
        let seconds = now.timeIntervalSince(start)
        guard seconds > 0, count > 0 else { return "" }
        let rate = Double(count) / seconds
        let eta = Int((Double(total - count) / rate).rounded())
        return "\(Int(rate.rounded()))/s  ETA \(eta / 60):\(String(format: "%02d", eta % 60))"
    }

    private func emit(_ text: String) {
        guard !quiet else { return }
        FileHandle.standardError.write(Data(text.utf8))
    }
}
