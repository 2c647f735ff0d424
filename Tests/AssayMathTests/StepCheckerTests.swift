import AssayCore
import Foundation
import Testing

@testable import AssayMath

/// The step checker on hand-written claims: what it evaluates, what it refuses to guess, and its bounds.
@Suite struct StepCheckerTests {
    func judgements(_ text: String, options: StepCheckOptions = StepCheckOptions()) -> [StepClaim.Judgement] {
        StepChecker.check(text, options: options).claims.map(\.judgement)
    }

    @Test(arguments: [
        ("$12 \\times 7 = 84$", StepClaim.Judgement.true),
        ("$12 \\times 7 = 85$", .false),
        ("\\(\\frac{3}{4} + \\frac{1}{8} = \\frac{7}{8}\\)", .true),
        ("\\(\\frac{3}{4} + \\frac{1}{8} = \\frac{5}{8}\\)", .false),
        ("$3.11 > 3.8$", .false),
        ("$3.8 > 3.11$", .true),
        ("$0.5 < \\frac{1}{3}$", .false),
        ("$\\frac{1}{3} \\le 0.5$", .true),
        ("$2^{10} = 1024$", .true),
        ("$\\sqrt{2} \\approx 1.41$", .true),
        ("$\\sqrt{2} \\approx 1.7$", .false),
        ("$\\sqrt{2} = 1.414$", .true),
        ("$\\frac{1}{3} = 0.33$", .true),
        ("$\\frac{1}{8} = 0.126$", .false),
        ("$\\binom{5}{2} = 10$", .true),
        ("$5! = 120$", .true),
        ("$7!\\times 2!=10{,}080$", .true),
        ("$90^3=729,\\!000$", .true),
        ("$180^\\circ - 60^\\circ = 120^\\circ$", .true),
        ("$\\sin 30^\\circ = \\frac{1}{2}$", .true),
        ("$3 \\ne 4$", .true),
        ("$6 \\ne 2 \\cdot 3$", .false),
        ("12 × 7 = 84", .true),
        ("So 12 * 7 = 86, and", .false),
        ("1.87*9=<<1.87*9=16.830000000000002>>16.83", .true),
        ("Total: 49,994 + 20,006 = 70,000 dollars.", .true),
    ])
    func singleClaims(text: String, expected: StepClaim.Judgement) {
        let checked = judgements(text).filter { $0 != .uncheckable }
        #expect(checked == [expected], "\(text)")
    }

    @Test func chainsJudgeEachLink() {
        let report = StepChecker.check("$2 + 2 = 4 = 2^2 = 5$")
        #expect(report.claims.map(\.judgement) == [.true, .true, .false])
        #expect(report.falseClaims.first?.text == "2^2 = 5")
    }

    @Test func alignRowsContinueFromThePreviousRow() {
        let text = """
            \\begin{align*}
            \\sqrt{(2 - (-4))^2 + ((-6) - 3)^2} &= \\sqrt{6^2 + (-9)^2}\\\\
            & = \\sqrt{36 + 82}
            \\end{align*}
            """
        let report = StepChecker.check(text)
        #expect(report.claims.map(\.judgement) == [.true, .false])
        #expect(report.falseClaims.first?.line == 3)
    }

    @Test(arguments: [
        "$x = 5$",
        "$5 \\text{ cm} = 50 \\text{ mm}$",
        "$17 \\equiv 2 \\pmod 5$",
        "$101_2 = 5$",
        "$50\\% = 0.5$",
        "$f(2) = 5$",
        "$1 + 2 + \\dots + 10 = 55$",
        "$e = 5$",
        "12 x 7 = 84 is what we need",
        "half of 10 = 6",
        "3 = 2x",
        "it costs 3 = 3 million",
        "Let C be the count. Thus, C + 15 = 110 - 5.",
        "$3 \\times 4 = 2 \\pmod 5$ and more",
        "```python\nx = 3 + 4 == 8\n```",
        "[asy]for(i=1;i<=6;++i) draw(1=2);[/asy]",
    ])
    func refusesToGuess(text: String) {
        #expect(StepChecker.check(text).falseCount == 0, "\(text)")
    }

    @Test func falseClaimsInContextAreExcused() {
        // Modular arithmetic, a derived contradiction, a question and a retraction are not asserted arithmetic.
        for text in [
            "Since $2^{10} = 24$ modulo 1000, we continue.",
            "If $b=2$, then $4a=4(a-3)\\Rightarrow 0=-12$.",
            "Is $12 \\times 7 = 86$? Let me check.",
            "We get $12 \\times 7 = 86$. Wait, that is a mistake: $12 \\times 7 = 84$.",
        ] {
            let report = StepChecker.check(text)
            #expect(report.falseCount == 0, "\(text)")
            #expect(!report.claims.isEmpty, "\(text)")
        }
        var strict = StepCheckOptions()
        strict.forgiveRetracted = false
        #expect(StepChecker.check("We get $12 \\times 7 = 86$. Wait, that is wrong.", options: strict).falseCount == 1)
    }

    @Test func currencyDollarsAreNotMath() {
        let report = StepChecker.check("He pays $5 and $3 = $8 in total, so 5 + 3 = 8.")
        #expect(report.falseCount == 0)
        #expect(report.trueCount >= 1)
    }

    @Test func claimCountAndScanSizeAreBounded() {
        let text = String(repeating: "$1 + 1 = 2$ ", count: 50_000)
        var options = StepCheckOptions()
        options.maxClaims = 100
        let clock = ContinuousClock()
        let start = clock.now
        let report = StepChecker.check(text, options: options)
        #expect(report.claims.count == 100)
        #expect(report.skipped > 0)
        #expect(start.duration(to: clock.now) < .seconds(10))
    }

    @Test func pathologicalSidesStayBounded() {
        let huge = "$9^{9^{9^{9}}} = 3$ and $" + String(repeating: "(", count: 5_000) + "1" + String(repeating: ")", count: 5_000) + " = 1$"
        let report = StepChecker.check(huge)
        #expect(report.falseCount == 0)
    }

    @Test func deadlineStopsTheScan() {
        var options = StepCheckOptions()
        options.deadline = .now - .seconds(1)
        let report = StepChecker.check("$1 + 1 = 2$ $2 + 2 = 4$", options: options)
        #expect(report.timedOut)
        #expect(report.claims.isEmpty)
    }
}
