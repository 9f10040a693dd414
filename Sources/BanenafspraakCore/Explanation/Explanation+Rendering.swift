extension ResolvedParameter {
    /// The parameter as it appears in an explanation: id, value, validity, source and status.
    public var jsonValue: JSONValue {
        .object([
            ("id", .string(id)),
            ("description", .string(description)),
            ("value", .string(formatted)),
            ("unit", .string(unit.rawValue)),
            ("valid_from", .string(value.validFrom.description)),
            ("valid_until", value.validUntil.map { .string($0.description) } ?? .null),
            ("source", .string(value.source)),
            ("status", .string(value.status.rawValue)),
            ("status_label", .string(value.status.dutchLabel)),
            ("verified", value.verified.map { .string($0) } ?? .null),
        ])
    }
}

extension Explanation {
    /// The explanation as JSON (explanations: docs/contracts-internal.md).
    public var jsonValue: JSONValue {
        .object([
            ("figure", .string(figure)),
            ("label", .string(label)),
            ("value", .string(value)),
        ] + (unit.map { [("unit", JSONValue.string($0.rawValue))] } ?? []) + [
            ("rule", .string(rule)),
            ("source", .string(source)),
            ("formula", .string(formula)),
            ("parameters", .array(parameters.map(\.jsonValue))),
            ("inputs", .array(inputs.map { .object([("name", .string($0.name)), ("value", .string($0.value))] + Self.unitPair($0.unit)) })),
            ("steps", .array(steps.map {
                .object([("description", .string($0.description)), ("value", .string($0.value)), ("rounding", .string($0.rounding))] + Self.unitPair($0.unit))
            })),
            ("children", .array(children.map(\.jsonValue))),
        ])
    }

    static func unitPair(_ unit: ValueKind?) -> [(String, JSONValue)] { unit.map { [("unit", .string($0.rawValue))] } ?? [] }

    /// The explanation as an indented text tree with the values as stored (contract notation); see
    /// ``DutchExplanationText`` for the text meant for readers.
    public func renderedText(depth: Int = 0) -> String {
        let pad = String(repeating: "  ", count: depth)
        var lines: [String] = []
        lines.append("\(pad)\(label) = \(value)")
        lines.append("\(pad)  Regel: \(rule) (\(source))")
        lines.append("\(pad)  Formule: \(formula)")
        if !inputs.isEmpty {
            lines.append("\(pad)  Invoer:")
            for i in inputs { lines.append("\(pad)    - \(i.name): \(i.value)") }
        }
        if !parameters.isEmpty {
            lines.append("\(pad)  Parameters:")
            for p in parameters {
                let until = p.value.validUntil.map { " t/m \($0)" } ?? ""
                let status = " [\(p.value.status.dutchLabel)]"
                lines.append("\(pad)    - \(p.description) (\(p.id)) = \(p.formatted), geldig vanaf \(p.value.validFrom)\(until); bron: \(p.value.source)\(status)")
            }
        }
        if !steps.isEmpty {
            lines.append("\(pad)  Stappen:")
            for (n, s) in steps.enumerated() {
                let rounding = s.rounding == "geen" ? "" : " (afronding: \(s.rounding))"
                lines.append("\(pad)    \(n + 1). \(s.description) = \(s.value)\(rounding)")
            }
        }
        var text = lines.joined(separator: "\n") + "\n"
        for c in children { text += c.renderedText(depth: depth + 1) }
        return text
    }
}
