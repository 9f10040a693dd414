import BanenafspraakCore
import BanenafspraakParameters
import Testing

/// The law checks the parameters: every value whose source cites a wetten.overheid.nl article that is bundled in
/// `law/` must have its amount, written the Dutch way (`€ 132,56`, `€ 6.000`, `23,5 procent`, `36 uren`), in that
/// article of the consolidated version in force on its `valid_from` (docs/law.md).
@Suite("The law checks the parameter values")
struct LawTextTests {
    static let law = try! LawTexts.bundled()
    static let set = try! ParameterFiles.loadDefault()

    @Test("Every amount that cites a bundled article is in the text of the version in force on its valid_from")
    func everyCitedAmountIsInTheLaw() {
        let rows = LawCheck.rows(Self.set, law: Self.law)
        var found = 0
        for r in rows {
            switch r.outcome {
            case .foundInLaw: found += 1
            case .notFoundInLaw(let file, let looked):
                Issue.record("\(r.parameter) \(r.period) = \(r.formatted): \(looked) not in \(file ?? "any bundled version")")
            default: continue
            }
        }
        // The vrijlating caps alone are 77 values; with the percentages, the LKV amounts and the levy more.
        #expect(found >= 90, "\(found)")
    }

    @Test("Every vrijlating cap is read from Pwet art. 31 lid 2; none is an estimate any more")
    func vrijlatingCapsAreLaw() {
        for c in ["n", "r", "y", "z", "aa"] {
            let p = Self.set.parameters["vrijlating.\(c).cap"]!
            for v in p.values {
                #expect(v.status == .verified, "vrijlating.\(c).cap \(v.validFrom)")
                guard case .foundInLaw(let file, _) = LawCheck.outcome(v, unit: p.unit, law: Self.law) else {
                    Issue.record("vrijlating.\(c).cap \(v.validFrom) not found in the law")
                    continue
                }
                #expect(file.hasPrefix("participatiewet/") && file.hasSuffix("/art-31.yaml"))
            }
        }
    }

    @Test("The review's examples: y on 1 January 2019 is € 132,56 and n on 1 January 2021 is € 220,00")
    func reviewExamples() throws {
        let y = try Self.set.resolve("vrijlating.y.cap", on: LocalDate("2019-01-01")!)
        #expect(y.formatted == "132.56")
        #expect(LawCheck.outcome(y.value, unit: .money, law: Self.law) == .foundInLaw(file: "participatiewet/2019-01-01/art-31.yaml", written: "€ 132,56"))
        let n = try Self.set.resolve("vrijlating.n.cap", on: LocalDate("2021-01-01")!)
        #expect(n.formatted == "220.00")
        // In 2015 the medisch-urenbeperkt vrijlating is onder z: € 124,00.
        #expect(try Self.set.resolve("vrijlating.y.cap", on: LocalDate("2015-03-01")!).formatted == "124.00")
    }

    @Test("The check bites: the old indexed estimate 126.90 for y in 2019 is not in the law")
    func wrongAmountIsNotFound() throws {
        var v = try Self.set.resolve("vrijlating.y.cap", on: LocalDate("2019-01-01")!).value
        v.value = 12_690
        guard case .notFoundInLaw(let file, let looked) = LawCheck.outcome(v, unit: .money, law: Self.law) else {
            Issue.record("126.90 was found in the law")
            return
        }
        #expect(file == "participatiewet/2019-01-01/art-31.yaml")
        #expect(looked.contains("€ 126,90"))
    }

    @Test("The version in force is the latest collected one on or before the date")
    func versionInForce() {
        #expect(Self.law.articleFile(law: "participatiewet", article: "31", inForceOn: LocalDate("2019-06-30")!) == "participatiewet/2019-01-01/art-31.yaml")
        #expect(Self.law.articleFile(law: "wet_tegemoetkomingen_loondomein", article: "2.5", inForceOn: LocalDate("2021-05-01")!)
                == "wet_tegemoetkomingen_loondomein/2020-01-01/art-2.5.yaml")
        #expect(Self.law.articleFile(law: "wet_tegemoetkomingen_loondomein", article: "2.5", inForceOn: LocalDate("2017-05-01")!) == nil)
    }

    @Test("The reader handles both layouts: one entry per onderdeel, and one per article")
    func bothLayouts() throws {
        let split = try #require(Self.law.text(ofFile: "participatiewet/2018-07-01/art-31.yaml"))
        let article = try #require(Self.law.text(ofFile: "participatiewet/2018-07-28/art-31.yaml"))
        for text in [split, article] {
            #expect(DutchAmount.contains(text.split(whereSeparator: \.isWhitespace).joined(separator: " "), "€ 128,81"))
        }
        let entries = LawYAML.entries("articles:\n  - number: '31.2'\n    text: 'Niet tot de middelen ''x'':'\n    url: https://a\n  - number: 31.2.a\n    text: |-\n      de middelen\n      die deze ontvangt;\n    url: https://b\n")
        #expect(entries == [LawYAML.Entry(number: "31.2", text: "Niet tot de middelen 'x':", url: "https://a"),
                            LawYAML.Entry(number: "31.2.a", text: "de middelen\ndie deze ontvangt;", url: "https://b")])
    }

    @Test("Amounts are written the Dutch way and matched whole")
    func dutchAmounts() {
        #expect(DutchAmount.forms(600_000, unit: .money).contains("€ 6.000"))
        #expect(DutchAmount.forms(13_256, unit: .money).first == "€ 132,56")
        #expect(DutchAmount.forms(2_350, unit: .percent) == ["23,5 procent", "23,5%"])
        #expect(DutchAmount.forms(3_600, unit: .hours).first == "36 uren")
        #expect(DutchAmount.contains("bedraagt € 5.000.", "€ 5.000"))
        #expect(!DutchAmount.contains("bedraagt € 5.000.000", "€ 5.000"))
        #expect(!DutchAmount.contains("€ 132,567", "€ 132,56"))
        #expect(LawCitation.all(in: "Pwet art. 31: https://wetten.overheid.nl/BWBR0015703/2019-01-01#Artikel31 (x)")
                == [LawCitation(bwb: "BWBR0015703", version: "2019-01-01", article: "31")])
        #expect(LawCitation.all(in: "https://wetten.overheid.nl/BWBR0037522/2018-01-01#Artikel2.5.").first?.article == "2.5")
    }

    @Test("Estimates are few, listed, and none stands for a statutory amount that the law texts hold")
    func estimates() {
        let rows = LawCheck.rows(Self.set, law: Self.law)
        let estimates = rows.filter { $0.outcome == .estimate }.map(\.parameter)
        #expect(!estimates.contains { $0.hasPrefix("vrijlating.") })
        #expect(estimates.contains("wml.monthly") && estimates.contains("wml.hourly"))
    }
}
