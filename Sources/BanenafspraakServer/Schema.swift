import BanenafspraakCore

/// JSON Schema (2020-12, as OpenAPI 3.1 uses it) written as ``JSONValue``: the routes declare their
/// bodies with these, and `/openapi.json` is built from the same values.
public enum Schema {
    public static func string(description: String? = nil, pattern: String? = nil, format: String? = nil, enumeration: [String]? = nil, minLength: Int? = nil, maxLength: Int? = nil) -> JSONValue {
        var p: [(String, JSONValue)] = [("type", .string("string"))]
        if let description { p.append(("description", .string(description))) }
        if let pattern { p.append(("pattern", .string(pattern))) }
        if let format { p.append(("format", .string(format))) }
        if let minLength { p.append(("minLength", .integer(Int64(minLength)))) }
        if let maxLength { p.append(("maxLength", .integer(Int64(maxLength)))) }
        if let enumeration { p.append(("enum", .array(enumeration.map(JSONValue.string)))) }
        return .object(p)
    }

    /// A decimal string with 2 decimals as in the output files (`"1331.00"`, `"-62235.70"`).
    public static func decimal(_ description: String, decimals: Int = 2, signed: Bool = true) -> JSONValue {
        string(description: description, pattern: "^\(signed ? "-?" : "")[0-9]+\\.[0-9]{\(decimals)}$")
    }

    /// A non-negative decimal input with 0–2 decimals and a point (reading R3 in docs/readings.md).
    public static func decimalInput(_ description: String) -> JSONValue {
        string(description: description, pattern: "^[0-9]{1,15}(\\.[0-9]{1,2})?$", maxLength: 18)
    }

    public static func integer(description: String? = nil, minimum: Int64? = nil, maximum: Int64? = nil) -> JSONValue {
        var p: [(String, JSONValue)] = [("type", .string("integer"))]
        if let description { p.append(("description", .string(description))) }
        if let minimum { p.append(("minimum", .integer(minimum))) }
        if let maximum { p.append(("maximum", .integer(maximum))) }
        return .object(p)
    }

    public static func boolean(description: String? = nil) -> JSONValue {
        var p: [(String, JSONValue)] = [("type", .string("boolean"))]
        if let description { p.append(("description", .string(description))) }
        return .object(p)
    }

    public static func array(_ items: JSONValue, description: String? = nil, maxItems: Int? = nil) -> JSONValue {
        var p: [(String, JSONValue)] = [("type", .string("array")), ("items", items)]
        if let description { p.append(("description", .string(description))) }
        if let maxItems { p.append(("maxItems", .integer(Int64(maxItems)))) }
        return .object(p)
    }

    /// An object; `required` lists the names that must be present; unknown keys are rejected unless `open`.
    public static func object(_ properties: [(String, JSONValue)], required: [String], open: Bool = false, description: String? = nil) -> JSONValue {
        var p: [(String, JSONValue)] = [("type", .string("object"))]
        if let description { p.append(("description", .string(description))) }
        p.append(("properties", .object(properties)))
        if !required.isEmpty { p.append(("required", .array(required.map(JSONValue.string)))) }
        if !open { p.append(("additionalProperties", .bool(false))) }
        return .object(p)
    }

    /// An object whose keys are data (such as months) with values of one schema.
    public static func map(_ values: JSONValue, description: String? = nil) -> JSONValue {
        var p: [(String, JSONValue)] = [("type", .string("object")), ("additionalProperties", values)]
        if let description { p.append(("description", .string(description))) }
        return .object(p)
    }

    /// Any JSON value (explanation trees, calculator-specific results).
    public static func any(_ description: String) -> JSONValue { .object([("description", .string(description))]) }

    public static func ref(_ name: String) -> JSONValue { .object([("$ref", .string("#/components/schemas/\(name)"))]) }

    public static func nullable(_ schema: JSONValue) -> JSONValue { .object([("oneOf", .array([schema, .object([("type", .string("null"))])]))]) }
}
