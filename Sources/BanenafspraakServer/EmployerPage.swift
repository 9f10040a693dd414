import BanenafspraakAssessment
import BanenafspraakCore
import BanenafspraakPresentation
import BanenafspraakStore

/// `/werkgever`: a signed-in employer's own stored figures and their explanation (server: docs/contracts-internal.md), for the run chosen
/// (`?run=`) or the latest run that holds the employer.
enum EmployerPage {
    static func routes(renderer: PageRenderer, access: StoreAccess?) -> [Route] {
        [
            Route("GET", "/werkgever", operationId: "page_employer", summary: "De eigen cijfers van een ingelogde werkgever.", tag: "pages",
                  parameters: [RouteParameter("run", in: .query, required: false, description: "The run id; default the latest run with this employer.", schema: Schema.string())],
                  responses: [.page(200, "The employer's figures and explanation."), .page(503, "The results store cannot be reached just now."),
                              RouteResponse(303, "Not signed in: on to /inloggen.", contentType: "text/plain; charset=utf-8", schema: Schema.string())]) { request, _ in
                guard let access, let session = Sessions.id(request) else { return .redirect(to: "/inloggen") }
                let principal: Principal?
                do { principal = try await access.principal(session: session) } catch { return SignIn.unavailablePage(renderer: renderer, request: request) }
                guard case .employer(let id)? = principal else { return .redirect(to: "/inloggen") }
                let wanted = request.query("run").flatMap { RunID($0) }
                let csrf = CSRF.value(for: request)
                var r = await access.env.compute { page(renderer: renderer, store: access.store, employer: id, wanted: wanted, csrf: csrf.value) }
                if let cookie = csrf.setCookie { r.headers.append(("Set-Cookie", cookie)) }
                return r
            },
            Route("POST", "/uitloggen", operationId: "page_sign_out", summary: "Uitloggen.", tag: "pages",
                  body: RouteBody(contentType: "application/x-www-form-urlencoded", schema: ServerRoutes.formSchema([SignIn.csrfField]), required: false),
                  responses: [RouteResponse(303, "Signed out: on to /.", contentType: "text/plain; charset=utf-8", schema: Schema.string()),
                              .page(403, "The sign-in form: the CSRF value is missing or wrong, or the form came from another site; still signed in.")]) { request, _ in
                guard CSRF.passes(request, form: formValues(request)) else {
                    var r = SignIn.page(renderer: renderer, request: request, error: CSRF.refusedMessage)
                    r.status = 403
                    return r
                }
                if let access, let session = Sessions.id(request) { await access.closeSession(session) }
                var r = APIResponse.redirect(to: "/")
                r.headers.append(("Set-Cookie", Sessions.clearingCookie(secure: request.secure)))
                return r
            },
        ]
    }

    static func page(renderer: PageRenderer, store: any ResultsStore, employer id: String, wanted: RunID?, csrf: String) -> APIResponse {
        var context: [String: Any] = ["employerId": id, "csrf": csrf]
        do {
            let runs = try store.runs()
            var withEmployer: [(RunSummary, StoredEmployer)] = []
            for r in runs { if let e = try store.employer(run: r.id, id: id) { withEmployer.append((r, e)) } }
            let decisions = DecisionPages.listItems(try store.decisions(employer: id))
            context["decisions"] = decisions
            context["hasDecisions"] = !decisions.isEmpty
            context["runs"] = withEmployer.map { ["id": String($0.0.id), "year": String($0.0.year), "createdAt": $0.0.createdAt] }
            let chosen = withEmployer.last { wanted == nil || $0.0.id == wanted }
            if let (run, e) = chosen {
                var runContext = ["id": String(run.id), "year": String(run.year), "createdAt": run.createdAt]
                if let asOf = run.asOf { runContext["asOf"] = asOf }
                if let stage = run.stage { runContext["stage"] = stage }
                context["run"] = runContext
                context["name"] = e.name
                context["rows"] = try rows(store: store, run: run, employer: e)
                if let stages = try StageComparisonView(chosen: run, runs: withEmployer, rows: { try rows(store: store, run: $0, employer: $1) }) {
                    context["stages"] = stages
                }
                if let calendar = EmployerCalendarView(try store.calendarLines(run: run.id, employer: e.index)) { context["calendar"] = calendar }
                let (levy, net) = EmployerExplanation.build(try store.assessedEmployer(run: run.id, employer: id))
                context["sentences"] = EmployerExplanationText.summary(year: run.year, levy: levy, net: net, voice: .employer)
                context["explanation"] = [ExplanationView(levy), ExplanationView(net)]
            }
        } catch {
            context["storeError"] = "De cijfers konden niet worden gelezen. Probeer het later opnieuw."
        }
        return renderer.render("werkgever", title: "Cijfers van werkgever \(id)", path: "/werkgever", context)
    }

    /// The employer's figures in a run as the page's table rows (label, value, key).
    static func rows(store: any ResultsStore, run: RunSummary, employer e: StoredEmployer) throws -> [[String: Any]] {
        let f = e.figures
        let national = try store.national(run: run.id)
        // The percentage the employer is held to: its sector's, or the combined one under quota.combined_quotum.
        let quotum = try store.parameters(run: run.id).quota.quotumKey(for: e.sector)
        var rows = Rekentool.figureRows(f, quota: national.quotaPercent[quotum] ?? .zero, surcharge: national.surchargePercent)
        rows.insert(["label": "Verloonde uren", "value": Rekentool.hours(f.hoursTotal), "key": "hours_total"], at: 1)
        rows.insert(["label": "Uren van werknemers uit de doelgroep (C)", "value": Rekentool.hours(f.hoursC), "key": "hours_c"], at: 4)
        rows.append(["label": "Bonus overgedragen aan anderen", "value": Rekentool.euro(f.transfersOut), "key": "transfers_out"])
        rows.append(["label": "Bonus ontvangen van anderen", "value": Rekentool.euro(f.transfersIn), "key": "transfers_in"])
        return rows
    }
}
