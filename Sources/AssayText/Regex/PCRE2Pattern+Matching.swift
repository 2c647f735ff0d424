import CPCRE2

extension PCRE2Pattern {
    /// Finds the first match in `subject`.
    ///
    /// - Parameters:
    ///   - subject: the text; matched as its UTF-8 bytes.
    ///   - limits: resource limits for this call.
    /// - Returns: capture ranges as **UTF-8 byte offsets** into `subject`, or why there is none.
    public func firstMatch(in subject: String, limits: PCRE2Limits = .default) -> PCRE2MatchOutcome {
        var subject = subject
        return subject.withUTF8 { firstMatch(inBuffer: $0, startOffset: 0, limits: limits) }
    }

    /// Finds the first match in a UTF-8 (or, without ``PCRE2Options/utf``, arbitrary) byte sequence.
    /// Malformed UTF-8 is tolerated in UTF mode (`PCRE2_MATCH_INVALID_UTF`).
    public func firstMatch<Bytes: Collection>(inUTF8 subject: Bytes, limits: PCRE2Limits = .default)
        -> PCRE2MatchOutcome where Bytes.Element == UInt8
    {
        if let r = subject.withContiguousStorageIfAvailable({ firstMatch(inBuffer: $0, startOffset: 0, limits: limits) }) {
            return r
        }
        return Array(subject).withUnsafeBufferPointer { firstMatch(inBuffer: $0, startOffset: 0, limits: limits) }
    }

    /// Whether the pattern matches anywhere in `subject`; `nil` when a limit or error prevented
    /// an answer.
    public func matches(_ subject: String, limits: PCRE2Limits = .default) -> Bool? {
        switch firstMatch(in: subject, limits: limits) {
        case .match: return true
        case .noMatch: return false
        case .limitExceeded, .error: return nil
        }
    }

    /// Counts the non-overlapping matches in `subject`, stopping at `cap`.
    ///
    /// Empty matches are counted like Python's `re.findall` (after an empty match the search
    /// resumes one character later). ``PCRE2Limits`` apply to each underlying match call.
    public func matches(in subject: String, cap: Int = 10_000, limits: PCRE2Limits = .default) -> PCRE2CountOutcome {
        var subject = subject
        return subject.withUTF8 { countMatches(inBuffer: $0, cap: cap, limits: limits) }
    }

    /// Byte-sequence variant of ``matches(in:cap:limits:)``.
    public func matches<Bytes: Collection>(inUTF8 subject: Bytes, cap: Int = 10_000, limits: PCRE2Limits = .default)
        -> PCRE2CountOutcome where Bytes.Element == UInt8
    {
        if let r = subject.withContiguousStorageIfAvailable({ countMatches(inBuffer: $0, cap: cap, limits: limits) }) {
            return r
        }
        return Array(subject).withUnsafeBufferPointer { countMatches(inBuffer: $0, cap: cap, limits: limits) }
    }

    // MARK: - Core

    func countMatches(inBuffer subject: UnsafeBufferPointer<UInt8>, cap: Int, limits: PCRE2Limits) -> PCRE2CountOutcome {
        var count = 0
        var offset = 0
        while count < cap && offset <= subject.count {
            switch firstMatch(inBuffer: subject, startOffset: offset, limits: limits) {
            case .noMatch:
                return .count(count)
            case .limitExceeded(let kind):
                return .limitExceeded(kind)
            case .error(let code, let message):
                return .error(code: code, message: message)
            case .match(let groups):
                count += 1
                guard let whole = groups.first ?? nil else { return .count(count) }
                if whole.upperBound > offset {
                    offset = whole.upperBound
                } else {
                    // Empty match (or \K oddity): step over one character.
                    offset = max(offset, whole.upperBound) + 1
                    if options.contains(.utf) {
                        while offset < subject.count && subject[offset] & 0xC0 == 0x80 { offset += 1 }
                    }
                }
            }
        }
        return .count(count)
    }

    func firstMatch(inBuffer subject: UnsafeBufferPointer<UInt8>, startOffset: Int, limits: PCRE2Limits) -> PCRE2MatchOutcome {
        guard let matchData = pcre2_match_data_create_from_pattern_8(code, nil) else {
            return .error(code: PCRE2_ERROR_NOMEMORY, message: pcre2ErrorMessage(PCRE2_ERROR_NOMEMORY))
        }
        defer { pcre2_match_data_free_8(matchData) }

        let rcOrNil: Int32? = PCRE2ScratchPool.shared.withScratch(limits) { scratch in
            withUnsafePointer(to: UInt8(0)) { empty in
                pcre2_match_8(code, subject.baseAddress ?? empty, subject.count, startOffset, 0,
                              matchData, scratch.context)
            }
        }
        guard let rc = rcOrNil else {
            return .error(code: PCRE2_ERROR_NOMEMORY, message: pcre2ErrorMessage(PCRE2_ERROR_NOMEMORY))
        }
        switch rc {
        case PCRE2_ERROR_NOMATCH, PCRE2_ERROR_PARTIAL:
            return .noMatch
        case PCRE2_ERROR_MATCHLIMIT:
            return .limitExceeded(.match)
        case PCRE2_ERROR_DEPTHLIMIT:
            return .limitExceeded(.depth)
        case PCRE2_ERROR_HEAPLIMIT:
            return .limitExceeded(.heap)
        case PCRE2_ERROR_JIT_STACKLIMIT:
            return .limitExceeded(.jitStack)
        case ..<0:
            return .error(code: rc, message: pcre2ErrorMessage(rc))
        default:
            break
        }
        let pairs = Int(pcre2_get_ovector_count_8(matchData))
        guard let ovector = pcre2_get_ovector_pointer_8(matchData) else {
            return .error(code: PCRE2_ERROR_INTERNAL, message: pcre2ErrorMessage(PCRE2_ERROR_INTERNAL))
        }
        let groupCount = min(captureCount + 1, pairs)
        var groups: [Range<Int>?] = []
        groups.reserveCapacity(captureCount + 1)
        let unset = assay_pcre2_unset()
        for i in 0..<groupCount {
            let start = ovector[2 * i], end = ovector[2 * i + 1]
            if start == unset || end == unset {
                groups.append(nil)
            } else {
                // \K in a lookahead can put the start after the end; clamp to an empty range.
                groups.append(start..<max(start, end))
            }
        }
        while groups.count < captureCount + 1 { groups.append(nil) }
        return .match(groups)
    }
}
