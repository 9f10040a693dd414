import BanenafspraakAssessment
import BanenafspraakCalculators
import BanenafspraakCore

/// `POST /api/v1/estimate` (server: docs/contracts-internal.md): one employer's figures from its own totals, by the batch's own
/// assessment code (``EmployerAssessment/estimate(_:year:parameters:quotaPercent:surchargePercent:employerId:)``),
/// optionally over a range of one input so that the rekentool can draw the curve and its cliffs.
public enum Estimate {
    /// An input the variation can sweep.
    public enum VariedInput: String, Sendable, CaseIterable {
        case hoursTotal = "hours_total"
        case hoursA = "hours_a"
        case hoursC = "hours_c"
        case premiumBase = "premium_base"
    }

    public struct Variation: Sendable, Equatable {
        public var input: VariedInput
        /// In hundredths (centi-hours or cents).
        public var from: Int64
        public var to: Int64
        public var steps: Int
    }

    public struct Request: Sendable, Equatable {
        public var year: Int
        public var totals: QuotaAssessment.EmployerTotals
        public var quotaPercent: BasisPoints?
        public var surchargePercent: MilliPercent?
        public var variation: Variation?
    }

    /// The defaults for a year when the request names none: the published percentage, or the values of the
    /// latest stored run of that year (from the store, when there is one).
    public typealias Defaults = @Sendable (_ year: Int, _ sector: Sector) -> (quota: BasisPoints?, surcharge: MilliPercent?)

    public static let maxSteps = 201
    public static let maxWorkers = 10_000

    // MARK: Parsing

    /// Reads the JSON body strictly: unknown fields, wrong types and malformed decimals name their field.
    public static func parse(_ text: String) throws(APIError) -> Request {
        let value: CaseValue
        do { value = try CaseValue.parse(text) } catch {
            throw APIError(status: 400, message: "the body is not valid JSON: \(error.message)", field: nil)
        }
        do {
            return try parse(value)
        } catch {
            throw APIError(status: 422, message: error.message, field: JSONPointer.fromDottedPath(error.field))
        }
    }

    static func parse(_ value: CaseValue) throws(CaseError) -> Request {
        var top = try CaseInput(value, path: "")
        let year = try top.count("year", max: 9999)
        guard (2015...2026).contains(year) else { throw CaseError(field: "year", message: "the year must lie in 2015–2026") }
        let sector = try top.choice("sector", as: Sector.self)
        let hoursTotal = try top.hours("hours_total")
        let prior = try top.optionalHours("prior_year_hours")
        let hoursA = try top.hours("hours_a")
        let hoursC = try top.hours("hours_c")
        let base = try top.money("premium_base")
        var workers: [CentiHours] = []
        if let list = try top.array("target_group_hours", required: false) {
            guard list.count <= maxWorkers else { throw CaseError(field: "target_group_hours", message: "at most \(maxWorkers) workers") }
            for (i, item) in list.enumerated() {
                guard case .string(let s) = item, let h = FixedPoint.parse(s, scale: 2, allowSign: false) else {
                    throw CaseError(field: "target_group_hours.\(i)", message: "expected hours as a string such as \"1326.00\"")
                }
                workers.append(CentiHours(h))
            }
        }
        let quota = try top.optionalPercent("quota_percent")
        var surcharge: MilliPercent?
        if let v = try top.raw("surcharge_percent", required: false) {
            guard case .string(let s) = v, let m = FixedPoint.parse(s, scale: 3, allowSign: false), m <= 100_000 else {
                throw CaseError(field: "surcharge_percent", message: "expected a percentage as a string with at most 3 decimals, such as \"0.512\"")
            }
            surcharge = MilliPercent(m)
        }
        var variation: Variation?
        if var vary = try top.object("vary", required: false) {
            let input = try vary.choice("input", as: VariedInput.self)
            let unit = input == .premiumBase ? "an amount" : "hours"
            func bound(_ key: String, _ vary: inout CaseInput) throws(CaseError) -> Int64 {
                guard let v = try vary.raw(key, required: true), case .string(let s) = v, let n = FixedPoint.parse(s, scale: 2, allowSign: false) else {
                    throw CaseError(field: vary.fieldPath(key), message: "expected \(unit) as a string such as \"1331.00\"")
                }
                return n
            }
            let from = try bound("from", &vary)
            let to = try bound("to", &vary)
            let steps = try vary.count("steps", max: Int64(maxSteps))
            guard steps >= 2 else { throw CaseError(field: vary.fieldPath("steps"), message: "at least 2 steps") }
            guard from <= to else { throw CaseError(field: vary.fieldPath("to"), message: "must not be below from") }
            try vary.finish()
            variation = Variation(input: input, from: from, to: to, steps: Int(steps))
        }
        try top.finish()
        let totals = QuotaAssessment.EmployerTotals(
            sector: sector, hoursTotal: hoursTotal, priorYearHours: prior, hoursA: hoursA, hoursC: hoursC,
            premiumBase: base, targetGroupHours: workers)
        return Request(year: Int(year), totals: totals, quotaPercent: quota, surchargePercent: surcharge, variation: variation)
    }

    // MARK: Computing

    /// The percentages that apply: the request's, else the defaults; a missing one is an error naming it.
    public static func percentages(_ r: Request, parameters: EstimateParameters, defaults: Defaults?) throws(APIError) -> (BasisPoints, MilliPercent) {
        // The request's value, else the published percentage, else the latest stored run's (the store is read only then).
        var read: (quota: BasisPoints?, surcharge: MilliPercent?)??
        func stored() -> (quota: BasisPoints?, surcharge: MilliPercent?)? {
            if read == nil { read = .some(defaults?(r.year, r.totals.sector)) }
            return read!
        }
        var quota = r.quotaPercent
        // A published percentage is a sector's (Regeling Wfsv art. 3.27); under quota.combined_quotum the employer is
        // held to the combined one, which only a stored run has.
        if quota == nil, let qp = try? parameters.quota(r.year), !qp.usesCombinedQuotum, let published = qp.publishedPercent[r.totals.sector] {
            quota = BasisPoints(published.units)
        }
        if quota == nil { quota = stored()?.quota }
        guard let quota else {
            throw APIError(status: 422, message: "no published or stored quotum percentage for \(r.totals.sector.rawValue) in \(r.year); give quota_percent", field: "/quota_percent")
        }
        guard let surcharge = r.surchargePercent ?? stored()?.surcharge else {
            throw APIError(status: 422, message: "no stored surcharge rate for \(r.year); give surcharge_percent", field: "/surcharge_percent")
        }
        return (quota, surcharge)
    }

    /// One assessment with the batch's code, ready to explain.
    public static func assess(_ totals: QuotaAssessment.EmployerTotals, year: Int, parameters: EstimateParameters,
                              quota: BasisPoints, surcharge: MilliPercent) throws(APIError) -> AssessedEmployer {
        do {
            let qp = try parameters.quota(year)
            return try EmployerAssessment.estimate(totals, year: year, parameters: qp, quotaPercent: quota, surchargePercent: surcharge)
        } catch let e as APIError {
            throw e
        } catch {
            throw APIError(status: 422, message: "cannot assess \(year): \(error)", field: "/year")
        }
    }

    /// The figures as in a row of `employers.csv` (output contract: docs/contracts-internal.md), keyed by its column names.
    public static func figuresJSON(_ f: EmployerFigures, sector: Sector) -> [(String, JSONValue)] {
        [("sector", .string(sector.rawValue))] + f.contractJSON
    }

    /// The whole response: figures, percentages used, explanation and (when asked) the variation.
    public static func run(_ r: Request, parameters: EstimateParameters, defaults: Defaults?) throws(APIError) -> JSONValue {
        try answer(r, parameters: parameters, defaults: defaults).jsonValue
    }

    /// The response's parts: the figures, the two explanations and the variation.
    struct Answer {
        var head: [(String, JSONValue)]
        var levy: Explanation
        var net: Explanation
        var variation: JSONValue?

        var jsonValue: JSONValue {
            var out = head
            out.append(("explanation", .object([("levy", levy.jsonValue), ("net", net.jsonValue)])))
            if let variation { out.append(("variation", variation)) }
            return .object(out)
        }

        /// The text of `JSONBytes.render(jsonValue)`, the explanations written straight into bytes.
        func bytes(_ texts: JSONBytes.ParameterTexts?) -> [UInt8] {
            var out = JSONBytes.Buffer(capacity: 16 * 1024)
            defer { out.free() }
            out.append(UInt8(ascii: "{"))
            JSONBytes.members(head, into: &out)
            out.append(",\"explanation\":{\"levy\":")
            JSONBytes.write(levy, texts, into: &out)
            out.append(",\"net\":")
            JSONBytes.write(net, texts, into: &out)
            out.append(UInt8(ascii: "}"))
            if let variation { out.append(",\"variation\":"); JSONBytes.write(variation, into: &out) }
            out.append(UInt8(ascii: "}"))
            return out.bytes
        }
    }

    static func answer(_ r: Request, parameters: EstimateParameters, defaults: Defaults?) throws(APIError) -> Answer {
        let (quota, surcharge) = try percentages(r, parameters: parameters, defaults: defaults)
        let assessed = try assess(r.totals, year: r.year, parameters: parameters, quota: quota, surcharge: surcharge)
        let f = assessed.figures
        let (levyExplanation, netExplanation) = EmployerExplanation.build(assessed)
        var out: [(String, JSONValue)] = [
            ("year", .integer(Int64(r.year))),
            ("quota_percent", .string(quota.description)),
            ("surcharge_percent", .string(surcharge.description)),
        ]
        out.append(contentsOf: figuresJSON(f, sector: r.totals.sector))
        let variation = try r.variation.map { (v) throws(APIError) in try variationJSON(r, v, parameters: parameters, quota: quota, surcharge: surcharge) }
        return Answer(head: out, levy: levyExplanation, net: netExplanation, variation: variation)
    }

    /// The answer as a 200 response.
    static func response(_ r: Request, parameters: EstimateParameters, defaults: Defaults?, texts: JSONBytes.ParameterTexts?) throws(APIError) -> APIResponse {
        APIResponse(status: 200, contentType: "application/json", body: try answer(r, parameters: parameters, defaults: defaults).bytes(texts))
    }

    /// One point of a sweep.
    public struct Point: Sendable, Equatable {
        public var value: Int64
        public var figures: EmployerFigures
    }

    /// A cliff between two neighbouring points of a sweep.
    public struct Cliff: Sendable, Equatable {
        public enum Kind: String, Sendable { case liabilityThreshold = "liability_threshold", levyStep = "levy_step", surchargeOn = "surcharge_on", surchargeOff = "surcharge_off" }
        public var kind: Kind
        /// The last value before and the first value at or after the change.
        public var before: Int64
        public var after: Int64
    }

    public static func sweep(_ r: Request, _ v: Variation, parameters: EstimateParameters, quota: BasisPoints, surcharge: MilliPercent) throws(APIError) -> [Point] {
        var points: [Point] = []
        let span = Int128(v.to - v.from)
        for i in 0..<v.steps {
            let value = v.from + Int64(span * Int128(i) / Int128(v.steps - 1))
            points.append(Point(value: value, figures: try figures(r, v.input, at: value, parameters: parameters, quota: quota, surcharge: surcharge)))
        }
        return points
    }

    /// The figures at one value of the varied input.
    static func figures(_ r: Request, _ input: VariedInput, at value: Int64, parameters: EstimateParameters, quota: BasisPoints, surcharge: MilliPercent) throws(APIError) -> EmployerFigures {
        var t = r.totals
        switch input {
        case .hoursTotal: t.hoursTotal = CentiHours(value)
        case .hoursA: t.hoursA = CentiHours(value)
        case .hoursC: t.hoursC = CentiHours(value)
        case .premiumBase: t.premiumBase = Cents(value)
        }
        return try assess(t, year: r.year, parameters: parameters, quota: quota, surcharge: surcharge).figures
    }

    /// The exact cliffs of a sweep: between each two neighbouring samples, every change of liability, of the
    /// shortfall (each tenth of a job) and of the surcharge switching on or off, at the hundredth where it
    /// happens (`before` is the last value with the old figure, `after` the first with the new one). Found by
    /// bisection; each figure is monotone in the varied input between two neighbouring samples.
    public static func exactCliffs(_ points: [Point], _ r: Request, _ input: VariedInput, parameters: EstimateParameters,
                                   quota: BasisPoints, surcharge: MilliPercent, limit: Int = 500) throws(APIError) -> [Cliff] {
        func state(_ kind: Cliff.Kind, _ f: EmployerFigures) -> Int64 {
            switch kind {
            case .liabilityThreshold: return f.liable ? 1 : 0
            case .levyStep: return f.liable ? f.shortfallTenths : -1
            case .surchargeOn, .surchargeOff: return f.surcharge.rawValue > 0 ? 1 : 0
            }
        }
        var out: [Cliff] = []
        for (a, b) in zip(points, points.dropFirst()) {
            for kind in [Cliff.Kind.liabilityThreshold, .levyStep, .surchargeOn] {
                var lo = a.value
                var loState = state(kind, a.figures)
                let endState = state(kind, b.figures)
                while loState != endState && out.count < limit {
                    var l = lo, h = b.value
                    while h - l > 1 {
                        let mid = l + (h - l) / 2
                        if state(kind, try figures(r, input, at: mid, parameters: parameters, quota: quota, surcharge: surcharge)) != loState { h = mid } else { l = mid }
                    }
                    let newState = state(kind, try figures(r, input, at: h, parameters: parameters, quota: quota, surcharge: surcharge))
                    var k = kind
                    if kind == .surchargeOn && newState == 0 { k = .surchargeOff }
                    // A levy step only counts while liable on both sides; liability changes are their own cliff.
                    if kind != .levyStep || (loState >= 0 && newState >= 0) { out.append(Cliff(kind: k, before: l, after: h)) }
                    lo = h
                    loState = newState
                }
            }
        }
        return out.sorted { ($0.after, $0.kind.rawValue) < ($1.after, $1.kind.rawValue) }
    }

    static func variationJSON(_ r: Request, _ v: Variation, parameters: EstimateParameters, quota: BasisPoints, surcharge: MilliPercent) throws(APIError) -> JSONValue {
        let points = try sweep(r, v, parameters: parameters, quota: quota, surcharge: surcharge)
        let exact = try exactCliffs(points, r, v.input, parameters: parameters, quota: quota, surcharge: surcharge)
        let format = { (n: Int64) in FixedPoint.format(n, scale: 2) }
        return .object([
            ("input", .string(v.input.rawValue)),
            ("points", .array(points.map { p in
                .object([("value", .string(format(p.value)))] + figuresJSON(p.figures, sector: r.totals.sector).filter { pointKeys.contains($0.0) })
            })),
            ("cliffs", .array(exact.map { c in
                .object([("kind", .string(c.kind.rawValue)), ("before", .string(format(c.before))), ("after", .string(format(c.after)))])
            })),
        ])
    }

    // MARK: The route

    /// The figures each point of a `vary` sweep carries, in the order of ``EmployerFigures/Column``.
    static let pointColumns: [EmployerFigures.Column] = [.liable, .shortfallJobs, .levy, .surcharge, .lkv, .bonus, .net]
    static let pointKeys = pointColumns.map(\.rawValue)

    static let figureSchemaFields: [(String, JSONValue)] =
        [("sector", Schema.string(enumeration: Sector.allCases.map(\.rawValue)))] + EmployerFigures.Column.allCases.map { c in
            switch c.kind {
            case .flag: (c.rawValue, Schema.boolean())
            case .jobTenths: (c.rawValue, Schema.decimal(c.summary, decimals: 1))
            case .hours, .money: (c.rawValue, Schema.decimal(c.summary))
            }
        }

    static let requestSchema = Schema.object([
        ("year", Schema.integer(description: "The year, 2015–2026.", minimum: 2015, maximum: 2026)),
        ("sector", Schema.string(enumeration: Sector.allCases.map(\.rawValue))),
        ("hours_total", Schema.decimalInput("Verloonde uren in the year.")),
        ("prior_year_hours", Schema.nullable(Schema.decimalInput("Verloonde uren in the year before (optional; null means absent)."))),
        ("hours_a", Schema.decimalInput("A: own hours without lent-out and wsw lines.")),
        ("hours_c", Schema.decimalInput("C: target-group hours.")),
        ("premium_base", Schema.decimalInput("Premium base in euros (capped wages).")),
        ("target_group_hours", Schema.nullable(Schema.array(Schema.decimalInput("Hours of one target-group worker."), description: "Hours per target-group worker, for LKV and bonus.", maxItems: maxWorkers))),
        ("quota_percent", Schema.nullable(Schema.string(description: "Quotum percentage, 2 decimals; default (absent or null): published or last stored.", pattern: "^[0-9]{1,3}(\\.[0-9]{1,2})?$"))),
        ("surcharge_percent", Schema.nullable(Schema.string(description: "Surcharge rate, 3 decimals; default (absent or null): last stored.", pattern: "^[0-9]{1,3}(\\.[0-9]{1,3})?$"))),
        ("vary", Schema.nullable(Schema.object([
            ("input", Schema.string(enumeration: VariedInput.allCases.map(\.rawValue))),
            ("from", Schema.decimalInput("Start of the range.")),
            ("to", Schema.decimalInput("End of the range (not below from).")),
            ("steps", Schema.integer(description: "Number of points.", minimum: 2, maximum: Int64(maxSteps))),
        ], required: ["input", "from", "to", "steps"], description: "Vary one input over a range."))),
    ], required: ["year", "sector", "hours_total", "hours_a", "hours_c", "premium_base"])

    static let responseSchema: JSONValue = {
        let point = Schema.object([("value", Schema.decimal("The input's value"))] + figureSchemaFields.filter { pointKeys.contains($0.0) },
                                  required: ["value"] + pointKeys)
        let cliff = Schema.object([
            ("kind", Schema.string(enumeration: ["liability_threshold", "levy_step", "surcharge_on", "surcharge_off"])),
            ("before", Schema.decimal("Last value before the change")), ("after", Schema.decimal("First value after the change")),
        ], required: ["kind", "before", "after"])
        return Schema.object([
            ("year", Schema.integer()), ("quota_percent", Schema.decimal("Quotum percentage used")),
            ("surcharge_percent", Schema.decimal("Surcharge rate used", decimals: 3)),
        ] + figureSchemaFields + [
            ("explanation", Schema.object([("levy", Schema.any("Explanation of the levy")), ("net", Schema.any("Explanation of the net result"))], required: ["levy", "net"])),
            ("variation", Schema.object([("input", Schema.string(enumeration: VariedInput.allCases.map(\.rawValue))), ("points", Schema.array(point)), ("cliffs", Schema.array(cliff))], required: ["input", "points", "cliffs"])),
        ], required: ["year", "quota_percent", "surcharge_percent"] + figureSchemaFields.map(\.0) + ["explanation"])
    }()

    /// The largest body parsed and assessed without leaving the request's task.
    static let inlineBodyBytes = 16 * 1024

    static func route(_ env: ServerEnvironment, defaults: Defaults?) -> Route {
        Route(
            "POST", "/api/v1/estimate", operationId: "estimate",
            summary: "One employer's quota figures from its own totals, optionally over a range of one input.", tag: "api",
            body: RouteBody(schema: requestSchema),
            responses: [
                RouteResponse(200, "The figures, as in employers.csv, with an explanation.", schema: responseSchema),
                .error(400, "The body is not JSON."),
                .error(413, "The body is too large."),
                .error(422, "A field is missing, unknown or malformed, or no percentage is known for the year."),
            ]
        ) { request, _ in
            if JSONNesting.tooDeep(request.body) { return JSONNesting.error.response }
            let params = env.estimateParameters, texts = env.parameterTexts
            let text = request.bodyText
            // A small body without a sweep whose percentages are given or published is one short assessment: done
            // here. A sweep, a large body, or a default read from the store goes to the work queue.
            if request.body.count <= inlineBodyBytes {
                let parsed: Request
                do throws(APIError) { parsed = try parse(text) } catch { return error.response }
                if parsed.variation == nil, (try? percentages(parsed, parameters: params, defaults: nil)) != nil {
                    do throws(APIError) { return try response(parsed, parameters: params, defaults: nil, texts: texts) } catch { return error.response }
                }
                return await env.compute {
                    do throws(APIError) { return try response(parsed, parameters: params, defaults: defaults, texts: texts) } catch { return error.response }
                }
            }
            return await env.compute {
                do throws(APIError) {
                    return try response(try parse(text), parameters: params, defaults: defaults, texts: texts)
                } catch {
                    return error.response
                }
            }
        }
    }
}
