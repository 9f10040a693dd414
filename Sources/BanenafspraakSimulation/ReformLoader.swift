import BanenafspraakCore
import Foundation

/// One problem in a reform file, at a JSON path (`$.parameters.parameters[2].values[0].value`).
public struct ReformIssue: Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var message: String
    public init(path: String, message: String) { self.path = path; self.message = message }
    public var description: String { "\(path): \(message)" }
}

/// A reform that cannot be used: every problem found in the file, each with its JSON path (exit status 2).
public struct ReformLoadError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var issues: [ReformIssue]
    public var description: String {
        "\(file): \(issues.count) error(s) in the reform\n" + issues.map { "  \(file): \($0)" }.joined(separator: "\n")
    }
}

/// Reads and checks a reform file completely before any work starts (policy simulation: docs/contracts-internal.md). Every error is collected, none
/// stops the check, and a reform with any error is not used: there is no partial reform.
///
/// Format: `{"name", "description", "parameters", "options"}`. `parameters` is a parameter file in the format of
/// `--params` (`{"parameters": [...]}`), or that file's list itself. Each value is
/// `{"value", "valid_from", "valid_until"?, "source"?, "status"?}`; a value without `source` is allowed and marked
/// "bron ontbreekt". `options`: `regime_register` (`current` | `widened`), `scheme` (`law2015` | `simplified`)
/// and `baseline_scheme` (the same two; default: as `scheme`).
public enum ReformLoader {
    /// Parameters whose value divides: zero would have no meaning (and no exact answer).
    static let mustBePositive: Set<String> = ["quota.hours_per_job", "measurement.hours_per_job_month"]
    /// Parameters that are switches: 0 or 1.
    static let switches: Set<String> = ["quota.combined_quotum"]

    /// The largest reform file read: 1 MiB (the bound of a calculator case). A larger one, or a device such as
    /// `/dev/zero`, is refused after that many bytes instead of filling memory.
    public static let maximumBytes = 1 << 20

    public static func load(path: String, base: ParameterSet) throws -> Reform {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw ReformLoadError(file: path, issues: [ReformIssue(path: "$", message: "cannot read the file: it is a folder")])
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ReformLoadError(file: path, issues: [ReformIssue(path: "$", message: "cannot read the file")])
        }
        defer { try? handle.close() }
        var data = Data()
        while data.count <= maximumBytes {
            guard let chunk = try? handle.read(upToCount: maximumBytes + 1 - data.count), !chunk.isEmpty else { break }
            data.append(chunk)
        }
        guard data.count <= maximumBytes else {
            throw ReformLoadError(file: path, issues: [ReformIssue(path: "$", message: "the file is larger than \(maximumBytes) bytes; a reform is at most 1 MiB")])
        }
        return try parse(data: data, file: path, base: base)
    }

    /// Parses and checks the reform against `base` (the repository's parameter set, with any `--params`).
    public static func parse(data: Data, file: String, base: ParameterSet) throws -> Reform {
        var issues: [ReformIssue] = []
        func issue(_ path: String, _ message: String) { issues.append(ReformIssue(path: path, message: message)) }
        let root: Any
        do { root = try JSONSerialization.jsonObject(with: data) } catch {
            throw ReformLoadError(file: file, issues: [ReformIssue(path: "$", message: "not valid JSON: \(error.localizedDescription)")])
        }
        guard let object = root as? [String: Any] else {
            throw ReformLoadError(file: file, issues: [ReformIssue(path: "$", message: "expected an object {\"name\", \"description\", \"parameters\", \"options\"}")])
        }
        for key in object.keys.sorted() where !["name", "description", "parameters", "options"].contains(key) {
            issue("$.\(key)", "unknown key; a reform has name, description, parameters and options")
        }
        var name = ""
        if let n = object["name"] as? String, !n.isEmpty { name = n } else { issue("$.name", "a reform needs a name (a non-empty string)") }
        var description = ""
        if let d = object["description"] {
            if let ds = d as? String { description = ds } else { issue("$.description", "must be a string") }
        }

        // Parameters: a --params file, or its list.
        var list: [Any] = []
        var listPath = "$.parameters"
        switch object["parameters"] {
        case nil, is NSNull: break
        case let l as [Any]: list = l
        case let o as [String: Any]:
            listPath = "$.parameters.parameters"
            for key in o.keys.sorted() where !["parameters", "file", "description"].contains(key) {
                issue("$.parameters.\(key)", "unknown key in the parameter file")
            }
            if let l = o["parameters"] as? [Any] { list = l } else { issue(listPath, "expected an array of parameters") }
        default: issue("$.parameters", "expected a parameter file {\"parameters\": [...]} or its array")
        }

        var set = ParameterSet()
        var order: [String] = []
        var values: [ReformValue] = []
        var normalised: [JSONValue] = []
        for (i, entry) in list.enumerated() {
            let at = "\(listPath)[\(i)]"
            guard let p = entry as? [String: Any] else { issue(at, "expected a parameter object"); continue }
            for key in p.keys.sorted() where !["id", "unit", "description", "values", "in_force_from", "in_force_until", "sparse"].contains(key) {
                issue("\(at).\(key)", "unknown key; a parameter has id, unit, description and values (and, as in --params files, in_force_from, in_force_until, sparse)")
            }
            guard let id = p["id"] as? String, !id.isEmpty else { issue("\(at).id", "a parameter needs an id"); continue }
            guard let known = base.parameters[id] else {
                issue("\(at).id", "unknown parameter id \"\(id)\" (`banenafspraak parameters` lists them)")
                continue
            }
            if order.contains(id) { issue("\(at).id", "parameter \(id) is set twice in the reform"); continue }
            let unit = known.unit
            if let u = p["unit"] {
                if let us = u as? String, let given = ParameterUnit(rawValue: us) {
                    if given != unit { issue("\(at).unit", "\(id) has unit \(unit.rawValue), not \(us)") }
                } else { issue("\(at).unit", "unit must be one of \(ParameterUnit.allCases.map(\.rawValue).joined(separator: ", "))") }
            }
            guard let vs = p["values"] as? [Any], !vs.isEmpty else {
                issue("\(at).values", "required parameter \(id) is left without a value (values must be a non-empty array)")
                continue
            }
            let isCap = id.hasSuffix("_max") || known.values.contains { $0.value == nil }
            var parsed: [(ParameterValue, String, Bool)] = []
            var normalisedValues: [JSONValue] = []
            for (j, raw) in vs.enumerated() {
                let vat = "\(at).values[\(j)]"
                guard let v = raw as? [String: Any] else { issue(vat, "expected a value object"); continue }
                var ok = true
                for key in v.keys.sorted() where !["value", "valid_from", "valid_until", "source", "status", "verified"].contains(key) {
                    issue("\(vat).\(key)", "unknown key; a value has value, valid_from, valid_until, source, status and verified"); ok = false
                }
                var number: Int64?
                switch v["value"] {
                case nil, is NSNull:
                    issue("\(vat).value", "required parameter \(id) is left without a value"); ok = false
                case let text as String:
                    if text == "none" {
                        if !isCap { issue("\(vat).value", "required parameter \(id) is left without a value (\"none\" means no limit, only for a cap)"); ok = false }
                    } else if let n = FixedPoint.parse(text, scale: unit.scale) {
                        number = n
                        if n < 0 { issue("\(vat).value", "\"\(text)\" is negative; \(id) takes a value of 0 or more"); ok = false }
                        else if n > unit.maximum { issue("\(vat).value", "\"\(text)\" is above the bound of unit \(unit.rawValue): at most \(unit.maximumText)"); ok = false }
                        else if mustBePositive.contains(id) && n == 0 { issue("\(vat).value", "\(id) must be more than 0"); ok = false }
                        else if switches.contains(id) && n > 1 { issue("\(vat).value", "\(id) is a switch: 0 or 1"); ok = false }
                    } else {
                        issue("\(vat).value", "\"\(text)\" is outside the grammar of unit \(unit.rawValue): \(grammar(unit))"); ok = false
                    }
                default:
                    issue("\(vat).value", "the value must be a string (\(grammar(unit))), not a JSON number"); ok = false
                }
                var from: LocalDate?
                if let t = v["valid_from"] as? String, let d = LocalDate(t) { from = d } else {
                    issue("\(vat).valid_from", "valid_from must be a date YYYY-MM-DD"); ok = false
                }
                var until: LocalDate?
                if let u = v["valid_until"], !(u is NSNull) {
                    if let t = u as? String, let d = LocalDate(t) { until = d } else {
                        issue("\(vat).valid_until", "valid_until must be a date YYYY-MM-DD"); ok = false
                    }
                }
                if let f = from, let u = until, u < f {
                    issue("\(vat).valid_until", "valid_until \(u) is before valid_from \(f)"); ok = false
                }
                var source = Reform.missingSource
                var missing = true
                if let s = v["source"], !(s is NSNull) {
                    if let ss = s as? String { if !ss.trimmingCharacters(in: .whitespaces).isEmpty { source = ss; missing = false } }
                    else { issue("\(vat).source", "source must be a string"); ok = false }
                }
                var status = ParameterStatus.proposal
                if let s = v["status"], !(s is NSNull) {
                    if let ss = s as? String, let st = ParameterStatus(rawValue: ss) { status = st } else {
                        issue("\(vat).status", "status must be one of \(ParameterStatus.allCases.map(\.rawValue).joined(separator: ", "))"); ok = false
                    }
                }
                guard ok, let validFrom = from else { continue }
                let value = ParameterValue(value: number, validFrom: validFrom, validUntil: until, source: source, status: status)
                parsed.append((value, vat, missing))
                normalisedValues.append(.object([
                    ("value", .string(number.map { FixedPoint.format($0, scale: unit.scale) } ?? "none")),
                    ("valid_from", .string(validFrom.description)),
                    ("valid_until", until.map { .string($0.description) } ?? .null),
                    ("source", missing ? .null : .string(source)),
                    ("status", .string(status.rawValue)),
                ]))
            }
            // Overlapping periods within the reform's values for one parameter.
            let sorted = parsed.sorted { $0.0.validFrom < $1.0.validFrom }
            for (a, b) in zip(sorted, sorted.dropFirst()) {
                if a.0.validUntil.map({ $0 >= b.0.validFrom }) ?? true {
                    issue(b.1, "the period from \(b.0.validFrom) overlaps the period from \(a.0.validFrom) (\(a.1)) of \(id)")
                }
            }
            order.append(id)
            set.insert(Parameter(id: id, unit: unit, description: known.description, values: parsed.map(\.0)))
            for (value, path, missing) in parsed { values.append(ReformValue(parameter: id, path: path, value: value, sourceMissing: missing)) }
            normalised.append(.object([("id", .string(id)), ("unit", .string(unit.rawValue)), ("values", .array(normalisedValues))]))
        }

        // Options.
        var options = ReformOptions()
        var normalisedOptions: [(String, JSONValue)] = []
        switch object["options"] {
        case nil, is NSNull: break
        case let o as [String: Any]:
            for key in o.keys.sorted() {
                let at = "$.options.\(key)"
                let text = o[key] as? String
                switch key {
                case "regime_register":
                    if let t = text, let r = RegisterRegime(rawValue: t) { options.regimeRegister = r; normalisedOptions.append((key, .string(t))) }
                    else { issue(at, "regime_register must be current or widened") }
                case "scheme":
                    if let t = text, let s = ResultScheme(rawValue: t) { options.scheme = s; normalisedOptions.append((key, .string(t))) }
                    else { issue(at, "scheme must be law2015 or simplified") }
                case "baseline_scheme":
                    if let t = text, let s = ResultScheme(rawValue: t) { options.baselineScheme = s; normalisedOptions.append((key, .string(t))) }
                    else { issue(at, "baseline_scheme must be law2015 or simplified") }
                default:
                    issue(at, "unknown option; the options are regime_register, scheme and baseline_scheme")
                }
            }
        default: issue("$.options", "expected an object")
        }

        if !issues.isEmpty { throw ReformLoadError(file: file, issues: issues) }
        let json = JSONValue.object([
            ("name", .string(name)), ("description", .string(description)),
            ("parameters", .array(normalised)), ("options", .object(normalisedOptions)),
        ])
        return Reform(name: name, description: description, parameters: set, parameterOrder: order, values: values,
                      options: options, file: file, sha256: Hashing.sha256(data), json: json)
    }

    static func grammar(_ unit: ParameterUnit) -> String {
        switch unit {
        case .count: return "a whole number such as \"1\""
        case .hours: return "hours as a decimal with at most 2 decimals, such as \"40575.00\""
        case .money: return "euros as a decimal with at most 2 decimals, such as \"6000.00\""
        case .percent: return "a percentage with at most 2 decimals, such as \"2.76\""
        }
    }
}
