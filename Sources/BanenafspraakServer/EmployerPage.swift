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

    /// The view model of the `werkgever` template.
    struct View {
        /// A run as the page names it.
        struct Run {
            var id: String
            var year: String
            var createdAt: String
            var asOf: String?
            var stage: String?

            init(_ r: RunSummary) {
                id = String(r.id)
                year = String(r.year)
                createdAt = r.createdAt
                asOf = r.asOf
                stage = r.stage
            }
        }

        var employerId: String
        var csrf: String
        var storeError: String?
        var decisions: [DecisionPages.ListItem] = []
        var hasDecisions = false
        /// The runs that hold the employer, as links.
        var runs: [Run] = []
        /// The run shown, with the employer's name, figures, stages, calendar lines, sentences and explanation.
        var run: Run?
        var name: String?
        var rows: [Rekentool.FigureRow] = []
        var stages: StageComparisonView?
        var calendar: EmployerCalendarView?
        var sentences: [String] = []
        var explanation: [ExplanationView] = []
    }

    static func page(renderer: PageRenderer, store: any ResultsStore, employer id: String, wanted: RunID?, csrf: String) -> APIResponse {
        var view = View(employerId: id, csrf: csrf)
        do {
            let runs = try store.runs()
            var withEmployer: [(RunSummary, StoredEmployer)] = []
            for r in runs { if let e = try store.employer(run: r.id, id: id) { withEmployer.append((r, e)) } }
            view.decisions = DecisionPages.listItems(try store.decisions(employer: id))
            view.hasDecisions = !view.decisions.isEmpty
            view.runs = withEmployer.map { View.Run($0.0) }
            let chosen = withEmployer.last { wanted == nil || $0.0.id == wanted }
            if let (run, e) = chosen {
                view.run = View.Run(run)
                view.name = e.name
                view.rows = try rows(store: store, run: run, employer: e)
                view.stages = try StageComparisonView(chosen: run, runs: withEmployer, rows: { try rows(store: store, run: $0, employer: $1) })
                view.calendar = EmployerCalendarView(try store.calendarLines(run: run.id, employer: e.index))
                let (levy, net) = EmployerExplanation.build(try store.assessedEmployer(run: run.id, employer: id))
                view.sentences = EmployerExplanationText.summary(year: run.year, levy: levy, net: net, voice: .employer)
                view.explanation = [ExplanationView(levy), ExplanationView(net)]
            }
        } catch {
            view.storeError = "De cijfers konden niet worden gelezen. Probeer het later opnieuw."
        }
        return renderer.render("werkgever", title: "Cijfers van werkgever \(id)", path: "/werkgever", page: view)
    }

    /// The employer's figures in a run as the page's table rows.
    static func rows(store: any ResultsStore, run: RunSummary, employer e: StoredEmployer) throws -> [Rekentool.FigureRow] {
        let f = e.figures
        let national = try store.national(run: run.id)
        // The percentage the employer is held to: its sector's, or the combined one under quota.combined_quotum.
        let quotum = try store.parameters(run: run.id).quota.quotum(for: e.sector)
        var rows = Rekentool.figureRows(f, quota: national.quotaPercent[quotum] ?? .zero, surcharge: national.surchargePercent)
        rows.insert(Rekentool.FigureRow(label: "Verloonde uren", value: Rekentool.hours(f.hoursTotal), key: "hours_total"), at: 1)
        rows.insert(Rekentool.FigureRow(label: "Uren van werknemers uit de doelgroep (C)", value: Rekentool.hours(f.hoursC), key: "hours_c"), at: 4)
        rows.append(Rekentool.FigureRow(label: "Bonus overgedragen aan anderen", value: Rekentool.euro(f.transfersOut), key: "transfers_out"))
        rows.append(Rekentool.FigureRow(label: "Bonus ontvangen van anderen", value: Rekentool.euro(f.transfersIn), key: "transfers_in"))
        return rows
    }
}
