import BanenafspraakCore
import BanenafspraakPresentation

/// The employer's sign-in page (server: docs/contracts-internal.md): a form that posts the token with its CSRF value; a
/// valid employer token opens a session (Sessions.swift) whose id goes into an HttpOnly, SameSite=Strict cookie, and
/// leads to `/werkgever`, the employer's own figures.
enum SignIn {
    /// Where a token signs in: the employer pages (`/inloggen`, employer tokens only) or the monitor
    /// (`/monitor/inloggen`, analyst, auditor and municipality tokens; spec section 16). Each door opens only for
    /// its own roles, and every page checks the role again.
    struct Door {
        var path: String
        var title: String
        var intro: String
        var opens: @Sendable (Principal) -> String?

        static let employer = Door(
            path: "/inloggen", title: "Inloggen voor werkgevers",
            intro: "Met uw toegangscode ziet u de cijfers van uw organisatie uit de landelijke berekening, met de uitleg hoe ze tot stand kwamen. U ziet alleen uw eigen cijfers.",
            opens: { if case .employer = $0 { return "/werkgever" } else { return nil } })

        static let monitor = Door(
            path: "/monitor/inloggen", title: "Inloggen voor de monitor",
            intro: "Met uw toegangscode ziet u de monitor: personen en banen uit de doelgroep. Een gemeente ziet alleen de eigen arbeidsmarktregio.",
            opens: { principal in
                switch principal {
                case .analyst, .auditor: return "/monitor"
                case .municipality(let region): return "/monitor/regio/\(region)"
                case .employer: return nil
                }
            })
    }

    static let unavailableMessage = "De cijfers zijn op dit moment niet bereikbaar. Uw code is niet gecontroleerd; probeer het over enkele seconden opnieuw."

    static func fields() -> [FormField] {
        [FormField(id: "token", label: "Uw toegangscode", hint: "De code die u van de uitvoerder kreeg. Wij bewaren alleen een vingerafdruk (hash) van de code.",
                   inputMode: nil, inputType: "password")]
    }

    static func routes(renderer: PageRenderer, access: StoreAccess?) -> [Route] {
        routes(.employer, operation: "page_sign_in", renderer: renderer, access: access)
            + routes(.monitor, operation: "page_monitor_sign_in", renderer: renderer, access: access)
    }

    static func routes(_ door: Door, operation: String, renderer: PageRenderer, access: StoreAccess?) -> [Route] {
        [
            Route("GET", door.path, operationId: operation, summary: door.title + ".", tag: "pages",
                  responses: [.page(200, "The sign-in form.")]) { request, _ in
                page(renderer: renderer, request: request, error: nil, door: door)
            },
            Route("POST", door.path, operationId: operation + "_submit", summary: door.title + " met de toegangscode.", tag: "pages",
                  body: RouteBody(contentType: "application/x-www-form-urlencoded", schema: ServerRoutes.formSchema(fields() + [csrfField]), required: false),
                  responses: [
                    RouteResponse(303, door.path == "/inloggen" ? "Signed in: on to /werkgever." : "Signed in: on to /monitor, or a municipality to its region.",
                                  contentType: "text/plain; charset=utf-8", schema: Schema.string()),
                    .page(403, "The form again: its CSRF value is missing or wrong, or it came from another site."),
                    .page(422, "The form again: the code is not valid (or not for this door)."), .error(413, "The body is too large."),
                    .page(503, "The form again: the results store cannot be reached just now."),
                  ]) { request, _ in
                let form = formValues(request)
                guard CSRF.passes(request, form: form) else {
                    var r = page(renderer: renderer, request: request, error: CSRF.refusedMessage, door: door)
                    r.status = 403
                    return r
                }
                let token = (form["token"] ?? "").trimmingSpaces
                do {
                    if !token.isEmpty, token.utf8.count <= 256, let access, let principal = try await access.principal(token: token),
                       let landing = door.opens(principal) {
                        let session = try await access.openSession(token: token)
                        var r = APIResponse.redirect(to: landing)
                        r.headers.append(("Set-Cookie", Sessions.cookie(session, secure: request.secure)))
                        return r
                    }
                } catch {
                    return unavailablePage(renderer: renderer, request: request, door: door)
                }
                var r = page(renderer: renderer, request: request, error: "Deze code is niet geldig of is ingetrokken. Controleer de code en probeer het opnieuw.", door: door)
                r.status = 422
                return r
            },
        ]
    }

    /// The hidden CSRF field, as documented in the OpenAPI form schema.
    static let csrfField = FormField(id: CSRF.fieldName, label: "CSRF-waarde van het formulier (verborgen)", hint: nil, inputMode: nil, inputType: "hidden")

    /// The form again with 503 and `Retry-After`: the store could not be asked, so the code was not checked.
    static func unavailablePage(renderer: PageRenderer, request: APIRequest, door: Door = .employer) -> APIResponse {
        var r = page(renderer: renderer, request: request, error: unavailableMessage, door: door)
        r.status = 503
        r.headers.append(("Retry-After", "5"))
        return r
    }

    /// The view model of the `inloggen` template.
    struct View {
        var intro: String
        var action: String
        var csrf: String
        var fields: [FieldView]
        var hasErrors: Bool
        var errors: [FormErrors.Item]
    }

    static func view(door: Door, csrf: String, error: String?) -> View {
        var errors = FormErrors()
        if let error { errors.add("token", error) }
        return View(intro: door.intro, action: door.path, csrf: csrf, fields: fields().map { $0.view(form: nil, error: errors.message(for: $0.id)) },
                    hasErrors: !errors.isEmpty, errors: errors.items(fields: fields()))
    }

    static func page(renderer: PageRenderer, request: APIRequest, error: String?, door: Door = .employer) -> APIResponse {
        let csrf = CSRF.value(for: request)
        var r = renderer.render("inloggen", title: door.title, path: door.path, page: view(door: door, csrf: csrf.value, error: error))
        if let cookie = csrf.setCookie { r.headers.append(("Set-Cookie", cookie)) }
        return r
    }
}
