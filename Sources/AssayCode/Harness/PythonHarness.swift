/// Builds the Python program that runs a candidate against a function-level reference, and
/// parses the per-test result lines it prints.
///
/// ## Program shape
/// The generated program embeds the candidate, the setup and the tests as string *literals*
/// (see ``PythonLiteral``) and runs each with `exec(compile(…))` in one fresh namespace whose
/// `__name__` is `"__candidate__"`: the candidate does **not** run as `__main__`, so its
/// `if __name__ == "__main__":` demo code (which may read stdin or loop) is skipped, as in
/// HumanEval's own harness, which `exec`s the program in a bare globals dict. A syntax error in
/// the candidate is therefore reported as a test failure, not a crash of the harness.
///
/// For each test the program prints, on a line of its own, `<sentinel> <index> PASS` or
/// `<sentinel> <index> FAIL <ExceptionType>: <message>` (message on one line, at most 200
/// characters). Every exception, `SystemExit` and `KeyboardInterrupt` included, is a failure.
/// HumanEval has a single result (index 0): `check(entry_point)`.
///
/// ## Residual risk
/// The sentinel is random per run and never appears in the candidate's text, and the harness
/// keeps private references to `exec`, `compile`, `str`, `type` and the original stdout taken
/// before the candidate runs. But in this single-process design the candidate shares the
/// interpreter: it can find the sentinel (e.g. via `sys.modules["__main__"]` or frame
/// inspection), patch builtins the tests use, or make `__eq__` lie. Only running the tests in
/// a separate trusted process defeats that; this program is the in-jail, same-process layer.
/// ``parseResults(stdout:sentinel:count:)`` at least rejects duplicated/conflicting lines.
public enum PythonHarness {
    /// Maximum length of a failure message in a result line.
    public static let messageLimit = 200

    /// Whether the prompt is prepended to the candidate for HumanEval items.
    public enum PromptPolicy: String, Sendable, Hashable, CaseIterable {
        /// Prepend only when the code does not define the entry point (the usual convention).
        case ifMissing
        /// Always prepend (the candidate's own definition then overrides the prompt's stub).
        case always
        /// Never prepend.
        case never
    }

    /// A fresh random sentinel, `__ASSAY_` followed by 32 hex digits and `__`.
    public static func makeSentinel() -> String {
        var rng = SystemRandomNumberGenerator()
        let a = String(rng.next() as UInt64, radix: 16)
        let b = String(rng.next() as UInt64, radix: 16)
        let pad = { (s: String) in String(repeating: "0", count: 16 - s.count) + s }
        return "__ASSAY_" + pad(a) + pad(b) + "__"
    }

    /// The program for any function-level spec.
    public static func program(
        code: String, spec: PythonTestSpec, sentinel: String, promptPolicy: PromptPolicy = .ifMissing
    ) -> String {
        switch spec {
        case .humanEval(let he): humanEvalProgram(code: code, spec: he, sentinel: sentinel, promptPolicy: promptPolicy)
        case .mbpp(let mbpp): mbppProgram(code: code, spec: mbpp, sentinel: sentinel)
        }
    }

    /// The candidate source actually run for a HumanEval item: the code, with the prompt
    /// prepended according to `promptPolicy`.
    public static func humanEvalCandidate(
        code: String, spec: HumanEvalSpec, promptPolicy: PromptPolicy = .ifMissing
    ) -> String {
        let prepend: Bool
        switch promptPolicy {
        case .always: prepend = true
        case .never: prepend = false
        case .ifMissing: prepend = !defines(code, name: spec.entryPoint)
        }
        guard prepend, !spec.prompt.isEmpty else { return code }
        return spec.prompt.hasSuffix("\n") ? spec.prompt + code : spec.prompt + "\n" + code
    }

    /// A HumanEval program: candidate, then the tests' source, then `check(<entry_point>)`; one result.
    public static func humanEvalProgram(
        code: String, spec: HumanEvalSpec, sentinel: String, promptPolicy: PromptPolicy = .ifMissing
    ) -> String {
        let candidate = humanEvalCandidate(code: code, spec: spec, promptPolicy: promptPolicy)
        let entry = PythonLiteral.string(spec.entryPoint)
        var p = prelude(sentinel: sentinel)
        p += """
            try:
                __assay_exec(__assay_compile(\(PythonLiteral.string(candidate)), '<candidate>', 'exec'), __assay_ns)
                __assay_exec(__assay_compile(\(PythonLiteral.string(spec.tests)), '<tests>', 'exec'), __assay_ns)
                if \(entry) not in __assay_ns:
                    raise NameError('entry point ' + \(entry) + ' is not defined')
                if 'check' not in __assay_ns:
                    raise NameError('the tests define no check()')
                __assay_ns['check'](__assay_ns[\(entry)])
            except BaseException as __assay_e:
                __assay_report(0, __assay_e)
            else:
                __assay_report(0, None)

            """
        return p
    }

    /// An MBPP program: candidate, then the setup code, then each test in its own `try`, one result line each.
    /// If the candidate or the setup fails, every test is reported failed with that error.
    public static func mbppProgram(code: String, spec: MBPPSpec, sentinel: String) -> String {
        var p = prelude(sentinel: sentinel)
        p += """
            __assay_setup_error = None
            try:
                __assay_exec(__assay_compile(\(PythonLiteral.string(code)), '<candidate>', 'exec'), __assay_ns)
                __assay_exec(__assay_compile(\(PythonLiteral.string(spec.setupCode)), '<setup>', 'exec'), __assay_ns)
            except BaseException as __assay_e:
                __assay_setup_error = __assay_e

            """
        for (index, test) in spec.testList.enumerated() {
            p += """
                if __assay_setup_error is not None:
                    __assay_report(\(index), __assay_setup_error)
                else:
                    try:
                        __assay_exec(__assay_compile(\(PythonLiteral.string(test)), '<test \(index)>', 'exec'), __assay_ns)
                    except BaseException as __assay_e:
                        __assay_report(\(index), __assay_e)
                    else:
                        __assay_report(\(index), None)

                """
        }
        return p
    }

    /// Parses the result lines of a harness program's stdout into `count` outcomes.
    ///
    /// Only lines that start with `sentinel` followed by a space count. An index with no line
    /// is ``TestOutcome/notRun(_:)``; an index with more than one line (a forgery attempt or a
    /// harness bug) is ``TestOutcome/notRun(_:)`` too, so a duplicated `PASS` never passes.
    /// Lines with an index out of range, or malformed, are ignored.
    public static func parseResults(stdout: String, sentinel: String, count: Int) -> [TestOutcome] {
        var outcomes: [TestOutcome?] = Array(repeating: nil, count: max(0, count))
        var duplicated = Array(repeating: false, count: max(0, count))
        let prefix = sentinel + " "
        for raw in stdout.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: true) {
            var line = String(raw)
            if line.unicodeScalars.last == "\r" { line.unicodeScalars.removeLast() }
            guard line.hasPrefix(prefix) else { continue }
            let rest = line.dropFirst(prefix.count)
            let parts = rest.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count >= 2, let index = Int(parts[0]), index >= 0, index < outcomes.count else { continue }
            let outcome: TestOutcome
            switch parts[1] {
            case "PASS" where parts.count == 2: outcome = .passed
            case "FAIL": outcome = .failed(parts.count == 3 ? String(parts[2]) : "failed")
            default: continue
            }
            if outcomes[index] != nil { duplicated[index] = true }
            outcomes[index] = outcome
        }
        return outcomes.indices.map { i in
            if duplicated[i] { return .notRun("test \(i): conflicting result lines") }
            return outcomes[i] ?? .notRun("test \(i): no result (the program stopped before reporting)")
        }
    }

    /// Whether `code` defines `name` at top level (`def`, `async def`, `class` or an assignment at column 0).
    public static func defines(_ code: String, name: String) -> Bool {
        for raw in code.unicodeScalars.split(separator: "\n") {
            let line = Substring(String(raw))
            for keyword in ["def ", "async def ", "class "] where line.hasPrefix(keyword) {
                let after = line.dropFirst(keyword.count).drop { $0 == " " || $0 == "\t" }
                if after.hasPrefix(name) {
                    let next = after.dropFirst(name.count).first
                    if next == "(" || next == " " || next == ":" || next == "\t" { return true }
                }
            }
            if line.hasPrefix(name) {
                let after = line.dropFirst(name.count).drop { $0 == " " || $0 == "\t" }
                if after.hasPrefix("=") && !after.hasPrefix("==") { return true }
                if after.hasPrefix(":") { return true }  // annotated assignment
            }
        }
        return false
    }

    private static func prelude(sentinel: String) -> String {
        """
        import sys as __assay_sys
        __assay_exec = exec
        __assay_compile = compile
        __assay_str = str
        __assay_type = type
        __assay_write = __assay_sys.stdout.write
        __assay_flush = __assay_sys.stdout.flush
        __assay_S = \(PythonLiteral.string(sentinel))
        __assay_ns = {'__name__': '__candidate__'}
        def __assay_report(index, error):
            if error is None:
                line = __assay_S + ' ' + __assay_str(index) + ' PASS'
            else:
                try:
                    message = __assay_type(error).__name__ + ': ' + __assay_str(error)
                except BaseException:
                    message = 'exception'
                message = ' '.join(message.split())[:\(messageLimit)]
                line = __assay_S + ' ' + __assay_str(index) + ' FAIL ' + message
            try:
                __assay_write('\\n' + line + '\\n')
                __assay_flush()
            except BaseException:
                pass

        """
    }
}
