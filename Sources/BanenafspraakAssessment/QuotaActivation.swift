import BanenafspraakCore

/// Whether the quota figures of a year from 2026 rest on an activation, said in `national.json`
/// (`wet_banenafspraak`), the report and `explain`. Years before 2026 have none (`init` returns `nil`) and their
/// outputs do not change: there the law of 2015 applies (Wet banenafspraak art. 12).
///
/// - Wet banenafspraak art. 5 lid 1 (Kamerstuk 36 449): the quotumregeling is not executed until activation has
///   been decided by ministerial regulation.
/// - Wet banenafspraak art. 6 lid 1: the inclusiviteitsopslag is due from 1 January of the second calendar year
///   after the year in which activation was decided.
/// - Wfsv art. 38e lid 1 (text of 2026-07-01): the quotumheffing is levied only when activated under art. 122n lid 1.
///
/// The activation is the parameter `quota.activation_regulation` (the year of the regulation, 0 = none found). The
/// engine still computes the figures as if activated; this says, with the articles, that they are not due.
public struct QuotaActivation: Sendable {
    public var year: Int
    public var parameter: ResolvedParameter
    /// The register follows Wet banenafspraak art. 2 in this year (`register.wet_banenafspraak`).
    public var registerByWetBanenafspraak: Bool

    public init?(_ p: QuotaParameters) {
        guard let a = p.activationRegulation else { return nil }
        year = p.year
        parameter = a
        registerByWetBanenafspraak = p.wetBanenafspraakInForce
    }

    /// The year in which activation was decided, `nil` when no regulation was found.
    public var activationYear: Int? { (parameter.limit ?? 0) > 0 ? Int(parameter.limit!) : nil }
    /// The first year of the inclusiviteitsopslag (Wet banenafspraak art. 6 lid 1), `nil` without activation.
    public var surchargeFromYear: Int? { activationYear.map { $0 + 2 } }
    /// Whether the quotumregeling is executed over the year (art. 5 lid 1) and its opslag due (art. 6 lid 1).
    public var due: Bool { surchargeFromYear.map { year >= $0 } ?? false }

    /// `no_activation_regulation_found`, `activated_not_yet_due` or `activated`.
    public var status: String {
        guard activationYear != nil else { return "no_activation_regulation_found" }
        return due ? "activated" : "activated_not_yet_due"
    }

    /// The statement, in Dutch, with the articles.
    public var sentences: [String] {
        var s = ["Wet banenafspraak (Kamerstuk 36 449), in werking vanaf 1 januari 2026: de quotumregeling wordt niet uitgevoerd dan nadat bij regeling van de minister tot activering is besloten (Wet banenafspraak art. 5 lid 1), en de quotumheffing van de Wfsv wordt alleen geheven als zij op grond van art. 122n lid 1 is geactiveerd (Wfsv art. 38e lid 1, tekst van 2026-07-01)."]
        if let a = activationYear {
            s.append("Activering besloten in \(a) (parameter \(parameter.id): \(parameter.value.source)); de inclusiviteitsopslag is verschuldigd met ingang van 1 januari \(a + 2) (Wet banenafspraak art. 6 lid 1).")
            s.append(due ? "Over \(year) zijn de quotumcijfers verschuldigd." : "Over \(year) is de inclusiviteitsopslag nog niet verschuldigd; de cijfers hieronder zijn berekend alsof de regeling geactiveerd is.")
        } else {
            s.append("Er is geen activeringsregeling gevonden (parameter \(parameter.id) = 0: \(parameter.value.source)). De quotumheffing, de opslag en de bonus over \(year) zijn berekend alsof de quotumregeling geactiveerd is; zonder activeringsregeling zijn zij niet verschuldigd.")
            s.append("De inclusiviteitsopslag is pas verschuldigd met ingang van 1 januari van het tweede kalenderjaar na het jaar waarin tot activering is besloten (Wet banenafspraak art. 6 lid 1): niet vóór 1 januari \(max(year, 2026) + 2).")
        }
        s.append("Niet gevonden en niet in de verzameling wetteksten: de tekst van Wfsv art. 122n en 122na, de activeringsregeling en de regeling van het opslagpercentage (Wet banenafspraak art. 6 lid 6).")
        return s
    }

    /// The `wet_banenafspraak` object of `national.json` (years from 2026 only).
    public var jsonValue: JSONValue {
        .object([
            ("register_wajong_no_capacity_counts", .bool(registerByWetBanenafspraak)),
            ("activation_regulation_found", .bool(activationYear != nil)),
            ("activation_year", activationYear.map { .integer(Int64($0)) } ?? .null),
            ("inclusiviteitsopslag_from_year", surchargeFromYear.map { .integer(Int64($0)) } ?? .null),
            ("due", .bool(due)),
            ("status", .string(status)),
            ("statement", .string(sentences.joined(separator: " "))),
            ("parameter", .object([("id", .string(parameter.id)), ("value", .string(parameter.formatted)),
                                   ("valid_from", .string(parameter.value.validFrom.description)),
                                   ("status", .string(parameter.value.status.rawValue)), ("source", .string(parameter.value.source))])),
        ])
    }
}
