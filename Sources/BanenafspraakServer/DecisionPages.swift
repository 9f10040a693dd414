import BanenafspraakCore
import BanenafspraakDecisions
import BanenafspraakPresentation
import BanenafspraakStore

/// The signed-in employer's decisions (spec section 14): the decision page with its objections and the objection
/// form (`/werkgever/beschikkingen/{id}`), the objection post, and "telt mee?" (`/werkgever/telt-mee`). Only the
/// employer's own: another's decision id is the same 404 as one that does not exist. Every form carries the CSRF
/// value; a post without it is refused with 403.
enum DecisionPages {
    /// One decision in the list on `/werkgever`.
    struct ListItem: Sendable {
        var id: String
        var href: String
        var kind: String
        var year: Int
        var levy: String
        var date: String
    }

    /// One objection as the decision page shows it.
    struct ObjectionItem: Sendable {
        var id: Int64
        var status: String
        var grounds: String
        var disputed: String?
        var late: Bool
        var answer: String?
        var events: [String]
    }

    /// The decision page.
    struct DecisionPage: Sendable {
        var decisionId: String
        var action: String
        var body: String
        var objections: [ObjectionItem]
        var hasObjections: Bool
        var csrf: String
        var error: String?
        var grounds: String
        var disputed: String
        var submitted: Bool
        var maxGrounds: Int
    }

    /// The answer of "telt mee?".
    struct CountsPage: Sendable {
        var run: Int64
        var personId: String
        var counts: Bool
        var hours: String
        var error: String?
    }

    static let statusText: [ObjectionStatus: String] = [.open: "in behandeling", .upheld: "gegrond", .rejected: "ongegrond"]
    static let eventText: [ObjectionEvent.Kind: String] = [.submitted: "ingediend", .upheld: "gegrond verklaard", .rejected: "ongegrond verklaard"]

    static func listItems(_ decisions: [StoredDecision]) -> [ListItem] {
        decisions.reversed().map { d in
            ListItem(id: d.id, href: "/werkgever/beschikkingen/\(d.id)",
                     kind: d.simulation ? "Simulatie (geen beschikking)" : (d.revises == nil ? "Beschikking" : "Herziening van \(d.revises!)"),
                     year: d.year, levy: DutchNumber.euro(d.levy), date: d.date)
        }
    }

    static func objectionItem(_ o: StoredObjection) -> ObjectionItem {
        ObjectionItem(id: o.id, status: statusText[o.status] ?? o.status.rawValue, grounds: o.grounds, disputed: o.disputed, late: o.late,
                      answer: o.registerGround ? ObjectionRules.registerAnswer : nil,
                      events: o.events.map { "\($0.at): \(eventText[$0.kind] ?? $0.kind.rawValue)\($0.reason.map { " – \($0)" } ?? "")" })
    }

    static let idParameter = RouteParameter("id", in: .path, required: true, description: "The decision_id.", schema: Schema.string(pattern: "^[A-Za-z0-9-]{1,64}$"))

    static func routes(renderer: PageRenderer, access: StoreAccess?) -> [Route] {
        let decisions = try? DecisionRenderer()
        return [
            Route("GET", "/werkgever/beschikkingen/{id}", operationId: "page_employer_decision", summary: "Een beschikking van de ingelogde werkgever, met bezwaar.",
                  tag: "pages", parameters: [idParameter],
                  responses: [.page(200, "The decision with its objections and the objection form."), .page(404, "No such decision of this employer."),
                              .page(503, "The results store cannot be reached just now."),
                              RouteResponse(303, "Not signed in: on to /inloggen.", contentType: "text/plain; charset=utf-8", schema: Schema.string())]) { request, params in
                guard isDecisionId(params["id"] ?? "") else { return notFound(renderer) }
                return await signedIn(request, access: access, renderer: renderer) { caller, employer, access in
                    let csrf = CSRF.value(for: request)
                    var r = await access.env.compute {
                        decisionPage(params["id"] ?? "", employer: employer, store: access.store, renderer: renderer, decisions: decisions, csrf: csrf.value,
                                     error: nil, form: [:], submitted: request.query("bezwaar") == "ingediend")
                    }
                    if let cookie = csrf.setCookie { r.headers.append(("Set-Cookie", cookie)) }
                    return r
                }
            },
            Route("POST", "/werkgever/beschikkingen/{id}/bezwaar", operationId: "page_employer_objection",
                  summary: "Bezwaar maken tegen een eigen beschikking.", tag: "pages", parameters: [idParameter],
                  body: RouteBody(contentType: "application/x-www-form-urlencoded", schema: objectionFormSchema, required: false),
                  responses: [RouteResponse(303, "Kept: on to the decision page; or not signed in: on to /inloggen.", contentType: "text/plain; charset=utf-8", schema: Schema.string()),
                              .page(403, "The CSRF value is missing or wrong, or the form came from another site; nothing kept."),
                              .page(404, "No such decision of this employer."), .page(422, "The form again: the grounds are empty or too long."),
                              .page(503, "The results store cannot be reached just now.")]) { request, params in
                let form = formValues(request)
                let id = params["id"] ?? ""
                guard isDecisionId(id) else { return notFound(renderer) }
                // The CSRF check first: a forged post learns nothing, not even whether it is signed in.
                guard CSRF.passes(request, form: form) else { return refused(renderer) }
                return await signedIn(request, access: access, renderer: renderer) { caller, employer, access in
                    let csrf = CSRF.value(for: request)
                    return await access.env.compute {
                        switch Objections.Submission.check(grounds: form["grounds"] ?? "", disputed: form["disputed"]) {
                        case .failure(let e):
                            let message = e.field == "/grounds" ? "Vul uw gronden in (ten hoogste \(Objections.maxGrounds) tekens)." : "Het betwiste gegeven is te lang (ten hoogste \(Objections.maxDisputed) tekens)."
                            return decisionPage(id, employer: employer, store: access.store, renderer: renderer, decisions: decisions, csrf: csrf.value,
                                                error: message, form: form, submitted: false, status: 422)
                        case .success(let submission):
                            do {
                                guard try Objections.submit(submission, decisionId: id, employer: employer, actor: caller.actor, store: access.store) != nil else {
                                    return notFound(renderer)
                                }
                            } catch {
                                _ = StoreAccess.unavailableError(error)
                                return SignIn.unavailablePage(renderer: renderer, request: request)
                            }
                            return .redirect(to: "/werkgever/beschikkingen/\(id)?bezwaar=ingediend")
                        }
                    }
                }
            },
            Route("POST", "/werkgever/telt-mee", operationId: "page_employer_counts",
                  summary: "Telt mee? Of een eigen werknemer meetelt voor de uren van arbeidsbeperkten (C), en met hoeveel uren.", tag: "pages",
                  body: RouteBody(contentType: "application/x-www-form-urlencoded",
                                  schema: ServerRoutes.formSchema([SignIn.csrfField, FormField(id: "run", label: "Berekening", hint: nil),
                                                                   FormField(id: "person_id", label: "Personeelsnummer", hint: nil)]), required: false),
                  responses: [.page(200, "Ja or nee, and the hours for C."), .page(403, "The CSRF value is missing or wrong, or a field is longer than 200 characters; nothing looked up."),
                              .page(422, "The run or the person id is missing or not valid."), .page(503, "The results store cannot be reached just now."),
                              RouteResponse(303, "Not signed in: on to /inloggen.", contentType: "text/plain; charset=utf-8", schema: Schema.string())]) { request, _ in
                let form = formValues(request)
                // The CSRF check first, and fields within the documented length.
                guard CSRF.passes(request, form: form), form.values.allSatisfy({ $0.unicodeScalars.count <= 200 }) else { return refused(renderer) }
                return await signedIn(request, access: access, renderer: renderer) { caller, employer, access in
                    await access.env.compute { countsPage(form, caller: caller, employer: employer, store: access.store, renderer: renderer) }
                }
            },
        ]
    }

    /// Runs `body` for a signed-in employer; else on to `/inloggen`, or 503 when the store cannot be asked.
    static func signedIn(_ request: APIRequest, access: StoreAccess?, renderer: PageRenderer,
                         _ body: (Caller, String, StoreAccess) async -> APIResponse) async -> APIResponse {
        guard let access, let session = Sessions.id(request) else { return .redirect(to: "/inloggen") }
        let caller: Caller?
        do { caller = try await access.caller(session: session) } catch { return SignIn.unavailablePage(renderer: renderer, request: request) }
        guard let caller, case .employer(let id) = caller.principal else { return .redirect(to: "/inloggen") }
        return await body(caller, id, access)
    }

    /// A decision id as `decide` makes them.
    static func isDecisionId(_ s: String) -> Bool {
        (1...64).contains(s.utf8.count) && s.utf8.allSatisfy { (48...57).contains($0) || (65...90).contains($0) || (97...122).contains($0) || $0 == 45 }
    }

    /// The form of an objection as OpenAPI documents it: grounds up to 5,000 characters, the disputed figure 500.
    static let objectionFormSchema = Schema.object([
        ("csrf", Schema.string(description: SignIn.csrfField.label, maxLength: 200)),
        ("grounds", Schema.string(description: "Gronden", maxLength: Objections.maxGrounds)),
        ("disputed", Schema.string(description: "Betwist gegeven of regel", maxLength: Objections.maxDisputed)),
    ], required: [], open: true)

    /// 403: a post without a valid CSRF value (or from another site) changes and reveals nothing.
    static func refused(_ renderer: PageRenderer) -> APIResponse {
        renderer.render("telt-mee", title: "Formulier geweigerd", path: "/werkgever",
                        page: CountsPage(run: 0, personId: "", counts: false, hours: "", error: CSRF.refusedMessage), status: 403)
    }

    static func notFound(_ renderer: PageRenderer) -> APIResponse {
        var page = renderer.render("notfound", title: "Pagina niet gevonden", path: "/werkgever", page: MessagePage())
        page.status = 404
        return page
    }

    static func decisionPage(_ id: String, employer: String, store: any ResultsStore, renderer: PageRenderer, decisions: DecisionRenderer?,
                             csrf: String, error: String?, form: [String: String], submitted: Bool, status: Int = 200) -> APIResponse {
        do {
            guard let d = try store.decision(id: id), ConstantTime.equal(d.employerId, employer), let decisions,
                  let e = try store.employer(run: d.run, id: employer) else { return notFound(renderer) }
            let maker = try DecisionMaker(store: store, run: d.run)
            let previous = try d.revises.flatMap { try store.decision(id: $0) }
            let decision = try maker.decision(e, date: LocalDate(d.date) ?? LocalDate(year: d.year + 1, month: 1, day: 1)!, simulation: d.simulation,
                                              previous: previous, attributable: false, causes: [])
            let objections = try store.objections(employer: employer).filter { $0.decisionId == d.id }.map(objectionItem)
            let view = DecisionView(decision)
            let page = DecisionPage(decisionId: d.id, action: "/werkgever/beschikkingen/\(d.id)/bezwaar", body: decisions.body(view),
                                    objections: objections, hasObjections: !objections.isEmpty, csrf: csrf, error: error,
                                    grounds: form["grounds"] ?? "", disputed: form["disputed"] ?? "", submitted: submitted, maxGrounds: Objections.maxGrounds)
            return renderer.render("beschikking", title: view.title, path: "/werkgever", page: page, status: status)
        } catch {
            _ = StoreAccess.unavailableError(error)
            var r = renderer.render("notfound", title: "Niet bereikbaar", path: "/werkgever", page: MessagePage())
            r.status = 503
            r.headers.append(("Retry-After", "5"))
            return r
        }
    }

    /// A person id as on the payroll: 1–64 characters of A-Z, a-z, 0-9, `-` and `_`.
    static func isPersonId(_ s: String) -> Bool {
        (1...64).contains(s.utf8.count) && s.utf8.allSatisfy { (48...57).contains($0) || (65...90).contains($0) || (97...122).contains($0) || $0 == 45 || $0 == 95 }
    }

    static func countsPage(_ form: [String: String], caller: Caller, employer: String, store: any ResultsStore, renderer: PageRenderer) -> APIResponse {
        let person = (form["person_id"] ?? "").trimmingSpaces
        guard let run = form["run"].flatMap({ RunID($0) }), isPersonId(person) else {
            return renderer.render("telt-mee", title: "Telt mee?", path: "/werkgever",
                                   page: CountsPage(run: 0, personId: "", counts: false, hours: "", error: "Kies een berekening en vul het personeelsnummer in zoals op uw loonaangifte (letters en cijfers)."),
                                   status: 422)
        }
        do {
            guard let e = try store.employer(run: run, id: employer) else {
                return renderer.render("telt-mee", title: "Telt mee?", path: "/werkgever",
                                       page: CountsPage(run: run, personId: "", counts: false, hours: "", error: "Berekening \(run) bevat geen cijfers van uw organisatie."),
                                       status: 422)
            }
            // A read of person-level data: logged before it is answered.
            try store.appendAccess(caller.record(endpoint: "POST /werkgever/telt-mee", run: run, employer: employer, ground: AccessGround.countsForC))
            let hours = try store.hoursForC(run: run, employer: e, personId: person)
            return renderer.render("telt-mee", title: "Telt mee?", path: "/werkgever",
                                   page: CountsPage(run: run, personId: person, counts: hours > .zero, hours: DutchNumber.hours(hours), error: nil))
        } catch let e as StoreError where e.kind == .unknownRun {
            return renderer.render("telt-mee", title: "Telt mee?", path: "/werkgever",
                                   page: CountsPage(run: run, personId: "", counts: false, hours: "", error: "Er is geen berekening \(run)."), status: 422)
        } catch {
            _ = StoreAccess.unavailableError(error)
            var r = renderer.render("telt-mee", title: "Telt mee?", path: "/werkgever",
                                    page: CountsPage(run: run, personId: "", counts: false, hours: "", error: SignIn.unavailableMessage), status: 503)
            r.headers.append(("Retry-After", "5"))
            return r
        }
    }
}
