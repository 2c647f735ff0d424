/// The result of one test, as reported by a harness program.
public enum TestOutcome: Sendable, Hashable {
    /// The test ran and passed.
    case passed
    /// The test ran and failed; the message is `ExceptionType: message`, truncated.
    case failed(String)
    /// No result line for the test (the program died, exited early or timed out first),
    /// or conflicting lines were printed for it. Counts as a failure.
    case notRun(String)

    /// Whether the outcome is a pass.
    public var isPass: Bool {
        if case .passed = self { return true }
        return false
    }

    /// The failure message, or `nil` for a pass.
    public var message: String? {
        switch self {
        case .passed: nil
        case .failed(let m), .notRun(let m): m
        }
    }
}
