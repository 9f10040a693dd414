import BanenafspraakCalculators
import BanenafspraakCore

/// `POST /api/v1/hire`: the same JSON as `banenafspraak hire --case FILE` (spec section 15).
enum HireRoute {
    static func yesNo(_ d: String) -> JSONValue { Schema.nullable(Schema.boolean(description: d)) }

    static let situationSchema = Schema.object([
        ("register", Schema.boolean(description: "In the doelgroepregister.")),
        ("ground", Schema.nullable(Schema.string(description: "The route of the registration (only with register true).", enumeration: RegisterRoute.allCases.map(\.rawValue)))),
        ("birth_date", Schema.nullable(Schema.string(description: "Birth date, before start_date.", format: "date"))),
        ("age", Schema.nullable(Schema.integer(description: "Age at the start in whole years, instead of birth_date.", minimum: 0, maximum: 120))),
        ("wia", yesNo("A WIA benefit in the month before the start.")),
        ("wajong", yesNo("A Wajong benefit.")),
        ("bijstand", yesNo("Bijstand (Participatiewet) in the month before the start.")),
        ("ww", yesNo("A WW benefit in the month before the start.")),
        ("herplaatsing", yesNo("Resumes work or another function at the same employer; start_date is that day.")),
        ("loonwaarde_percent", Schema.nullable(Schema.string(description: "Loonwaarde when the municipality pays loonkostensubsidie, 0–100.", pattern: "^[0-9]{1,3}(\\.[0-9]{1,2})?$"))),
        ("lks_forfaitair", yesNo("The first six months with forfaitaire loonkostensubsidie (only with loonwaarde_percent).")),
    ], required: ["register"])

    static let requestSchema = Schema.object([
        ("start_date", Schema.string(description: "The first day of the dienstbetrekking, 2015-01-01 to 2026-12-31.", format: "date")),
        ("input", Schema.object([
            ("hours_per_week", Schema.decimalInput("Contract hours per week, above 0 and at most 168.")),
            ("hourly_wage", Schema.decimalInput("Wage per hour for the werknemersverzekeringen, vakantiebijslag included, in euros.")),
            ("fulltime_hours_per_week", Schema.nullable(Schema.decimalInput("The employer's full-time week, for the loonkostensubsidie (default 36)."))),
            ("situation", situationSchema),
            ("employer", Schema.nullable(Estimate.requestSchema)),
        ], required: ["hours_per_week", "hourly_wage", "situation"])),
    ], required: ["start_date", "input"])

    static let responseSchema = Schema.object([
        ("start_date", Schema.string(format: "date")),
        ("years", Schema.array(Schema.object([
            ("year", Schema.integer()), ("months_employed", Schema.integer()),
            ("hours", Schema.decimal("Hours in the year")), ("wage", Schema.decimal("Wage in the year")),
            ("counts_for_banenafspraak", Schema.boolean()),
            ("instruments", Schema.map(Schema.any("One instrument: amount (decimal string or null), its fields, legal_basis and explanation."),
                                       description: "By calculator: lkv, liv, lks, noriskpolis.")),
            ("employer_effect", Schema.object([
                ("levy", Schema.decimal("Levy with minus without the hire")), ("surcharge", Schema.decimal("Surcharge difference")),
                ("lkv", Schema.decimal("LKV difference")), ("bonus", Schema.decimal("Bonus difference")), ("net", Schema.decimal("Net difference")),
            ], required: ["levy", "surcharge", "lkv", "bonus", "net"], open: true)),
        ], required: ["year", "instruments"], open: true))),
        ("deadlines", Schema.array(Schema.object([
            ("what", Schema.string()), ("date", Schema.string(format: "date")), ("source", Schema.string()),
        ], required: ["what", "date", "source"]))),
        ("horizon", Schema.string(description: "Which years of the five were not computed, and why.")),
    ], required: ["start_date", "years", "deadlines"])

    static func route(_ env: ServerEnvironment) -> Route {
        Route(
            "POST", "/api/v1/hire", operationId: "hire",
            summary: "One hire, every instrument: per year LKV, LIV, loonkostensubsidie and no-riskpolis, the effect on the employer's own figures and the deadlines; the same JSON as `banenafspraak hire`.", tag: "api",
            body: RouteBody(schema: requestSchema),
            responses: [
                RouteResponse(200, "The years, the instruments and the deadlines.", schema: responseSchema),
                .error(400, "The body is not JSON."),
                .error(413, "The body is too large."),
                .error(422, "A field is missing, unknown or malformed (the error names it)."),
            ]
        ) { request, _ in
            if JSONNesting.tooDeep(request.body) { return JSONNesting.error.response }
            let params = env.estimateParameters, texts = env.parameterTexts
            let text = request.bodyText
            return await env.compute { run(text, parameters: params, texts: texts) }
        }
    }

    static func run(_ text: String, parameters: EstimateParameters, texts: JSONBytes.ParameterTexts? = nil) -> APIResponse {
        let value: CaseValue
        do { value = try CaseValue.parse(text) } catch {
            return .error(400, "the body is not valid JSON: \(error.message)", field: error.field == "case" ? nil : JSONPointer.fromDottedPath(error.field))
        }
        do {
            return APIResponse(status: 200, contentType: "application/json", body: JSONBytes.hire(try Hire.compute(value, parameters: parameters), texts))
        } catch {
            return .error(422, error.message, field: JSONPointer.fromDottedPath(error.field))
        }
    }
}
