extension JSONByteReader {
    /// `JSONValue`'s number rule: `.int` when `Int` decoding succeeds, else `.double` when finite, else nil.
    func numberValue(_ range: Range<Int>) -> JSONValue? {
        var i = range.lowerBound
        let e = range.upperBound
        let negative = base[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        let intStart = i
        guard i < e, isDigit(base[i]) else { return nil }
        if base[i] == UInt8(ascii: "0") { i += 1 } else { while i < e && isDigit(base[i]) { i += 1 } }
        let intEnd = i
        var fracEnd = i
        var exponent = 0
        var plain = true
        if i < e && base[i] == UInt8(ascii: ".") {
            plain = false
            i += 1
            let f = i
            while i < e && isDigit(base[i]) { i += 1 }
            guard i > f else { return nil }
            fracEnd = i
        }
        if i < e && (base[i] | 0x20) == UInt8(ascii: "e") {
            plain = false
            i += 1
            var expNegative = false
            if i < e && (base[i] == UInt8(ascii: "+") || base[i] == UInt8(ascii: "-")) {
                expNegative = base[i] == UInt8(ascii: "-")
                i += 1
            }
            let x = i
            while i < e && isDigit(base[i]) {
                exponent = min(exponent * 10 + Int(base[i] - UInt8(ascii: "0")), 100_000)
                i += 1
            }
            guard i > x else { return nil }
            if expNegative { exponent = -exponent }
        }
        guard i == e else { return nil }
        if plain {
            var v = 0
            var overflow = false
            for k in intStart..<intEnd where !overflow {
                let d = Int(base[k] - UInt8(ascii: "0"))
                let (m, o1) = v.multipliedReportingOverflow(by: 10)
                let (s, o2) = negative ? m.subtractingReportingOverflow(d) : m.addingReportingOverflow(d)
                v = s
                overflow = o1 || o2
            }
            if !overflow { return .int(v) }
        }
        guard let d = Double(String(decoding: UnsafeBufferPointer(start: base + range.lowerBound, count: e - range.lowerBound), as: UTF8.self)) else { return nil }
        if let exact = Int(exactly: d) {
            // Foundation's slow path: small doubles directly, larger ones through Decimal (truncating).
            if d.magnitude < 9_007_199_254_740_992 { return .int(exact) }
            if let v = decimalInteger(negative: negative, digits: intStart..<fracEnd, intEnd: intEnd, exponent: exponent) {
                return .int(v)
            }
        }
        return d.isFinite ? .double(d) : nil
    }

    /// `Int(Decimal(literal))` as swift-foundation computes it: `Decimal` keeps 38 significant digits and drops
    /// trailing zeros; the mantissa must then fit UInt64, and a negative exponent truncates.
    private func decimalInteger(negative: Bool, digits: Range<Int>, intEnd: Int, exponent: Int) -> Int? {
        var significant: [UInt8] = []
        var scale = exponent
        for k in digits where base[k] != UInt8(ascii: ".") {
            if k > intEnd { scale -= 1 }
            let d = base[k] - UInt8(ascii: "0")
            if significant.isEmpty && d == 0 { continue }
            if significant.count < 38 { significant.append(d) } else { scale += 1 }
        }
        while significant.last == 0 {
            significant.removeLast()
            scale += 1
        }
        var m: UInt64 = 0
        for d in significant {
            let (a, o1) = m.multipliedReportingOverflow(by: 10)
            let (b, o2) = a.addingReportingOverflow(UInt64(d))
            guard !o1 && !o2 else { return nil }
            m = b
        }
        if scale < 0 {
            for _ in 0 ..< -scale { m /= 10 }
        } else {
            for _ in 0..<scale {
                let (a, o) = m.multipliedReportingOverflow(by: 10)
                guard !o else { return nil }
                m = a
            }
        }
        guard let v = Int(exactly: m) else { return nil }
        return negative ? -v : v
    }

    @inline(__always) private func isDigit(_ b: UInt8) -> Bool { b &- UInt8(ascii: "0") < 10 }
}
