#if canImport(Glibc)
import Glibc
#endif
import BanenafspraakCore
import Foundation

/// Loads the parameter files (JSON) into a ``ParameterSet``.
///
/// A file is `{"parameters": [{"id", "unit", "description", "in_force_from"?, "in_force_until"?,
/// "values": [{"value", "valid_from", "valid_until"?, "source", "status"?, "verified"?}]}]}`.
/// `value` is a decimal string at the unit's scale, or `"none"` for "no limit". `status` is one of
/// ``ParameterStatus`` (default `unverified`); a `verified` value names in `verified` where its source was
/// checked. `in_force_from`/`in_force_until` give the parameter's legal life when it starts after 2015 or
/// ends before 2026 (`banenafspraak parameters --check` reports gaps inside it). The repository's own files
/// live in `parameters/` beside this source; docs/sources.md explains the citations.
public enum ParameterFiles {
    /// The repository's parameter set: every `*.json` under `parameters/`, merged and validated.
    public static func loadDefault() throws -> ParameterSet { try loadDefault(validating: true) }

    /// The repository's parameter set; without validation it may hold overlapping values (for `--check`).
    public static func loadDefault(validating: Bool) throws -> ParameterSet {
        guard let dir = Bundle.module.url(forResource: "parameters", withExtension: nil) else {
            throw ParameterFileError(file: "parameters/", message: "the bundled parameter folder is missing")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path)
            .filter { $0.hasSuffix(".json") }.sorted()
        var set = ParameterSet()
        for name in files {
            let part = try load(path: dir.appendingPathComponent(name).path)
            for p in part.parameters.values {
                if set.parameters[p.id] != nil {
                    throw ParameterFileError(file: name, message: "parameter \(p.id) is defined in more than one file")
                }
                set.insert(p)
            }
        }
        if validating {
            do { try set.validate() } catch { throw ParameterFileError(file: "parameters/", message: error.description) }
        }
        return set
    }

    /// The default set with `overridePath` applied on top (`--params FILE`), or just the default set.
    public static func load(overridePath: String?) throws -> ParameterSet {
        let base = try loadDefault()
        guard let overridePath else { return base }
        let overrides = try load(path: overridePath)
        for p in overrides.parameters.values {
            if let b = base.parameters[p.id], b.unit != p.unit {
                throw ParameterFileError(file: overridePath, message: "parameter \(p.id) has unit \(p.unit.rawValue), expected \(b.unit.rawValue)")
            }
        }
        return base.overriding(with: overrides)
    }

    /// Reads one parameter file.
    public static func load(path: String) throws -> ParameterSet {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw ParameterFileError(file: path, message: "cannot read the file: it is a folder")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            let fd = open(path, O_RDONLY)
            let reason = fd < 0 ? String(cString: strerror(errno)) : "read error"
            if fd >= 0 { close(fd) }
            throw ParameterFileError(file: path, message: "cannot read the file: \(reason)")
        }
        return try parse(data: data, file: path)
    }

    /// Parses the JSON of one parameter file; errors name the file and the parameter.
    public static func parse(data: Data, file: String) throws -> ParameterSet {
        let root: Any
        do { root = try JSONSerialization.jsonObject(with: data) } catch {
            throw ParameterFileError(file: file, message: "not valid JSON: \(error.localizedDescription)")
        }
        guard let object = root as? [String: Any], let list = object["parameters"] as? [[String: Any]] else {
            throw ParameterFileError(file: file, message: "expected an object with a \"parameters\" array")
        }
        var set = ParameterSet()
        for (i, entry) in list.enumerated() {
            guard let id = entry["id"] as? String, !id.isEmpty else {
                throw ParameterFileError(file: file, message: "parameter #\(i + 1) has no id")
            }
            func fail(_ m: String) -> ParameterFileError { ParameterFileError(file: file, message: "parameter \(id): \(m)") }
            guard let unitText = entry["unit"] as? String, let unit = ParameterUnit(rawValue: unitText) else {
                throw fail("unit must be one of \(ParameterUnit.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard let values = entry["values"] as? [[String: Any]], !values.isEmpty else { throw fail("no values") }
            var parsed: [ParameterValue] = []
            for (j, v) in values.enumerated() {
                let at = "value #\(j + 1)"
                guard let text = v["value"] as? String else { throw fail("\(at): value must be a decimal string or \"none\"") }
                let number: Int64?
                if text == "none" { number = nil } else {
                    guard let n = FixedPoint.parse(text, scale: unit.scale) else {
                        throw fail("\(at): value \"\(text)\" is not a decimal with at most \(unit.scale) decimals")
                    }
                    guard unit.isWithinBound(n) else {
                        throw fail("\(at): value \"\(text)\" is beyond the bound of unit \(unit.rawValue) (at most \(unit.maximumText))")
                    }
                    number = n
                }
                guard let fromText = v["valid_from"] as? String, let from = LocalDate(fromText) else {
                    throw fail("\(at): valid_from must be a date YYYY-MM-DD")
                }
                var until: LocalDate?
                if let u = v["valid_until"], !(u is NSNull) {
                    guard let ut = u as? String, let ud = LocalDate(ut) else { throw fail("\(at): valid_until must be a date YYYY-MM-DD") }
                    until = ud
                }
                guard let source = v["source"] as? String, !source.isEmpty else { throw fail("\(at): source is required") }
                var status = ParameterStatus.unverified
                if let s = v["status"] as? String {
                    guard let st = ParameterStatus(rawValue: s) else {
                        throw fail("\(at): status must be one of \(ParameterStatus.allCases.map(\.rawValue).joined(separator: ", "))")
                    }
                    status = st
                }
                let verified = v["verified"] as? String
                if status == .verified && (verified ?? "").isEmpty {
                    throw fail("\(at): a verified value must say in \"verified\" where its source was checked")
                }
                parsed.append(ParameterValue(value: number, validFrom: from, validUntil: until, source: source, status: status, verified: verified))
            }
            func lifeDate(_ key: String) throws -> LocalDate? {
                guard let raw = entry[key], !(raw is NSNull) else { return nil }
                guard let t = raw as? String, let d = LocalDate(t) else { throw fail("\(key) must be a date YYYY-MM-DD") }
                return d
            }
            let life = (try lifeDate("in_force_from"), try lifeDate("in_force_until"))
            if set.parameters[id] != nil { throw fail("defined twice in the file") }
            set.insert(Parameter(id: id, unit: unit, description: entry["description"] as? String ?? "", values: parsed,
                                 inForceFrom: life.0, inForceUntil: life.1, sparse: entry["sparse"] as? Bool ?? false))
        }
        return set
    }
}

/// A parameter file that cannot be used; the message names the file and the parameter.
public struct ParameterFileError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var message: String
    public var description: String { "\(file): \(message)" }
}
