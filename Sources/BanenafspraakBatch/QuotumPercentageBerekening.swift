import BanenafspraakAssessment
import BanenafspraakCore
import Foundation

/// The berekening of the quotumpercentages that Wfsv art. 38f lid 1 requires to be published, per sector, with
/// every variable of the formula of art. 38f lid 2 named as in the law, and the result before and after rounding
/// down to 2 decimals (`OUT/quotumpercentage.json` and a section of `report.html`; spec section 13).
///
/// The collected law text (`wetten.overheid.nl/BWBR0017745#Artikel38f`, lid 2) names the variables A to H but its
/// formula is an image that the consolidation does not carry. This project reads it as
/// `((A + B − H) × C) / (D × E − F × G) × 100%`: the target-group hours due at liable employers over their
/// verloonde uren without the Wsw hours. The rule `QuotumPercentage` (reading R13, docs/readings.md) fills it in as `((A0 + B_t) × C) / ΣA`: C is the tabled hours
/// per job (Regeling Wfsv art. 3.28), `D × E − F × G` is ΣA over the liable employers of the sector (A leaves
/// out Wsw and lent-out lines, Wfsv art. 38g lid 2), and H, the extra jobs at non-liable employers, is not
/// modelled (0). These are readings, and the file says so beside each variable.
public enum QuotumPercentageBerekening {
    public static let fileName = "quotumpercentage.json"
    static let formula = "((A + B − H) × C) / (D × E − F × G) × 100%"

    /// One variable: its letter, the law's words, its value and where the value comes from.
    struct Variable {
        var name: String
        var law: String
        var value: String
        var source: String
    }

    struct Sector {
        var key: Quotum
        var variables: [Variable]
        /// `nil` when B is not tabled for the year (2015-2016: the percentage must be given).
        var beforeRounding: String?
        var afterRounding: String?
        var numerator: String?
        var denominator: String?
        var used: String
        var usedSource: String
    }

    static func sectors(_ r: QuotaResult) -> [Sector] {
        let p = r.parameters
        func source(_ q: ResolvedParameter) -> String { "parameter \(q.id): \(q.value.source)" }
        func sector(_ key: Quotum, a: Int64, aSource: String, b: Int64?, bSource: String) -> Sector {
            let sumA = r.percentages.sumA[key]!
            let c = p.hoursPerJob
            let vars = [
                Variable(name: "A", law: "totaal aantal banen bij werkgevers die quotumheffing zijn verschuldigd, die worden vervuld door arbeidsbeperkten, op grond van de nulmeting op 1 januari 2013", value: String(a), source: aSource),
                Variable(name: "B", law: "het aantal extra banen voor arbeidsbeperkten bij werkgevers dat dient te worden gerealiseerd vanaf het kalenderjaar 2015 overeenkomstig het sociaal akkoord", value: b.map(String.init) ?? "niet getabelleerd", source: bSource),
                Variable(name: "C", law: "het gemiddeld aantal verloonde uren van arbeidsbeperkten", value: c.formatted, source: source(c)),
                Variable(name: "D × E", law: "D: het totaal aantal banen bij werkgevers die quotumheffing zijn verschuldigd; E: het gemiddeld aantal verloonde uren van een werknemer bij die werkgevers", value: sumA.description,
                         source: "deze run: Σ A (verloonde uren zonder uitgeleende en Wsw-regels, Wfsv art. 38g lid 2) over de quotumplichtige werkgevers; lezing: D × E − F × G = Σ A"),
                Variable(name: "F × G", law: "F: het aantal arbeidsbeperkten (art. 38b lid 2) bij die werkgevers; G: hun gemiddeld aantal verloonde uren", value: "0.00",
                         source: "lezing: de Wsw-uren zitten niet in Σ A (Wfsv art. 38g lid 2), dus niet nog eens aftrekken"),
                Variable(name: "H", law: "het aantal gerealiseerde extra banen voor arbeidsbeperkten bij werkgevers als bedoeld in artikel 34, vierde en zesde lid", value: "0",
                         source: "lezing: niet gemodelleerd (lezing R13, docs/readings.md)"),
            ]
            var s = Sector(key: key, variables: vars, beforeRounding: nil, afterRounding: nil, numerator: nil, denominator: nil,
                           used: r.percentages.percent[key]!.description, usedSource: provenance(r.percentages.provenance[key]))
            if let b {
                // percent = 100 × (A + B) × C / ΣA; both hours in centi-hours.
                let numerator = Int128(a + b) * Int128(c.hours.rawValue)
                s.numerator = "(\(a) + \(b) − 0) × \(c.formatted) = \(FixedPoint.format(FixedPoint.narrow(numerator), scale: 2))"
                s.denominator = "\(sumA.description) − 0.00 = \(sumA.description)"
                if sumA.rawValue > 0 {
                    let micro = FixedPoint.floorDivide(numerator * 100_000_000, Int128(sumA.rawValue))
                    s.beforeRounding = FixedPoint.format(FixedPoint.narrow(micro), scale: 6)
                    s.afterRounding = FixedPoint.format(FixedPoint.narrow(micro / 10_000), scale: 2)
                } else {
                    s.beforeRounding = "0.000000"
                    s.afterRounding = "0.00"
                }
            }
            return s
        }
        var out: [Sector] = []
        for sec in BanenafspraakCore.Sector.allCases {
            let a = p.baselineJobs[sec]!
            out.append(sector(Quotum(sec), a: a.count, aSource: source(a), b: p.jobsDue[sec]?.count,
                              bSource: p.jobsDue[sec].map(source) ?? "parameter quota.jobs_due.\(sec.rawValue): niet getabelleerd in \(r.year)"))
        }
        out.append(sector(.combined, a: p.combinedBaselineJobs, aSource: "som van quota.baseline_jobs.markt en .overheid (gecombineerd, vereenvoudigde regeling)",
                          b: p.combinedJobsDue, bSource: "som van quota.jobs_due.markt en .overheid"))
        return out
    }

    static func provenance(_ p: PercentProvenance?) -> String {
        switch p {
        case .override: return "override"
        case .manifest(let path): return "manifest: \(path)"
        case .published(let r): return "published: \(r.value.source)"
        case .computed, nil: return "computed"
        }
    }

    public static func json(_ r: QuotaResult) -> JSONValue {
        .object([
            ("year", .integer(Int64(r.year))),
            ("law", .string("Wfsv art. 38f lid 1 (afronding naar beneden op twee cijfers achter de komma, publicatie van de berekening) en lid 2 (de formule)")),
            ("formula", .string(formula)),
            ("formula_note", .string("De formule van lid 2 staat als afbeelding in de wettekst en ontbreekt in de verzamelde tekst; dit is de lezing van dit project (lezing R13, docs/readings.md: ((A0 + B) × C) / Σ A)")),
            ("sectors", .object(sectors(r).map { s in
                (s.key.rawValue, .object([
                    ("variables", .object(s.variables.map { v in
                        (v.name, .object([("law", .string(v.law)), ("value", .string(v.value)), ("source", .string(v.source))]))
                    })),
                    ("numerator", s.numerator.map { .string($0) } ?? .null),
                    ("denominator", s.denominator.map { .string($0) } ?? .null),
                    ("before_rounding", s.beforeRounding.map { .string($0) } ?? .null),
                    ("after_rounding", s.afterRounding.map { .string($0) } ?? .null),
                    ("percent_used", .string(s.used)),
                    ("percent_used_source", .string(s.usedSource)),
                ]))
            })),
        ])
    }

    public static func write(_ r: QuotaResult, to directory: String) throws {
        try FileIO.writeFile(path: URL(fileURLWithPath: directory).appendingPathComponent(fileName).path, bytes: Array(json(r).rendered().utf8))
    }
}
