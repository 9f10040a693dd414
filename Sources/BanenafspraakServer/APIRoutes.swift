import BanenafspraakCalculators
import BanenafspraakCore

/// The public JSON endpoints that need no store: health, parameters and calc (server: docs/contracts-internal.md).
enum APIRoutes {
    static func health() -> Route {
        Route(
            "GET", "/api/v1/health", operationId: "health", summary: "Is the server up?", tag: "api",
            responses: [RouteResponse(200, "The server answers.", schema: Schema.object([("status", Schema.string(enumeration: ["ok"]))], required: ["status"]))]
        ) { _, _ in .json(.object([("status", .string("ok"))])) }
    }

    static let parameterSchema = Schema.object([
        ("id", Schema.string(description: "Dotted parameter id, e.g. quota.hours_per_job.")),
        ("unit", Schema.string(enumeration: ParameterUnit.allCases.map(\.rawValue))),
        ("description", Schema.string()),
        ("value", Schema.string(description: "The value at the unit's scale, or \"none\" for no limit.")),
        ("valid_from", Schema.string(format: "date")),
        ("valid_until", Schema.nullable(Schema.string(format: "date"))),
        ("source", Schema.string(description: "Statute article or parliamentary paper.")),
        ("status", Schema.string(enumeration: ParameterStatus.allCases.map(\.rawValue))),
    ], required: ["id", "unit", "description", "value", "valid_from", "valid_until", "source", "status"])

    static func parameters(_ env: ServerEnvironment) -> Route {
        Route(
            "GET", "/api/v1/parameters", operationId: "parameters",
            summary: "Every parameter in force on a date, with its value, validity and source.", tag: "api",
            parameters: [RouteParameter("date", in: .query, required: true, description: "The day, YYYY-MM-DD.", schema: Schema.string(format: "date"))],
            responses: [
                RouteResponse(200, "The parameters in force that day.", schema: Schema.object([
                    ("date", Schema.string(format: "date")),
                    ("parameters", Schema.array(parameterSchema)),
                ], required: ["date", "parameters"])),
                .error(400, "The date is missing or not a date."),
            ]
        ) { request, _ in
            guard let text = request.query("date") else { return .error(400, "the query parameter date (YYYY-MM-DD) is required", field: "/date") }
            guard let day = LocalDate(text) else { return .error(400, "\"\(text)\" is not a date YYYY-MM-DD", field: "/date") }
            return .json(parametersJSON(env.parameters, on: day))
        }
    }

    static func parametersJSON(_ set: ParameterSet, on day: LocalDate) -> JSONValue {
        var items: [JSONValue] = []
        for id in set.parameters.keys.sorted() {
            guard let r = try? set.resolve(id, on: day) else { continue }
            items.append(.object([
                ("id", .string(r.id)),
                ("unit", .string(r.unit.rawValue)),
                ("description", .string(r.description)),
                ("value", .string(r.formatted)),
                ("valid_from", .string(r.value.validFrom.description)),
                ("valid_until", r.value.validUntil.map { .string($0.description) } ?? .null),
                ("source", .string(r.value.source)),
                ("status", .string(r.value.status.rawValue)),
            ]))
        }
        return .object([("date", .string(day.description)), ("parameters", .array(items))])
    }

    static let caseSchema = Schema.object([
        ("calculator", Schema.string(description: "The calculator.", enumeration: CalculatorName.allCases.map(\.rawValue))),
        ("date", Schema.string(description: "The case date, 2015-01-01 to 2026-12-31.", format: "date")),
        ("input", Schema.map(Schema.any("A field of the calculator's input (calculator cases: docs/contracts-internal.md)."), description: "The facts of the case; fields per calculator.")),
    ], required: ["calculator", "date", "input"], description: "A calculator case, as `banenafspraak calc --case` reads it.")

    static let calcResultSchema = Schema.object([
        ("calculator", Schema.string(enumeration: CalculatorName.allCases.map(\.rawValue))),
        ("result", Schema.map(Schema.any("A result field."), description: "The figures; amounts and hours are strings with 2 decimals.")),
        ("explanation", Schema.any("The explanation tree: rule, source, parameters, inputs and steps.")),
    ], required: ["calculator", "result", "explanation"])

    static func calc(_ env: ServerEnvironment) -> Route {
        Route(
            "POST", "/api/v1/calc", operationId: "calc",
            summary: "Run a person-level calculator case; the same result JSON as `banenafspraak calc`.", tag: "api",
            body: RouteBody(schema: caseSchema),
            responses: [
                RouteResponse(200, "The result and its explanation.", schema: calcResultSchema),
                .error(400, "The body is not JSON."),
                .error(413, "The body is too large."),
                .error(422, "The case is invalid: an unknown calculator or field, a malformed value, or a date outside 2015–2026."),
            ]
        ) { request, _ in
            if JSONNesting.tooDeep(request.body) { return JSONNesting.error.response }
            return await env.compute { runCalc(request.bodyText, parameters: env.parameters) }
        }
    }

    /// Parses and computes a case; a JSON syntax error is 400, any other invalid case 422.
    static func runCalc(_ text: String, parameters: ParameterSet) -> APIResponse {
        let value: CaseValue
        do { value = try CaseValue.parse(text) } catch {
            return .error(400, "the body is not valid JSON: \(error.message)", field: error.field == "case" ? nil : JSONPointer.fromDottedPath(error.field))
        }
        do {
            return .json(try Calculators.run(case: value, parameters: parameters))
        } catch {
            return .error(422, error.message, field: JSONPointer.fromDottedPath(error.field))
        }
    }
}
