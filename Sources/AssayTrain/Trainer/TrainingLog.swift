import Foundation
import AssayCore

/// The trainer's outputs while it runs: one JSON line per step and a live progress line on standard error.
public final class TrainingLog: @unchecked Sendable {
    private let file: FileHandle?
    private let live: Bool
    private let encoder: JSONEncoder

    /// Appends to `path` (created, truncated) when given; draws the progress line when standard error is a terminal.
    public init(path: String?, live: Bool = isatty(2) == 1) throws {
        if let path {
            file = try OutputFile.open(path)
        } else {
            file = nil
        }
        self.live = live
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
    }

    deinit { try? file?.close() }

    /// Writes the step's JSON line and redraws the progress line (or prints it every `every` steps when not live).
    public func record(_ record: StepRecord, of total: Int, every: Int = 10) {
        if let file, let data = try? encoder.encode(record) {
            file.write(data)
            file.write(Data("\n".utf8))
        }
        let line = Self.progressLine(record, of: total)
        if live {
            FileHandle.standardError.write(Data(("\r" + line + "\u{1B}[K").utf8))
        } else if record.step % every == 0 || record.step == total || record.heldOutAccuracy != nil {
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
    }

    /// Ends the live line.
    public func finish() {
        if live { FileHandle.standardError.write(Data("\n".utf8)) }
    }

    /// Prints a message on its own line (above the live line).
    public func note(_ text: String) {
        FileHandle.standardError.write(Data(((live ? "\r\u{1B}[K" : "") + text + "\n").utf8))
    }

    static func progressLine(_ r: StepRecord, of total: Int) -> String {
        var line = String(
            format: "step %d/%d  reward %+.3f±%.2f  acc %.2f  fmt %.2f  kl %.4f  ent %.2f  clip %.3f  len %.1f  %.2fs (reward %.0f%%)",
            r.step, total, r.rewardMean, r.rewardStd, r.accuracy, r.formatRate, r.kl, r.entropy, r.clipFraction, r.meanLength,
            r.sampleSeconds + r.rewardSeconds + r.updateSeconds, r.rewardShare * 100)
        if let heldOut = r.heldOutAccuracy { line += String(format: "  held-out %.3f", heldOut) }
        return line
    }
}
