import BanenafspraakCalculators
import BanenafspraakCore
import BanenafspraakPresentation

/// A page for one person-level calculator (server: docs/contracts-internal.md): a form that posts, the same calculator as `calc`,
/// and the result with its explanation in Dutch.
struct CalculatorPage: Sendable {
    var path: String
    var title: String
    var intro: String
    var legend: String
    var fields: @Sendable () -> [FormField]
    /// Builds the calculator case from the typed form, or records what is wrong.
    var buildCase: @Sendable (_ form: [String: String], _ errors: inout FormErrors) -> JSONValue?
    /// Which form field a calculator error about `field` (dotted path) points at.
    var fieldFor: @Sendable (_ casePath: String) -> String

    /// The view model of the `calculator` template.
    struct View {
        struct Result {
            var rows: [ResultLabels.Row]
            var explanation: [ExplanationView]
            /// Why the scheme did not apply on the date, when it did not.
            var notInForce: String?
        }

        var intro: String
        var legend: String
        var action: String
        var fields: [FieldView]
        var hasErrors: Bool
        var errors: [FormErrors.Item]
        var result: Result?
    }

    /// The page's view: the form as typed (or the defaults, `form == nil`), its errors, and the outcome when there is one.
    func view(form: [String: String]?, errors: FormErrors, outcome: CalculatorOutcome?) -> View {
        let fields = self.fields()
        var result: View.Result?
        if let o = outcome {
            var notInForce: String?
            if let inForce = o.result.first(where: { $0.0 == "in_force" }), inForce.1 == .bool(false) {
                notInForce = "niet van kracht"
                if case .string(let r)? = o.result.first(where: { $0.0 == "reason" })?.1 { notInForce = r }
            }
            result = View.Result(rows: o.result.map(ResultLabels.row), explanation: [ExplanationView(o.explanation)], notInForce: notInForce)
        }
        return View(intro: intro, legend: legend, action: path, fields: fields.map { $0.view(form: form, error: errors.message(for: $0.id)) },
                    hasErrors: !errors.isEmpty, errors: errors.items(fields: fields), result: result)
    }

    func handle(_ request: APIRequest, env: ServerEnvironment, renderer: PageRenderer) async -> APIResponse {
        guard request.method == "POST" else {
            return renderer.render("calculator", title: title, path: path, page: view(form: nil, errors: FormErrors(), outcome: nil))
        }
        let form = formValues(request)
        var errors = FormErrors()
        var outcome: CalculatorOutcome?
        if let json = buildCase(form, &errors), errors.isEmpty {
            let params = env.parameters
            let text = json.rendered(pretty: false)
            let computed: Result<(CalculatorName, CalculatorOutcome), CaseError> = await env.compute {
                do throws(CaseError) {
                    return .success(try Calculators.outcome(case: try CaseValue.parse(text), parameters: params))
                } catch {
                    return .failure(error)
                }
            }
            switch computed {
            case .success(let o): outcome = o.1
            case .failure(let e): errors.add(fieldFor(e.field), DutchMessages.caseError(e))
            }
        }
        return renderer.render("calculator", title: title, path: path, page: view(form: form, errors: errors, outcome: outcome),
                               status: errors.isEmpty ? 200 : 422)
    }
}

/// Dutch labels and formats for the calculators' result fields.
enum ResultLabels {
    enum Kind { case euro, hours, percent, plain, yesNo, date }
    static let labels: [String: (String, Kind)] = [
        "eligible": ("Recht", .yesNo), "eligible_hours": ("Uren die meetellen", .hours), "amount": ("Bedrag", .euro),
        "hourly_rate": ("Bedrag per uur", .euro), "annual_max": ("Maximum per jaar", .euro), "period_end": ("Einde van de looptijd", .date),
        "months_counted": ("Maanden die meetellen", .plain), "in_force": ("Van kracht", .yesNo),
        "monthly_amount": ("Loonkostensubsidie per maand", .euro), "wml_plus_vb": ("Minimumloon plus vakantiebijslag", .euro),
        "cap": ("Maximum", .euro), "employer_costs_allowance": ("Vergoeding werkgeverslasten", .euro),
        "subsidy_before_allowance": ("Subsidie vóór werkgeverslasten", .euro), "wage_gap": ("Verschil loon en loonwaarde", .euro),
        "forfaitair_expired": ("Forfaitaire periode voorbij", .yesNo), "fulltime_hours_per_week": ("Voltijdse uren per week", .hours),
        "covered": ("Gedekt door de no-riskpolis", .yesNo), "cover_until": ("Dekking tot en met", .date),
        "week_of_illness": ("Ziekteweek", .plain), "percentage": ("Percentage ziekengeld", .percent),
        "daily_ziekengeld": ("Ziekengeld per dag", .euro), "daily_amount": ("Uitkering per dag", .euro), "total": ("Totaal", .euro),
        "lks_factor_percent": ("Verrekening loonkostensubsidie", .percent), "exempt_amount": ("Vrijgelaten bedrag per maand", .euro),
        "months_left": ("Resterende maanden", .plain), "reason": ("Reden", .plain), "type": ("Soort", .plain),
    ]

    /// One result row: the field's key, its Dutch label, the value in Dutch notation, and `num` or `txt` for alignment.
    struct Row {
        var key: String
        var label: String
        var value: String
        var cls: String
    }

    static func row(_ pair: (String, JSONValue)) -> Row {
        let (key, value) = pair
        let (label, kind) = labels[key] ?? (key.replacingAll("_", with: " "), .plain)
        let shown: String
        switch (value, kind) {
        case (.bool(let b), _): shown = b ? "ja" : "nee"
        case (.null, _): shown = kind == .date ? "onbeperkt" : "–"
        case (.string(let s), .euro): shown = DutchNumber.euro(decimal: s)
        case (.string(let s), .hours): shown = DutchNumber.format(s) + " uur"
        case (.string(let s), .percent): shown = DutchNumber.format(s) + "%"
        case (.string(let s), _): shown = s
        case (.integer(let i), _): shown = String(i)
        case (.array(let items), _): shown = items.map { if case .string(let s) = $0 { return s } else { return $0.rendered(pretty: false) } }.joined(separator: ", ")
        default: shown = value.rendered(pretty: false)
        }
        return Row(key: key, label: label, value: shown, cls: kind == .plain ? "txt" : "num")
    }
}

/// Error messages for a person, in Dutch.
enum DutchMessages {
    static func caseError(_ e: CaseError) -> String {
        // The calculators speak English to programs; the pages add a Dutch lead and keep the precise detail.
        "deze waarde kan niet worden gebruikt (\(e.message))"
    }
}

/// Reading typed values into case fields.
enum FormRead {
    static func decimal(_ form: [String: String], _ id: String, _ errors: inout FormErrors, required: Bool = true) -> JSONValue? {
        let typed = form[id] ?? ""
        if typed.trimmingSpaces.isEmpty {
            if required { errors.add(id, "vul een getal in") }
            return nil
        }
        guard let d = DutchNumber.parseTyped(typed) else {
            errors.add(id, "vul een getal in met hoogstens twee cijfers achter de komma, zoals 36 of 12,50")
            return nil
        }
        return .string(d)
    }

    static func whole(_ form: [String: String], _ id: String, _ errors: inout FormErrors, max: Int64) -> JSONValue? {
        let typed = (form[id] ?? "").trimmingSpaces
        guard let n = Int64(typed), n >= 0, n <= max else {
            errors.add(id, "vul een heel getal in van 0 tot en met \(max)")
            return nil
        }
        return .integer(n)
    }

    static func date(_ form: [String: String], _ id: String, _ errors: inout FormErrors) -> JSONValue? {
        let typed = (form[id] ?? "").trimmingSpaces
        if let d = LocalDate(typed) { return .string(d.description) }
        // Also accept the Dutch order dd-mm-jjjj.
        let parts = typed.split(separator: "-")
        if parts.count == 3, parts[2].count == 4, let d = LocalDate("\(parts[2])-\(parts[1].count == 1 ? "0" : "")\(parts[1])-\(parts[0].count == 1 ? "0" : "")\(parts[0])") {
            return .string(d.description)
        }
        errors.add(id, "vul een datum in als jjjj-mm-dd of dd-mm-jjjj")
        return nil
    }

    static func choice(_ form: [String: String], _ id: String, _ options: [(String, String)], _ errors: inout FormErrors) -> JSONValue? {
        let v = form[id] ?? ""
        guard options.contains(where: { $0.0 == v }) else { errors.add(id, "kies een van de mogelijkheden"); return nil }
        return .string(v)
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}

/// The four calculator pages.
enum CalculatorPages {
    static let peildatum = FormField(id: "date", label: "Peildatum", hint: "Op welke dag geldt de berekening? Schrijf jjjj-mm-dd of dd-mm-jjjj, tussen 2015 en 2026.", defaultValue: "2024-07-01", inputMode: nil)

    static func caseJSON(_ calculator: String, _ date: JSONValue?, _ input: [(String, JSONValue?)]) -> JSONValue? {
        guard let date else { return nil }
        var fields: [(String, JSONValue)] = []
        for (k, v) in input { guard let v else { return nil }; fields.append((k, v)) }
        return .object([("calculator", .string(calculator)), ("date", date), ("input", .object(fields))])
    }

    static func lastKey(_ path: String) -> String { String(path.split(separator: ".").last ?? "") }

    static let lkvTypes = [("banenafspraak", "Doelgroep banenafspraak"), ("arbeidsgehandicapt", "Arbeidsgehandicapte werknemer"), ("oudere", "Oudere werknemer"), ("herplaatsen", "Herplaatsen arbeidsgehandicapte werknemer")]

    static let lkv = CalculatorPage(
        path: "/lkv", title: "Loonkostenvoordeel (LKV)",
        intro: "Bereken het loonkostenvoordeel voor één werknemer in één kalenderjaar (Wet tegemoetkomingen loondomein, art. 2.13). Vul de verloonde uren per maand in; maanden buiten de looptijd tellen niet mee.",
        legend: "Gegevens van de werknemer",
        fields: {
            [
                FormField(id: "date", label: "Peildatum", hint: "Schrijf jjjj-mm-dd of dd-mm-jjjj, tussen 2018 en 2026.", defaultValue: "2024-12-31", inputMode: nil),
                FormField(id: "type", label: "Soort LKV", kind: .select(lkvTypes), defaultValue: "banenafspraak", inputMode: nil),
                FormField(id: "employment_start", label: "Datum in dienst", hint: "jjjj-mm-dd of dd-mm-jjjj", defaultValue: "2024-01-01", inputMode: nil),
                FormField(id: "hours", label: "Verloonde uren per maand", hint: "Bijvoorbeeld 104 of 86,5. Elke maand van de eerste tot en met de laatste maand hieronder krijgt dit aantal uren.", defaultValue: "104"),
                FormField(id: "first_month", label: "Eerste maand (1–12)", defaultValue: "1", inputMode: "numeric"),
                FormField(id: "last_month", label: "Laatste maand (1–12)", defaultValue: "12", inputMode: "numeric"),
            ]
        },
        buildCase: { form, errors in
            let date = FormRead.date(form, "date", &errors)
            let type = FormRead.choice(form, "type", lkvTypes, &errors)
            let start = FormRead.date(form, "employment_start", &errors)
            let hours = FormRead.decimal(form, "hours", &errors)
            let first = FormRead.whole(form, "first_month", &errors, max: 12)
            let last = FormRead.whole(form, "last_month", &errors, max: 12)
            guard case .string(let d)? = date, case .integer(let f)? = first, case .integer(let l)? = last, let hours else { return nil }
            guard f >= 1, f <= l else { errors.add("first_month", "de eerste maand ligt tussen 1 en de laatste maand"); return nil }
            let year = d.prefix(4)
            let months: [(String, JSONValue)] = (f...l).map { m in ("\(year)-\(m < 10 ? "0" : "")\(m)", hours) }
            return caseJSON("lkv", date, [("type", type), ("employment_start", start), ("hours_by_month", .object(months))])
        },
        fieldFor: { path in
            if path.hasPrefix("input.hours_by_month") { return "hours" }
            let k = lastKey(path)
            return ["date", "type", "employment_start"].contains(k) ? k : "date"
        }
    )

    static let lks = CalculatorPage(
        path: "/loonkostensubsidie", title: "Loonkostensubsidie",
        intro: "Bereken de loonkostensubsidie per maand uit de loonwaarde (Participatiewet art. 10d), of de forfaitaire loonkostensubsidie voor de eerste zes maanden.",
        legend: "Gegevens van de dienstbetrekking",
        fields: {
            [
                peildatum,
                FormField(id: "loonwaarde_percent", label: "Loonwaarde in procenten", hint: "Bijvoorbeeld 55 of 62,5.", defaultValue: "50"),
                FormField(id: "contract_hours_per_week", label: "Contracturen per week", defaultValue: "24"),
                FormField(id: "fulltime_hours_per_week", label: "Voltijdse uren per week bij de werkgever", hint: "Vanaf 2026 rekent de wet met 36 uur; laat dan leeg.", defaultValue: "38", required: false),
                FormField(id: "months_since_start", label: "Maanden sinds de start", defaultValue: "3", inputMode: "numeric"),
                FormField(id: "forfaitair", label: "Forfaitaire loonkostensubsidie (50%, ten hoogste 6 maanden)", kind: .checkbox, inputMode: nil, required: false),
            ]
        },
        buildCase: { form, errors in
            let date = FormRead.date(form, "date", &errors)
            let lw = FormRead.decimal(form, "loonwaarde_percent", &errors)
            let contract = FormRead.decimal(form, "contract_hours_per_week", &errors)
            let fulltime = FormRead.decimal(form, "fulltime_hours_per_week", &errors, required: false)
            let months = FormRead.whole(form, "months_since_start", &errors, max: 1200)
            var input: [(String, JSONValue?)] = [("loonwaarde_percent", lw), ("contract_hours_per_week", contract)]
            if let fulltime { input.append(("fulltime_hours_per_week", fulltime)) }
            input.append(("forfaitair", .bool(form["forfaitair"] == "ja")))
            input.append(("months_since_start", months))
            return caseJSON("lks", date, input)
        },
        fieldFor: { path in
            let k = lastKey(path)
            return ["date", "loonwaarde_percent", "contract_hours_per_week", "fulltime_hours_per_week", "months_since_start"].contains(k) ? k : "date"
        }
    )

    static let noRiskGroups = [("banenafspraak", "Doelgroep banenafspraak"), ("beschut", "Beschut werk"), ("wajong", "Wajong"), ("wia", "WIA of WAO")]

    static let noRisk = CalculatorPage(
        path: "/no-riskpolis", title: "No-riskpolis",
        intro: "Is uw werknemer gedekt door de no-riskpolis, en hoeveel ziekengeld krijgt u? (Ziektewet art. 29b, 29d en 29e.)",
        legend: "Gegevens van de werknemer en de ziekte",
        fields: {
            [
                peildatum,
                FormField(id: "group", label: "Groep", kind: .select(noRiskGroups), defaultValue: "banenafspraak", inputMode: nil),
                FormField(id: "employment_start", label: "Datum in dienst", hint: "jjjj-mm-dd of dd-mm-jjjj", defaultValue: "2023-01-01", inputMode: nil),
                FormField(id: "first_sick_day", label: "Eerste ziektedag", hint: "jjjj-mm-dd of dd-mm-jjjj; niet na de peildatum.", defaultValue: "2024-06-03", inputMode: nil),
                FormField(id: "dagloon", label: "Dagloon in euro", hint: "Bijvoorbeeld 95,40.", defaultValue: "95,40"),
                FormField(id: "days", label: "Aantal ziektedagen", defaultValue: "1", inputMode: "numeric"),
                FormField(id: "loonwaarde_percent", label: "Loonwaarde bij loonkostensubsidie (procent)", hint: "Alleen invullen als u loonkostensubsidie krijgt.", required: false),
            ]
        },
        buildCase: { form, errors in
            let date = FormRead.date(form, "date", &errors)
            let group = FormRead.choice(form, "group", noRiskGroups, &errors)
            let start = FormRead.date(form, "employment_start", &errors)
            let sick = FormRead.date(form, "first_sick_day", &errors)
            let dagloon = FormRead.decimal(form, "dagloon", &errors)
            let days = FormRead.whole(form, "days", &errors, max: 366)
            let lw = FormRead.decimal(form, "loonwaarde_percent", &errors, required: false)
            var input: [(String, JSONValue?)] = [("group", group), ("employment_start", start), ("first_sick_day", sick), ("dagloon", dagloon), ("days", days)]
            if let lw { input.append(("lks", .object([("loonwaarde_percent", lw)]))) }
            return caseJSON("noriskpolis", date, input)
        },
        fieldFor: { path in
            let k = lastKey(path)
            return ["date", "group", "employment_start", "first_sick_day", "dagloon", "days", "loonwaarde_percent"].contains(k) ? k : "date"
        }
    )

    static let vrijlatingCategories = [
        ("n", "n: vrijlating van inkomsten uit arbeid (25%, 6 maanden)"), ("r", "r: alleenstaande ouder (12,5%)"),
        ("y", "y: medisch urenbeperkt (15%)"), ("z", "z: werk met loonkostensubsidie (15%, vanaf 2023)"), ("aa", "aa: als z"),
    ]

    static let vrijlating = CalculatorPage(
        path: "/vrijlating", title: "Vrijlating van inkomsten",
        intro: "Welk deel van het inkomen uit werk blijft buiten de bijstand? (Participatiewet art. 31 lid 2, onderdelen n, r, y, z en aa.)",
        legend: "Gegevens van de bijstandsgerechtigde",
        fields: {
            [
                FormField(id: "date", label: "Peildatum", hint: "Op welke dag geldt de berekening? Schrijf jjjj-mm-dd of dd-mm-jjjj.", defaultValue: "2026-01-01", inputMode: nil),
                FormField(id: "category", label: "Soort vrijlating", kind: .select(vrijlatingCategories), defaultValue: "n", inputMode: nil),
                FormField(id: "age", label: "Leeftijd", defaultValue: "30", inputMode: "numeric"),
                FormField(id: "monthly_income", label: "Inkomen uit arbeid per maand in euro", hint: "Bijvoorbeeld 800 of 812,50.", defaultValue: "800"),
                FormField(id: "months_used", label: "Maanden van deze vrijlating al gebruikt", defaultValue: "0", inputMode: "numeric"),
            ]
        },
        buildCase: { form, errors in
            let date = FormRead.date(form, "date", &errors)
            let cat = FormRead.choice(form, "category", vrijlatingCategories, &errors)
            let age = FormRead.whole(form, "age", &errors, max: 150)
            let income = FormRead.decimal(form, "monthly_income", &errors)
            let used = FormRead.whole(form, "months_used", &errors, max: 1200)
            return caseJSON("vrijlating", date, [("category", cat), ("age", age), ("monthly_income", income), ("months_used", used)])
        },
        fieldFor: { path in
            let k = lastKey(path)
            return ["date", "category", "age", "monthly_income", "months_used"].contains(k) ? k : "date"
        }
    )

    static let all: [CalculatorPage] = [lkv, lks, noRisk, vrijlating]
}
