import AssayCore
import Testing

@Suite("Filter expression parsing")
struct FilterExpressionTests {
    func parse(_ text: String) throws -> FilterExpression { try FilterExpression.parse(text) }

    func error(_ text: String) -> FilterExpressionError? {
        do {
            _ = try FilterExpression.parse(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func parsesEveryOperatorIntoCanonicalTerms() throws {
        let e = try parse("accuracy=correct, language>=0.95,steps.false=0, format , a!=wrong|no_answer,b<=1,c>-2.5,d<1e3")
        #expect(e.terms.map(\.description) == [
            "accuracy=correct", "language>=0.95", "steps.false=0", "format=correct", "a!=wrong|no_answer", "b<=1", "c>-2.5",
            "d<1000",
        ])
        #expect(e.terms.map(\.comparison) == [.equal, .atLeast, .equal, .equal, .notEqual, .atMost, .greater, .less])
        #expect(e.terms[2].path == ["false"])
        #expect(e.terms[2].operands == [.double(0)])
        #expect(e.terms[4].operands == [.string("wrong"), .string("no_answer")])
        #expect(e.terms.map(\.column) == [1, 19, 34, 49, 58, 77, 82, 89])
        let again = try parse(e.description)
        #expect(again.terms.map(\.description) == e.terms.map(\.description))
        #expect(again.terms.map(\.operands) == e.terms.map(\.operands))
    }

    @Test func fieldValuesAreNumbersBooleansOrStrings() throws {
        let e = try parse(#"x.a=true,x.b="1,000",x.c=abc,x.d.0.e!="say \"hi\"",x.f=1|two"#)
        #expect(e.terms.map(\.operands) == [
            [.bool(true)], [.string("1,000")], [.string("abc")], [.string("say \"hi\"")], [.double(1), .string("two")],
        ])
        #expect(e.terms[3].path == ["d", "0", "e"])
        // Strings that would read as something else keep their quotes in the canonical form.
        #expect(e.terms[1].description == #"x.b="1,000""#)
        #expect(try parse(#"x.s="true""#).terms[0].description == #"x.s="true""#)
        #expect(try parse(e.description).terms.map(\.operands) == e.terms.map(\.operands))
    }

    @Test func errorsGiveTheColumnAndTheOffendingText() {
        #expect(error("accuracy>=")?.description == #"keep: column 11: expected a value after ">=""#)
        #expect(error("a=correct,language>=")?.description == #"keep: column 21: expected a value after ">=""#)
        #expect(error("language>=high")?.description == #"keep: column 11: expected a number after ">=", got "high""#)
        #expect(error("a=correct,,b")?.description == #"keep: column 11: expected a term after ",""#)
        #expect(error("a=correct,")?.column == 11)
        #expect(error("")?.description == "keep: column 1: expected at least one term")
        #expect(error("a==correct")?.description == #"keep: column 2: unknown operator "=="; use "=""#)
        #expect(error("a=>1")?.description == #"keep: column 3: expected a value after "=", got ">1""#)
        #expect(error("a~1")?.description == #"keep: column 2: expected an operator (=, !=, >=, <=, >, <) or "," after "a", got "~1""#)
        #expect(error("a.b")?.message.hasPrefix(#"expected an operator (=, !=, >=, <=, >, <) after "a.b""#) == true)
        #expect(error("a.=1")?.description == #"keep: column 3: expected a field name after ".", got "=1""#)
        #expect(error("a=1")?.description == #"keep: column 3: expected a verdict (a word such as correct) after "=", got "1""#)
        #expect(error("a>=1|2")?.description == #"keep: column 5: "|" (alternatives) goes with = and != only"#)
        #expect(error("a=correct b")?.description == #"keep: column 11: expected "," between terms, got "b""#)
        #expect(error(#"x.s="open"#)?.description == #"keep: column 5: unterminated string ""open""#)
        #expect(error("@x")?.description == #"keep: column 1: expected a component or verifier name, got "@x""#)
    }
}
