import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A progress bar on standard error, drawn only when standard error is a terminal.
public final class ProgressBar: Sendable {
    let total: Int
    let label: String
    let enabled: Bool
    private let state = Mutex<(last: ContinuousClock.Instant?, done: Int)>((nil, 0))
    private let start = ContinuousClock.now

    public init(total: Int, label: String, enabled: Bool = isatty(2) == 1) {
        self.total = max(total, 1)
        self.label = label
        self.enabled = enabled
    }

    /// Records progress; redraws at most every 100 ms.
    public func update(_ done: Int) {
        guard enabled else { return }
        let now = ContinuousClock.now
        let shouldDraw = state.withLock { s -> Bool in
            s.done = done
            if let last = s.last, last.duration(to: now) < .milliseconds(100), done < total { return false }
            s.last = now
            return true
        }
        if shouldDraw { draw(done) }
    }

    public func finish() {
        guard enabled else { return }
        draw(total)
        FileHandle.standardError.write(Data("\n".utf8))
    }

    private func draw(_ done: Int) {
        let fraction = min(1, Double(done) / Double(total))
        let width = 30
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let seconds = max(start.duration(to: .now).milliseconds / 1000, 1e-9)
        let rate = Double(done) / seconds
        let line = String(format: "\r%@ %@ %3.0f%% %d/%d  %.0f items/s ", label, bar, fraction * 100, done, total, rate)
        FileHandle.standardError.write(Data(line.utf8))
    }
}
