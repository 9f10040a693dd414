import BanenafspraakCore
import Testing

/// The Dutch parameter list of `calc --format text` and `explain` names each value's status by its own label
/// (docs/sources.md, "Status of a value"). Before the fix every status but `enacted` and `proposal` was printed
/// as "niet geverifieerd", so a checked value was marked unchecked.
@Suite("Status labels in the Dutch parameter list")
struct ParameterStatusLabelTests {
    static func resolved(_ status: ParameterStatus) -> ResolvedParameter {
        ResolvedParameter(id: "vrijlating.y.cap", unit: .money, description: "Vrijlating medisch urenbeperkten: maximum per maand",
                          value: ParameterValue(value: 13_256, validFrom: LocalDate("2019-01-01")!, validUntil: LocalDate("2019-06-30")!,
                                                source: "Participatiewet art. 31 lid 2 onder y", status: status,
                                                verified: status == .verified ? "art. 31 lid 2 onder y: '€ 132,56'" : nil))
    }

    static func line(_ status: ParameterStatus) -> String { DutchExplanationText.parameterList([resolved(status)])[0] }

    @Test("A verified value is 'geverifieerd', never 'niet geverifieerd'")
    func verified() {
        #expect(Self.line(.verified).hasSuffix("(status: geverifieerd)"))
        #expect(!Self.line(.verified).contains("niet geverifieerd"))
    }

    @Test("An estimate says schatting; a reading says so; unverified and proposal keep their words")
    func others() {
        #expect(Self.line(.estimate).hasSuffix("(status: schatting of praktijk, geen wet)"))
        #expect(Self.line(.reading).hasSuffix("(status: lezing van dit project)"))
        #expect(Self.line(.unverified).hasSuffix("(status: niet geverifieerd)"))
        #expect(Self.line(.proposal).hasSuffix("(status: voorstel)"))
        #expect(Self.line(.enacted).hasSuffix("bron: Participatiewet art. 31 lid 2 onder y"))
    }
}
