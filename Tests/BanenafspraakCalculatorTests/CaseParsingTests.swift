import BanenafspraakCalculators
import BanenafspraakCore
import Testing

@Suite("Case JSON reader")
struct CaseParsingTests {
    @Test func readsNestedValues() throws {
        let v = try CaseValue.parse(#"{"a": [1, -2, "x\u00e9\n"], "b": {"c": true, "d": null}, "e": 1.5}"#)
        #expect(v["a"] == .array([.integer(1), .integer(-2), .string("xé\n")]))
        #expect(v["b"]?["c"] == .bool(true))
        #expect(v["e"] == .number("1.5"))
    }

    @Test func rejectsDuplicateKeysWithTheirPath() {
        #expect(throws: CaseError(field: "input.age", message: "the key \"age\" appears twice")) {
            try CaseValue.parse(#"{"input": {"age": 1, "age": 2}}"#)
        }
    }

    @Test func rejectsTrailingText() {
        #expect(throws: CaseError.self) { try CaseValue.parse("{} x") }
    }
}
