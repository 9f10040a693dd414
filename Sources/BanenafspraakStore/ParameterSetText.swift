import BanenafspraakCore
import Foundation

/// The canonical text of a parameter set: the JSON of the parameter files (`--params` format), parameters sorted
/// by id, each parameter's values in the order `resolve` tries them (an override's values first). Its SHA-256 is
/// the receipt's parameter hash; parsing it gives back the same set, so a stored run explains itself with the
/// parameters it used.
public enum ParameterSetText {
    public static func render(_ set: ParameterSet) -> String {
        let parameters: [JSONValue] = set.parameters.keys.sorted().map { id in
            let p = set.parameters[id]!
            return .object([
                ("id", .string(p.id)), ("unit", .string(p.unit.rawValue)), ("description", .string(p.description)),
                ("values", .array(p.values.map { v in
                    .object([
                        ("value", .string(v.value.map { FixedPoint.format($0, scale: p.unit.scale) } ?? "none")),
                        ("valid_from", .string(v.validFrom.description)),
                        ("valid_until", v.validUntil.map { .string($0.description) } ?? .null),
                        ("source", .string(v.source)), ("status", .string(v.status.rawValue)),
                        ("verified", v.verified.map { .string($0) } ?? .null),
                    ])
                })),
                ("in_force_from", p.inForceFrom.map { .string($0.description) } ?? .null),
                ("in_force_until", p.inForceUntil.map { .string($0.description) } ?? .null),
                ("sparse", .bool(p.sparse)),
            ])
        }
        return JSONValue.object([("parameters", .array(parameters))]).rendered()
    }

    public static func sha256(_ set: ParameterSet) -> String { Digest.sha256(text: render(set)) }

    /// Parses a canonical text back, keeping each parameter's value order.
    public static func parse(_ text: String) throws -> ParameterSet {
        func fail(_ m: String) -> StoreError { StoreError(.invalidRun, "the stored parameter set is not valid: \(m)") }
        guard let root = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
              let list = root["parameters"] as? [[String: Any]] else { throw fail("expected an object with a parameters array") }
        var set = ParameterSet()
        for entry in list {
            guard let id = entry["id"] as? String, let unitText = entry["unit"] as? String,
                  let unit = ParameterUnit(rawValue: unitText), let values = entry["values"] as? [[String: Any]] else {
                throw fail("a parameter lacks id, unit or values")
            }
            var parsed: [ParameterValue] = []
            for v in values {
                guard let valueText = v["value"] as? String, let fromText = v["valid_from"] as? String, let from = LocalDate(fromText),
                      let source = v["source"] as? String, let statusText = v["status"] as? String,
                      let status = ParameterStatus(rawValue: statusText) else { throw fail("parameter \(id) has an incomplete value") }
                let number: Int64?
                if valueText == "none" { number = nil } else {
                    guard let n = FixedPoint.parse(valueText, scale: unit.scale) else { throw fail("parameter \(id): \(valueText)") }
                    number = n
                }
                let until = (v["valid_until"] as? String).flatMap { LocalDate($0) }
                parsed.append(ParameterValue(value: number, validFrom: from, validUntil: until, source: source, status: status,
                                             verified: v["verified"] as? String))
            }
            var p = Parameter(id: id, unit: unit, description: entry["description"] as? String ?? "", values: [],
                              inForceFrom: (entry["in_force_from"] as? String).flatMap { LocalDate($0) },
                              inForceUntil: (entry["in_force_until"] as? String).flatMap { LocalDate($0) },
                              sparse: entry["sparse"] as? Bool ?? false)
            p.values = parsed
            set.insert(p)
        }
        return set
    }
}
