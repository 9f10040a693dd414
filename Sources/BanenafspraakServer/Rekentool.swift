import BanenafspraakAssessment
import BanenafspraakCore
import BanenafspraakPresentation

/// The rekentool at `/` (server: docs/contracts-internal.md): an employer enters its totals and sees its quotum, required hours,
/// shortfall and levy under the law of 2015, and surcharge, LKV, bonus and net result under the simplified
/// scheme, with the what-if "one more worker for N hours a week" and a curve over one input with its cliffs.
enum Rekentool {
    static let sectors = [(Sector.overheid.rawValue, "Overheid"), (Sector.markt.rawValue, "Markt")]
    static let varied = [("hours_c", "Uren van werknemers uit de doelgroep (C)"), ("hours_total", "Verloonde uren in totaal"), ("premium_base", "Premieloon")]
    /// Weeks per year for "N hours a week".
    static let weeksPerYear: Int64 = 52

    static func fields() -> [FormField] {
        [
            FormField(id: "year", label: "Jaar", hint: "2017 tot en met 2026.", defaultValue: "2024", inputMode: "numeric"),
            FormField(id: "sector", label: "Sector", kind: .select(sectors), defaultValue: Sector.overheid.rawValue, inputMode: nil),
            FormField(id: "hours_total", label: "Verloonde uren in dit jaar", hint: "Alle uren van uw loonaangifte, bijvoorbeeld 100.000 of 85.250,5.", defaultValue: "100.000"),
            FormField(id: "prior_year_hours", label: "Verloonde uren vorig jaar", hint: "Mag leeg blijven.", required: false),
            FormField(id: "hours_a", label: "Uren zonder uitlening en Wsw (A)", hint: "Meestal gelijk aan de verloonde uren.", defaultValue: "100.000"),
            FormField(id: "hours_c", label: "Uren van werknemers uit de doelgroep (C)", hint: "Inclusief ingeleende werknemers uit de doelgroep.", defaultValue: "1.326"),
            FormField(id: "premium_base", label: "Premieloon in euro", hint: "Loon tot het maximumpremieloon per maand, bijvoorbeeld 3.250.000,00.", defaultValue: "3.250.000"),
            FormField(id: "target_group_hours", label: "Uren per werknemer uit de doelgroep", hint: "Voor LKV en bonus. Zet een puntkomma tussen de werknemers, bijvoorbeeld: 1.326; 520,5", defaultValue: "1.326", required: false),
            FormField(id: "quota_percent", label: "Quotumpercentage", hint: "Leeg laten: het gepubliceerde of laatst berekende percentage (overheid 2024: 2,76).", required: false),
            FormField(id: "surcharge_percent", label: "Percentage inclusiviteitsopslag", hint: "Leeg laten: het percentage uit de laatste landelijke berekening, als die er is. Voorbeeld: 0,512.", defaultValue: "0,500", required: false),
        ]
    }

    static func whatIfFields() -> [FormField] {
        [
            FormField(id: "extra_hours_per_week", label: "Uren per week van één extra werknemer uit de doelgroep", hint: "Bijvoorbeeld 25,5. Leeg laten als u dit niet wilt proberen.", defaultValue: "25,5", required: false),
            FormField(id: "extra_hourly_wage", label: "Brutoloon per uur van die werknemer in euro", hint: "Bijvoorbeeld 14,06.", defaultValue: "14,06", required: false),
        ]
    }

    static func curveFields() -> [FormField] {
        [FormField(id: "vary", label: "Welke invoer wilt u in de grafiek variëren?", kind: .select(varied), defaultValue: "hours_c", inputMode: nil, required: false)]
    }

    static func routes(env: ServerEnvironment, renderer: PageRenderer, defaults: Estimate.Defaults?) -> [Route] {
        let all = fields() + whatIfFields() + curveFields()
        return [
            Route("GET", "/", operationId: "page_rekentool", summary: "De rekentool voor werkgevers.", tag: "pages",
                  responses: [.page(200, "The form.")]) { request, _ in
                page(form: nil, env: env, renderer: renderer, defaults: defaults)
            },
            Route("POST", "/", operationId: "page_rekentool_submit", summary: "De rekentool: uitkomst, wat-als en grafiek.", tag: "pages",
                  body: RouteBody(contentType: "application/x-www-form-urlencoded", schema: ServerRoutes.formSchema(all), required: false),
                  responses: [.page(200, "The figures, the what-if and the curve."), .page(422, "The form again, with what to correct."), .error(413, "The body is too large.")]) { request, _ in
                let form = formValues(request)
                return await env.compute { page(form: form, env: env, renderer: renderer, defaults: defaults) }
            },
        ]
    }

    /// Reads the form into an estimate request.
    static func read(_ form: [String: String], _ errors: inout FormErrors) -> Estimate.Request? {
        let yearText = (form["year"] ?? "").trimmingSpaces
        let year = Int(yearText)
        if year == nil || !(2015...2026).contains(year!) { errors.add("year", "vul een jaar in van 2015 tot en met 2026") }
        let sector = Sector(rawValue: form["sector"] ?? "")
        if sector == nil { errors.add("sector", "kies markt of overheid") }
        func hundredths(_ id: String, required: Bool = true) -> Int64? {
            guard case .string(let s)? = FormRead.decimal(form, id, &errors, required: required) else { return nil }
            return FixedPoint.parse(s, scale: 2)
        }
        let total = hundredths("hours_total"), prior = hundredths("prior_year_hours", required: false)
        let a = hundredths("hours_a"), c = hundredths("hours_c"), base = hundredths("premium_base")
        var workers: [CentiHours] = []
        for piece in (form["target_group_hours"] ?? "").split(whereSeparator: { $0 == ";" || $0 == "\n" || $0 == "\r" }) {
            let t = String(piece).trimmingSpaces
            if t.isEmpty { continue }
            guard let d = DutchNumber.parseTyped(t), let h = FixedPoint.parse(d, scale: 2) else {
                errors.add("target_group_hours", "\"\(t)\" is geen aantal uren; zet een puntkomma tussen de werknemers")
                break
            }
            workers.append(CentiHours(h))
        }
        var quota: BasisPoints?
        if !(form["quota_percent"] ?? "").trimmingSpaces.isEmpty {
            if let d = DutchNumber.parseTyped(form["quota_percent"]!), let bp = FixedPoint.parse(d, scale: 2), bp <= 10_000 { quota = BasisPoints(bp) }
            else { errors.add("quota_percent", "vul een percentage in tussen 0 en 100 met hoogstens twee decimalen, zoals 2,76") }
        }
        var surcharge: MilliPercent?
        if !(form["surcharge_percent"] ?? "").trimmingSpaces.isEmpty {
            if let d = DutchNumber.parseTyped(form["surcharge_percent"]!, decimals: 3), let m = FixedPoint.parse(d, scale: 3), m <= 100_000 { surcharge = MilliPercent(m) }
            else { errors.add("surcharge_percent", "vul een percentage in met hoogstens drie decimalen, zoals 0,512") }
        }
        guard errors.isEmpty, let year, let sector, let total, let a, let c, let base else { return nil }
        let totals = QuotaAssessment.EmployerTotals(sector: sector, hoursTotal: CentiHours(total), priorYearHours: prior.map { CentiHours($0) },
                                                    hoursA: CentiHours(a), hoursC: CentiHours(c), premiumBase: Cents(base), targetGroupHours: workers)
        return Estimate.Request(year: year, totals: totals, quotaPercent: quota, surchargePercent: surcharge, variation: nil)
    }

    /// The view model of the `rekentool` template.
    struct View {
        var fields: [FieldView]
        var whatIfFields: [FieldView]
        var curveFields: [FieldView]
        var hasErrors: Bool
        var errors: [FormErrors.Item]
        var result: ResultView?
    }

    /// The outcome: the figures and their sentences, the what-if, the curve with its cliffs, and the explanation.
    struct ResultView {
        var rows: [FigureRow]
        var sentences: [String]
        var explanation: [ExplanationView]
        var whatIf: WhatIfView?
        var chart: String
        var chartTitle: String
        var chartRows: [ChartRow]
        var hasCliffs: Bool
        var cliffCount: Int
        var cliffs: [CliffRow]
    }

    /// One point of the curve in the table under the chart.
    struct ChartRow {
        var value: String
        var liable: String
        var levy: String
        var surcharge: String
        var net: String
    }

    /// Where the curve jumps, and why.
    struct CliffRow {
        var at: String
        var what: String
    }

    /// "One more worker": the amounts before and after, and a sentence on the change.
    struct WhatIfView {
        struct Row {
            var label: String
            var before: String
            var after: String
            var change: String
        }

        var intro: String
        var rows: [Row]
        var summary: String
    }

    static func page(form: [String: String]?, env: ServerEnvironment, renderer: PageRenderer, defaults: Estimate.Defaults?) -> APIResponse {
        var errors = FormErrors()
        var result: ResultView?
        if let form, let request = read(form, &errors) {
            do throws(APIError) {
                result = resultView(try compute(request, form: form, env: env, errors: &errors, defaults: defaults))
            } catch {
                let id = error.field.map { String($0.dropFirst()) } ?? "year"
                errors.add(fields().contains { $0.id == id } ? id : "year", DutchMessages.estimate(error))
            }
        }
        let view = View(fields: fields().map { $0.view(form: form, error: errors.message(for: $0.id)) },
                        whatIfFields: whatIfFields().map { $0.view(form: form, error: errors.message(for: $0.id)) },
                        curveFields: curveFields().map { $0.view(form: form, error: errors.message(for: $0.id)) },
                        hasErrors: !errors.isEmpty, errors: errors.items(fields: fields() + whatIfFields() + curveFields()),
                        result: errors.isEmpty ? result : nil)
        return renderer.render("rekentool", title: "Rekentool quotumregeling", path: "/", page: view, status: errors.isEmpty ? 200 : 422)
    }

    static func euro(_ c: Cents) -> String { DutchNumber.euro(c) }
    static func hours(_ h: CentiHours) -> String { DutchNumber.format(units: h.rawValue, scale: 2) + " uur" }

    /// What the rekentool computed for one request: the figures and their explanation, the what-if, and the curve.
    struct Outcome {
        /// One more target-group worker: the figures before and after, the hours a week and a year, and the premium base added.
        struct WhatIf {
            var before: EmployerFigures
            var after: EmployerFigures
            var perWeek: Int64
            var yearHours: Int64
            var pay: Int64
        }

        var year: Int
        var quota: BasisPoints
        var surcharge: MilliPercent
        var figures: EmployerFigures
        var levy: Explanation
        var net: Explanation
        var threshold: CentiHours
        var whatIf: WhatIf?
        var input: Estimate.VariedInput
        var current: Int64
        var points: [Estimate.Point]
        var cliffs: [Estimate.Cliff]
    }

    /// The figures, the what-if and the curve; a bad what-if input goes into `errors`.
    static func compute(_ r: Estimate.Request, form: [String: String], env: ServerEnvironment, errors: inout FormErrors, defaults: Estimate.Defaults?) throws(APIError) -> Outcome {
        let (quota, surcharge) = try Estimate.percentages(r, parameters: env.estimateParameters, defaults: defaults)
        let result = try Estimate.assess(r.totals, year: r.year, parameters: env.estimateParameters, quota: quota, surcharge: surcharge)
        let f = result.figures
        let (levyExplanation, netExplanation) = EmployerExplanation.build(result)
        let threshold = result.parameters.threshold.hours
        // What if: one more target-group worker for N hours a week.
        var whatIf: Outcome.WhatIf?
        if let typed = form["extra_hours_per_week"], !typed.trimmingSpaces.isEmpty {
            if let d = DutchNumber.parseTyped(typed), let perWeek = FixedPoint.parse(d, scale: 2), perWeek > 0, perWeek <= 6000 {
                let wage = DutchNumber.parseTyped(form["extra_hourly_wage"] ?? "").flatMap { FixedPoint.parse($0, scale: 2) }
                if wage == nil { errors.add("extra_hourly_wage", "vul het brutoloon per uur in, zoals 14,06") }
                else {
                    let yearHours = perWeek * weeksPerYear
                    // Twelve monthly lines, each capped as the run caps a line (PremiumBase, reading R16).
                    let pay = PremiumBase.evenYear(hourlyWage: Cents(wage!), yearHours: CentiHours(yearHours),
                                                   maximumPremieloon: result.parameters.maximumPremieloon.money).base.rawValue
                    var t = r.totals
                    t.hoursTotal = CentiHours(t.hoursTotal.rawValue + yearHours)
                    t.hoursA = CentiHours(t.hoursA.rawValue + yearHours)
                    t.hoursC = CentiHours(t.hoursC.rawValue + yearHours)
                    t.premiumBase = Cents(t.premiumBase.rawValue + pay)
                    t.targetGroupHours.append(CentiHours(yearHours))
                    let after = try Estimate.assess(t, year: r.year, parameters: env.estimateParameters, quota: quota, surcharge: surcharge).figures
                    whatIf = Outcome.WhatIf(before: f, after: after, perWeek: perWeek, yearHours: yearHours, pay: pay)
                }
            } else {
                errors.add("extra_hours_per_week", "vul een aantal uren per week in groter dan 0, zoals 25,5")
            }
        }
        // The curve over one input, from 0 to twice its value, with its cliffs.
        let input = Estimate.VariedInput(rawValue: form["vary"] ?? "hours_c") ?? .hoursC
        let current: Int64
        switch input {
        case .hoursC: current = r.totals.hoursC.rawValue
        case .hoursTotal: current = r.totals.hoursTotal.rawValue
        case .hoursA: current = r.totals.hoursA.rawValue
        case .premiumBase: current = r.totals.premiumBase.rawValue
        }
        var upper = current * 2
        switch input {
        case .hoursC: upper = max(upper, f.requiredHours.rawValue * 3 / 2, 133_100)
        case .hoursTotal, .hoursA: upper = max(upper, threshold.rawValue * 2)
        case .premiumBase: upper = max(upper, 100_000_00)
        }
        let variation = Estimate.Variation(input: input, from: 0, to: upper, steps: 121)
        let points = try Estimate.sweep(r, variation, parameters: env.estimateParameters, quota: quota, surcharge: surcharge)
        let cliffs = try Estimate.exactCliffs(points, r, input, parameters: env.estimateParameters, quota: quota, surcharge: surcharge, limit: 200)
        return Outcome(year: r.year, quota: quota, surcharge: surcharge, figures: f, levy: levyExplanation, net: netExplanation, threshold: threshold,
                       whatIf: whatIf, input: input, current: current, points: points, cliffs: cliffs)
    }

    /// The outcome as the page shows it: the figures and sentences, the what-if, the curve with its table and cliffs.
    static func resultView(_ o: Outcome) -> ResultView {
        let at = { (v: Int64) in o.input == .premiumBase ? euro(Cents(v)) : hours(CentiHours(v)) }
        return ResultView(
            rows: figureRows(o.figures, quota: o.quota, surcharge: o.surcharge),
            sentences: EmployerExplanationText.summary(year: o.year, levy: o.levy, net: o.net, voice: .employer),
            explanation: [ExplanationView(o.levy), ExplanationView(o.net)],
            whatIf: o.whatIf.map(whatIfView),
            chart: chart(points: o.points, cliffs: o.cliffs, current: o.current, input: o.input),
            chartTitle: chartTitle(o.input),
            chartRows: stride(from: 0, to: o.points.count, by: 6).map { i in
                let p = o.points[i]
                return ChartRow(value: at(p.value), liable: p.figures.liable ? "ja" : "nee", levy: euro(p.figures.levy),
                                surcharge: euro(p.figures.surcharge), net: euro(p.figures.net))
            },
            hasCliffs: !o.cliffs.isEmpty, cliffCount: o.cliffs.count,
            cliffs: o.cliffs.prefix(40).map { c in
                let what: String
                switch c.kind {
                case .liabilityThreshold: what = "de quotumplicht verandert (grens \(hours(o.threshold)))"
                case .levyStep: what = "de heffing springt (een tiende baan meer of minder tekort)"
                case .surchargeOn: what = "de inclusiviteitsopslag gaat gelden"
                case .surchargeOff: what = "de inclusiviteitsopslag vervalt"
                }
                return CliffRow(at: at(c.after), what: what)
            })
    }

    static func chartTitle(_ input: Estimate.VariedInput) -> String {
        "Quotumheffing en nettoresultaat bij \(varied.first { $0.0 == input.rawValue }!.1.lowercasedFirst)"
    }

    /// The curve as inline SVG (``SVGChart``): the levy under the law of 2015 and the net result under the simplified
    /// scheme over one varied input, with the cliffs marked.
    static func chart(points: [Estimate.Point], cliffs: [Estimate.Cliff], current: Int64, input: Estimate.VariedInput) -> String {
        let marks: [SVGChart.Mark] = cliffs.map { c in
            switch c.kind {
            case .levyStep: .tick(x: c.after, color: "#01689b")
            case .liabilityThreshold: .line(x: c.after, color: "#a30000", dash: "6 4", label: "grens quotumplicht", row: 0)
            case .surchargeOn: .line(x: c.after, color: "#8a4b00", dash: "2 3", label: "opslag gaat gelden", row: 1)
            case .surchargeOff: .line(x: c.after, color: "#8a4b00", dash: "2 3", label: "opslag vervalt", row: 1)
            }
        }
        return SVGChart.steps(
            id: "grafiek", title: chartTitle(input),
            description: "Blauwe lijn: quotumheffing onder de wet van 2015. Groene lijn: nettoresultaat onder de vereenvoudigde regeling. Rode stippellijn: grens van de quotumplicht. Oranje stippellijn: de inclusiviteitsopslag gaat gelden. Streepjes onderaan: stappen van de heffing per tiende baan. Grijze lijn: uw invoer. De tabel onder de grafiek geeft dezelfde cijfers.",
            xTitle: varied.first { $0.0 == input.rawValue }!.1, xs: points.map(\.value),
            curves: [SVGChart.Curve(name: "quotumheffing", color: "#01689b", values: points.map { $0.figures.levy.rawValue }),
                     SVGChart.Curve(name: "nettoresultaat", color: "#2e6b00", dash: "8 3", values: points.map { $0.figures.net.rawValue })],
            marks: marks, current: current,
            xLabel: { input == .premiumBase ? euro(Cents($0 / 100 * 100)) : DutchNumber.format(units: $0 / 100, scale: 0) + " uur" },
            yLabel: { euro(Cents($0 / 100 * 100)) }, zeroLabel: "€ 0")
    }

    /// One row of an employer's figures: the Dutch label, the value in Dutch notation, and the column key.
    struct FigureRow {
        var label: String
        var value: String
        var key: String
    }

    static func figureRows(_ f: EmployerFigures, quota: BasisPoints, surcharge: MilliPercent) -> [FigureRow] {
        [
            FigureRow(label: "Quotumplichtig", value: f.liable ? "ja" : "nee", key: "liable"),
            FigureRow(label: "Quotumpercentage", value: DutchNumber.format(units: quota.rawValue, scale: 2) + "%", key: "quota_percent"),
            FigureRow(label: "Vereiste uren", value: hours(f.requiredHours), key: "required_hours"),
            FigureRow(label: "Tekort in banen", value: DutchNumber.format(units: f.shortfallTenths, scale: 1), key: "shortfall_jobs"),
            FigureRow(label: "Quotumheffing (wet van 2015)", value: euro(f.levy), key: "levy"),
            FigureRow(label: "Percentage inclusiviteitsopslag", value: DutchNumber.format(units: surcharge.rawValue, scale: 3) + "%", key: "surcharge_percent"),
            FigureRow(label: "Inclusiviteitsopslag", value: euro(f.surcharge), key: "surcharge"),
            FigureRow(label: "Loonkostenvoordeel (LKV)", value: euro(f.lkv), key: "lkv"),
            FigureRow(label: "Bonus", value: euro(f.bonus), key: "bonus"),
            FigureRow(label: "Nettoresultaat (vereenvoudigde regeling)", value: euro(f.net), key: "net"),
        ]
    }

    static func whatIfView(_ w: Outcome.WhatIf) -> WhatIfView {
        func row(_ label: String, _ a: Cents, _ b: Cents) -> WhatIfView.Row {
            WhatIfView.Row(label: label, before: euro(a), after: euro(b), change: euro(Cents(b.rawValue - a.rawValue)))
        }
        let (before, after, perWeek, yearHours, pay) = (w.before, w.after, w.perWeek, w.yearHours, w.pay)
        let levyChange = after.levy.rawValue - before.levy.rawValue
        let netChange = after.net.rawValue - before.net.rawValue
        return WhatIfView(
            intro: "Met één extra werknemer uit de doelgroep voor \(DutchNumber.format(units: perWeek, scale: 2)) uur per week (\(hours(CentiHours(yearHours))) per jaar, premieloon \(euro(Cents(pay)))):",
            rows: [
                row("Quotumheffing (wet van 2015)", before.levy, after.levy),
                row("Inclusiviteitsopslag", before.surcharge, after.surcharge),
                row("LKV", before.lkv, after.lkv),
                row("Bonus", before.bonus, after.bonus),
                row("Nettoresultaat", before.net, after.net),
            ],
            summary: "De quotumheffing \(levyChange < 0 ? "daalt met \(euro(Cents(-levyChange)))" : levyChange > 0 ? "stijgt met \(euro(Cents(levyChange)))" : "blijft gelijk"); het nettoresultaat onder de vereenvoudigde regeling \(netChange > 0 ? "stijgt met \(euro(Cents(netChange)))" : netChange < 0 ? "daalt met \(euro(Cents(-netChange)))" : "blijft gelijk").")
    }
}

extension DutchMessages {
    static func estimate(_ e: APIError) -> String {
        if e.field == "/quota_percent" { return "er is geen gepubliceerd of berekend quotumpercentage voor deze sector en dit jaar; vul het percentage in" }
        if e.field == "/surcharge_percent" { return "er is nog geen landelijke berekening voor dit jaar; vul het percentage van de inclusiviteitsopslag in" }
        return "deze invoer kan niet worden berekend (\(e.message))"
    }
}
