import BanenafspraakCalculators
import BanenafspraakCore

/// The answers whose bulk is explanations (hire, estimate), written straight into bytes: the same text as
/// `JSONBytes.render` of their `JSONValue` (a test compares them for every hire scenario and for estimates), without
/// building and releasing the trees, and with each parameter value's JSON made once at start (its source and status
/// are the same in every answer).
extension JSONBytes {
    /// The JSON of each value of a parameter set, as an explanation lists it (`ResolvedParameter.jsonValue`).
    struct ParameterTexts: Sendable {
        private let byID: [String: [(ResolvedParameter, [UInt8])]]

        init(_ set: ParameterSet) {
            var m: [String: [(ResolvedParameter, [UInt8])]] = [:]
            for (id, p) in set.parameters {
                m[id] = p.values.map { v in
                    let r = ResolvedParameter(id: id, unit: p.unit, description: p.description, value: v)
                    return (r, render(r.jsonValue))
                }
            }
            byID = m
        }

        /// The text made at start when `r` is one of the set's values (compared whole), else nil.
        func text(_ r: ResolvedParameter) -> [UInt8]? { byID[r.id]?.first { $0.0 == r }?.1 }
    }

    static func write(_ e: Explanation, _ texts: ParameterTexts?, into out: inout Buffer) {
        out.append("{\"figure\":"); string(e.figure, into: &out)
        out.append(",\"label\":"); string(e.label, into: &out)
        out.append(",\"value\":"); string(e.value, into: &out)
        if let u = e.unit { out.append(",\"unit\":"); string(u.rawValue, into: &out) }
        out.append(",\"rule\":"); string(e.rule, into: &out)
        out.append(",\"source\":"); string(e.source, into: &out)
        out.append(",\"formula\":"); string(e.formula, into: &out)
        out.append(",\"parameters\":[")
        for (i, r) in e.parameters.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            if let t = texts?.text(r) { out.append(t) } else { write(r.jsonValue, into: &out) }
        }
        out.append("],\"inputs\":[")
        for (i, input) in e.inputs.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out.append("{\"name\":"); string(input.name, into: &out)
            out.append(",\"value\":"); string(input.value, into: &out)
            if let u = input.unit { out.append(",\"unit\":"); string(u.rawValue, into: &out) }
            out.append(UInt8(ascii: "}"))
        }
        out.append("],\"steps\":[")
        for (i, step) in e.steps.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out.append("{\"description\":"); string(step.description, into: &out)
            out.append(",\"value\":"); string(step.value, into: &out)
            out.append(",\"rounding\":"); string(step.rounding, into: &out)
            if let u = step.unit { out.append(",\"unit\":"); string(u.rawValue, into: &out) }
            out.append(UInt8(ascii: "}"))
        }
        out.append("],\"children\":[")
        for (i, c) in e.children.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            write(c, texts, into: &out)
        }
        out.append("]}")
    }

    /// `{"k":v,…}` of ready pairs, without the braces.
    static func members(_ pairs: [(String, JSONValue)], first: Bool = true, into out: inout Buffer) {
        var first = first
        for (k, v) in pairs {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            string(k, into: &out)
            out.append(UInt8(ascii: ":"))
            write(v, into: &out)
        }
    }

    /// The hire's answer: the text of `JSONBytes.render(outcome.jsonValue)` (``HirePlan/jsonValue(employerEffect:)``).
    static func hire(_ outcome: Hire.Outcome, _ texts: ParameterTexts?) -> [UInt8] {
        var out = Buffer(capacity: 64 * 1024)
        defer { out.free() }
        let plan = outcome.plan
        out.append("{\"start_date\":"); string(plan.hire.start.description, into: &out)
        out.append(",\"years\":[")
        for (i, y) in plan.years.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "{"))
            members([("year", .integer(Int64(y.year))), ("months_employed", .integer(Int64(y.months.count))),
                     ("hours", .string(y.hours.description)), ("wage", .string(y.wage.description)),
                     ("counts_for_banenafspraak", .bool(y.countsForBanenafspraak))], into: &out)
            out.append(",\"instruments\":{")
            for (j, instrument) in y.instruments.enumerated() {
                if j > 0 { out.append(UInt8(ascii: ",")) }
                string(instrument.name.rawValue, into: &out)
                out.append(":{")
                members([("amount", instrument.amount.map { .string($0.description) } ?? .null)] + instrument.fields
                        + [("legal_basis", .string(instrument.legalBasis))], into: &out)
                out.append(",\"explanation\":")
                write(instrument.explanation, texts, into: &out)
                out.append(UInt8(ascii: "}"))
            }
            out.append(UInt8(ascii: "}"))
            if let e = outcome.effect, e.year == y.year { out.append(",\"employer_effect\":"); write(e.jsonValue, into: &out) }
            out.append(UInt8(ascii: "}"))
        }
        out.append("],\"deadlines\":")
        write(.array(plan.deadlines.map {
            .object([("what", .string($0.what)), ("date", .string($0.date.description)), ("source", .string($0.source))])
        }), into: &out)
        if let note = plan.horizonNote { out.append(",\"horizon\":"); string(note, into: &out) }
        out.append(UInt8(ascii: "}"))
        return out.bytes
    }
}
