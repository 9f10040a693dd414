import BanenafspraakAssessment
import BanenafspraakCalculators
import BanenafspraakCore
import BanenafspraakPresentation

/// The page `/aanname` (spec section 15): the questions that rule instruments out first, then the job, then what is
/// only needed for the loonkostensubsidie or the employer's own figures; the answer of ``Hire`` as a table per year,
/// a bar chart (``SVGChart``) and the deadlines. One form that posts; no script.
enum HirePage {
    static let path = "/aanname"
    static let title = "Eén aanname, alle regelingen"

    static let yesNo = [("ja", "Ja"), ("nee", "Nee")]
    static let grounds: [(String, String)] = [("", "Weet ik niet of wil ik niet zeggen")] + [
        ("pwet_wml", "Participatiewet: kan niet het minimumloon verdienen (beoordeeld door UWV)"),
        ("praktijkroute", "Participatiewet: loonwaarde vastgesteld door de gemeente (Praktijkroute)"),
        ("pwet_own_request", "Participatiewet: beoordeeld door UWV op eigen verzoek"),
        ("wajong", "Wajong"), ("wsw", "Wsw-indicatie"), ("former_wsw_wajong", "Eerder Wsw of Wajong"),
        ("vso_pro", "Leerling of oud-leerling vso of pro"), ("art38b2", "Ziek of beperkt voor het 18e jaar of tijdens de studie"),
        ("wiw_id", "Wiw- of ID-baan"), ("besluit_other", "Andere indicatie"), ("iva_experiment", "Experiment"),
        ("wajong_no_capacity", "Wajong zonder arbeidsvermogen (telt vanaf 2026)"),
        ("wia_wml", "WIA, niet het minimumloon (alleen een voorstel)"), ("ww_comparable", "WW met vergelijkbare kenmerken (alleen een voorstel)"),
    ]

    static func personFields() -> [FormField] {
        [
            FormField(id: "register", label: "Staat de werknemer in het doelgroepregister?", hint: "Het doelgroepregister van UWV voor de banenafspraak. Bepaalt het LKV doelgroep banenafspraak en de no-riskpolis.", kind: .select(yesNo), defaultValue: "ja", inputMode: nil),
            FormField(id: "ground", label: "Waarom staat de werknemer in het register?", hint: "Alleen als de werknemer in het register staat.", kind: .select(grounds), defaultValue: "", inputMode: nil, required: false),
            FormField(id: "birth_date", label: "Geboortedatum", hint: "Of vul hieronder de leeftijd in. Nodig voor het LKV oudere werknemer (56 jaar of ouder bij de start) en de AOW-leeftijd. Schrijf jjjj-mm-dd of dd-mm-jjjj.", inputMode: nil, required: false),
            FormField(id: "age", label: "Leeftijd bij de start, in jaren", hint: "Alleen als u de geboortedatum niet invult.", inputMode: "numeric", required: false),
            FormField(id: "bijstand", label: "Bijstand in de maand voor de start", kind: .checkbox, inputMode: nil, required: false),
            FormField(id: "ww", label: "WW-uitkering in de maand voor de start", kind: .checkbox, inputMode: nil, required: false),
            FormField(id: "wia", label: "WIA-uitkering", kind: .checkbox, inputMode: nil, required: false),
            FormField(id: "wajong", label: "Wajong-uitkering", kind: .checkbox, inputMode: nil, required: false),
            FormField(id: "herplaatsing", label: "Herplaatsing: de werknemer werkte al bij u en hervat na ziekte, eigen of ander werk", hint: "De startdatum is dan de dag van de hervatting.", kind: .checkbox, inputMode: nil, required: false),
        ]
    }

    static func jobFields() -> [FormField] {
        [
            FormField(id: "start_date", label: "Eerste werkdag", hint: "jjjj-mm-dd of dd-mm-jjjj, in 2015 tot en met 2026.", defaultValue: "2025-03-01", inputMode: nil),
            FormField(id: "hours_per_week", label: "Uren per week", hint: "Bijvoorbeeld 24 of 25,5.", defaultValue: "24"),
            FormField(id: "hourly_wage", label: "Loon per uur in euro, met vakantiebijslag", hint: "Bijvoorbeeld 15,20.", defaultValue: "15,20"),
        ]
    }

    static func lksFields() -> [FormField] {
        [
            FormField(id: "loonwaarde_percent", label: "Loonwaarde in procenten", hint: "Alleen als de gemeente loonkostensubsidie betaalt. Bijvoorbeeld 50.", required: false),
            FormField(id: "lks_forfaitair", label: "De eerste zes maanden forfaitaire loonkostensubsidie", hint: "Alleen als de gemeente de loonwaarde pas later vaststelt.", kind: .checkbox, inputMode: nil, required: false),
            FormField(id: "fulltime_hours_per_week", label: "Voltijdse week bij u, in uren", hint: "Alleen voor de loonkostensubsidie; leeg laten is 36 uur.", required: false),
        ]
    }

    static func employerFields() -> [FormField] {
        [
            FormField(id: "employer_year", label: "Jaar van uw cijfers", hint: "Alleen als u het effect op uw eigen heffing en opslag wilt zien; een jaar van de aanname.", inputMode: "numeric", required: false),
            FormField(id: "sector", label: "Sector", kind: .select(Rekentool.sectors), defaultValue: Sector.markt.rawValue, inputMode: nil, required: false),
            FormField(id: "hours_total", label: "Verloonde uren in dat jaar", required: false),
            FormField(id: "hours_a", label: "Uren zonder uitlening en Wsw (A)", required: false),
            FormField(id: "hours_c", label: "Uren van werknemers uit de doelgroep (C)", required: false),
            FormField(id: "premium_base", label: "Premieloon in euro", required: false),
            FormField(id: "quota_percent", label: "Quotumpercentage", hint: "Leeg laten: het gepubliceerde percentage, als dat er is.", required: false),
            FormField(id: "surcharge_percent", label: "Percentage inclusiviteitsopslag", hint: "Bijvoorbeeld 0,500.", required: false),
        ]
    }

    static var allFields: [FormField] { personFields() + jobFields() + lksFields() + employerFields() }

    /// The case of spec section 15 from the typed form, or the errors.
    static func buildCase(_ form: [String: String], _ errors: inout FormErrors) -> JSONValue? {
        func filled(_ id: String) -> Bool { !(form[id] ?? "").trimmingSpaces.isEmpty }
        func yes(_ id: String) -> Bool { form[id] == "ja" }
        var situation: [(String, JSONValue)] = []
        let register = FormRead.choice(form, "register", yesNo, &errors)
        situation.append(("register", .bool(register == .string("ja"))))
        if filled("ground") && register == .string("ja"), let g = FormRead.choice(form, "ground", grounds, &errors) { situation.append(("ground", g)) }
        if filled("birth_date"), let b = FormRead.date(form, "birth_date", &errors) { situation.append(("birth_date", b)) }
        if filled("age"), let a = FormRead.whole(form, "age", &errors, max: 120) { situation.append(("age", a)) }
        for id in ["bijstand", "ww", "wia", "wajong", "herplaatsing"] where yes(id) { situation.append((id, .bool(true))) }
        if filled("loonwaarde_percent"), let l = FormRead.decimal(form, "loonwaarde_percent", &errors) {
            situation.append(("loonwaarde_percent", l))
            if yes("lks_forfaitair") { situation.append(("lks_forfaitair", .bool(true))) }
        }
        let start = FormRead.date(form, "start_date", &errors)
        let hours = FormRead.decimal(form, "hours_per_week", &errors)
        let wage = FormRead.decimal(form, "hourly_wage", &errors)
        var input: [(String, JSONValue)] = []
        if let hours { input.append(("hours_per_week", hours)) }
        if let wage { input.append(("hourly_wage", wage)) }
        if filled("fulltime_hours_per_week"), let f = FormRead.decimal(form, "fulltime_hours_per_week", &errors) { input.append(("fulltime_hours_per_week", f)) }
        input.append(("situation", .object(situation)))
        if filled("employer_year") {
            var employer: [(String, JSONValue)] = []
            if let y = FormRead.whole(form, "employer_year", &errors, max: 9999) { employer.append(("year", y)) }
            if let s = FormRead.choice(form, "sector", Rekentool.sectors, &errors) { employer.append(("sector", s)) }
            for id in ["hours_total", "hours_a", "hours_c", "premium_base"] {
                if let v = FormRead.decimal(form, id, &errors) { employer.append((id, v)) }
            }
            for (id, decimals) in [("quota_percent", 2), ("surcharge_percent", 3)] where filled(id) {
                if let d = DutchNumber.parseTyped(form[id]!, decimals: decimals) { employer.append((id, .string(d))) }
                else { errors.add(id, "vul een percentage in met hoogstens \(decimals == 2 ? "twee" : "drie") decimalen, zoals \(decimals == 2 ? "2,07" : "0,500")") }
            }
            input.append(("employer", .object(employer)))
        }
        guard let start, errors.isEmpty else { return nil }
        return .object([("start_date", start), ("input", .object(input))])
    }

    /// Which form field an error on `casePath` points at.
    static func fieldFor(_ casePath: String) -> String {
        let parts = casePath.split(separator: ".").map(String.init)
        guard let last = parts.last else { return "start_date" }
        if parts.contains("employer") { return last == "year" ? "employer_year" : (allFields.contains { $0.id == last } ? last : "employer_year") }
        return allFields.contains { $0.id == last } ? last : "start_date"
    }

    /// The page's view of the outcome, for the template.
    struct ResultView {
        var heading: String
        var years: [HireSummary.Year]
        var deadlines: [HireSummary.Deadline]
        var horizon: String?
        var chart: String
        var hasEffect: Bool
        var effectYear: String
    }

    static func resultView(_ outcome: Hire.Outcome) -> ResultView {
        let s = HireSummary(outcome)
        let chart = SVGChart.bars(
            title: "Wat u per jaar ontvangt: loonkostenvoordeel en LIV, en loonkostensubsidie", categories: s.chartYears,
            series: [SVGChart.Series(name: "LKV en LIV", color: "#01689b", values: s.chartLKV),
                     SVGChart.Series(name: "loonkostensubsidie", color: "#2e6b00", values: s.chartLKS)],
            label: { DutchNumber.euro(Cents($0)) })
        let effectYear = s.years.first { $0.hasEffect }?.year ?? ""
        return ResultView(heading: s.heading, years: s.years, deadlines: s.deadlines, horizon: s.horizon, chart: chart,
                          hasEffect: !effectYear.isEmpty, effectYear: effectYear)
    }

    /// The view model of the `aanname` template.
    struct View {
        /// One fieldset of the form.
        struct Group {
            var legend: String
            /// Shown under the legend. Not `hint`: a field without a hint would find the group's in the template.
            var note: String?
            var fields: [FieldView]
        }

        var groups: [Group]
        var hasErrors: Bool
        var errors: [FormErrors.Item]
        var result: ResultView?
    }

    static func view(form: [String: String]?, errors: FormErrors, result: ResultView?) -> View {
        func group(_ legend: String, _ hint: String?, _ fields: [FormField]) -> View.Group {
            View.Group(legend: legend, note: hint, fields: fields.map { $0.view(form: form, error: errors.message(for: $0.id)) })
        }
        return View(groups: [
            group("Wie neemt u aan?", "Deze vragen bepalen welke regelingen kunnen gelden.", personFields()),
            group("De baan", nil, jobFields()),
            group("Alleen als de gemeente loonkostensubsidie betaalt", nil, lksFields()),
            group("Alleen als u het effect op uw eigen heffing en opslag wilt zien", "Uw totalen van één jaar, zoals in de rekentool. Laat het jaar leeg om dit over te slaan.", employerFields()),
        ], hasErrors: !errors.isEmpty, errors: errors.items(fields: allFields), result: result)
    }

    static func page(form: [String: String]?, env: ServerEnvironment, renderer: PageRenderer) -> APIResponse {
        var errors = FormErrors()
        var result: ResultView?
        if let form, let json = buildCase(form, &errors) {
            do throws(CaseError) {
                result = resultView(try Hire.compute(try CaseValue.parse(json.rendered(pretty: false)), parameters: env.estimateParameters))
            } catch {
                errors.add(fieldFor(error.field), DutchMessages.caseError(error))
            }
        }
        return renderer.render("aanname", title: title, path: path, page: view(form: form, errors: errors, result: result),
                               status: errors.isEmpty ? 200 : 422)
    }

    static func routes(env: ServerEnvironment, renderer: PageRenderer) -> [Route] {
        [
            Route("GET", path, operationId: "page_aanname", summary: "\(title): het formulier.", tag: "pages",
                  responses: [.page(200, "The form.")]) { _, _ in
                page(form: nil, env: env, renderer: renderer)
            },
            Route("POST", path, operationId: "page_aanname_submit", summary: "\(title): de uitkomst per jaar.", tag: "pages",
                  body: RouteBody(contentType: "application/x-www-form-urlencoded", schema: ServerRoutes.formSchema(allFields), required: false),
                  responses: [.page(200, "The years, the chart and the deadlines."), .page(422, "The form again, with what to correct."), .error(413, "The body is too large.")]) { request, _ in
                let form = formValues(request)
                return await env.compute { page(form: form, env: env, renderer: renderer) }
            },
        ]
    }
}
