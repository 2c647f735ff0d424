import CPCRE2

/// A compiled PCRE2 regular expression (8-bit library, UTF-8 mode by default).
///
/// The pattern is JIT-compiled when the library supports it; if JIT compilation fails the
/// pattern silently falls back to the interpreter (see ``isJITCompiled``).
///
/// A `PCRE2Pattern` is immutable after `init`, so one instance can be shared by any number of
/// threads or tasks: each match call allocates its own match data and borrows a match context
/// (with the caller's ``PCRE2Limits``) and a JIT stack from an internal pool.
///
/// ```swift
/// let p = try PCRE2Pattern(#"<answer>(.*?)</answer>"#, options: [.utf, .dotAll])
/// if case .match(let groups) = p.firstMatch(in: completion) { ... }
/// ```
public final class PCRE2Pattern: Sendable {
    /// The source pattern.
    public let pattern: String
    /// The options it was compiled with.
    public let options: PCRE2Options
    /// Number of capture groups (not counting group 0).
    public let captureCount: Int
    /// Whether the pattern was JIT-compiled (otherwise the interpreter is used).
    public let isJITCompiled: Bool

    /// The compiled `pcre2_code *`. Never mutated after `init`; PCRE2 documents compiled
    /// (and JIT-compiled) code as safe for concurrent matching.
    nonisolated(unsafe) let code: OpaquePointer

    /// Compiles `pattern`.
    ///
    /// The newline convention is fixed to LF (`\n`), independent of how the system library was
    /// built, so `$`, `^` (with ``PCRE2Options/multiline``) and `.` behave like Python's `re`.
    ///
    /// - Parameters:
    ///   - pattern: PCRE2 syntax. May contain NUL characters.
    ///   - options: compile options; default ``PCRE2Options/default`` (UTF-8 mode).
    ///   - jit: set to `false` to force the interpreter (useful in tests).
    /// - Throws: ``PCRE2CompileError`` with PCRE2's message and the byte offset of the error.
    public init(_ pattern: String, options: PCRE2Options = .default, jit: Bool = true) throws(PCRE2CompileError) {
        var errorCode: Int32 = 0
        var errorOffset: Int = 0
        let compileContext = pcre2_compile_context_create_8(nil)
        defer { if let compileContext { pcre2_compile_context_free_8(compileContext) } }
        if let compileContext {
            pcre2_set_newline_8(compileContext, UInt32(PCRE2_NEWLINE_LF))
        }
        var source = pattern
        let compiled: OpaquePointer? = source.withUTF8 { bytes in
            // A non-nil pointer is required even for the empty pattern.
            withUnsafePointer(to: UInt8(0)) { empty in
                pcre2_compile_8(bytes.baseAddress ?? empty, bytes.count, options.compileFlags,
                                &errorCode, &errorOffset, compileContext)
            }
        }
        guard let compiled else {
            throw PCRE2CompileError(code: errorCode, message: pcre2ErrorMessage(errorCode),
                                    offset: errorOffset, pattern: pattern)
        }
        var groups: UInt32 = 0
        pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_CAPTURECOUNT), &groups)

        self.code = compiled
        self.pattern = pattern
        self.options = options
        self.captureCount = Int(groups)
        self.isJITCompiled = jit && pcre2_jit_compile_8(compiled, PCRE2_JIT_COMPLETE) == 0
    }

    deinit {
        pcre2_code_free_8(code)
    }

    /// The group number of the named capture group `name`, or `nil` if there is none
    /// (or the name is used by several groups).
    public func captureIndex(named name: String) -> Int? {
        var name = name
        let n = name.withUTF8 { buf -> Int32 in
            var z = Array(buf)
            z.append(0)
            return z.withUnsafeBufferPointer { pcre2_substring_number_from_name_8(code, $0.baseAddress) }
        }
        return n > 0 ? Int(n) : nil
    }

    /// Whether the PCRE2 library in use supports JIT compilation at all.
    public static var jitAvailable: Bool {
        var value: UInt32 = 0
        pcre2_config_8(UInt32(PCRE2_CONFIG_JIT), &value)
        return value != 0
    }
}
