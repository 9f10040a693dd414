import BanenafspraakCore

/// The employer's sign-in page (server: docs/contracts-internal.md): a form that posts the token with its CSRF value; a
/// valid employer token opens a session (Sessions.swift) whose id goes into an HttpOnly, SameSite=Strict cookie, and
/// leads to `/werkgever`, the employer's own figures.
enum SignIn {
    static let unavailableMessage = "De cijfers zijn op dit moment niet bereikbaar. Uw code is niet gecontroleerd; probeer het over enkele seconden opnieuw."

    static func fields() -> [FormField] {
        [FormField(id: "token", label: "Uw toegangscode", hint: "De code die u van de uitvoerder kreeg. Wij bewaren alleen een vingerafdruk (hash) van de code.",
                   inputMode: nil, inputType: "password")]
    }

    static func routes(renderer: PageRenderer, access: StoreAccess?) -> [Route] {
        [
            Route("GET", "/inloggen", operationId: "page_sign_in", summary: "Inloggen voor werkgevers.", tag: "pages",
                  responses: [.page(200, "The sign-in form.")]) { request, _ in
                page(renderer: renderer, request: request, error: nil)
            },
            Route("POST", "/inloggen", operationId: "page_sign_in_submit", summary: "Inloggen met de toegangscode.", tag: "pages",
                  body: RouteBody(contentType: "application/x-www-form-urlencoded", schema: ServerRoutes.formSchema(fields() + [csrfField]), required: false),
                  responses: [
                    RouteResponse(303, "Signed in: on to /werkgever.", contentType: "text/plain; charset=utf-8", schema: Schema.string()),
                    .page(403, "The form again: its CSRF value is missing or wrong, or it came from another site."),
                    .page(422, "The form again: the code is not valid."), .error(413, "The body is too large."),
                    .page(503, "The form again: the results store cannot be reached just now."),
                  ]) { request, _ in
                let form = formValues(request)
                guard CSRF.passes(request, form: form) else {
                    var r = page(renderer: renderer, request: request, error: CSRF.refusedMessage)
                    r.status = 403
                    return r
                }
                let token = (form["token"] ?? "").trimmingSpaces
                do {
                    if !token.isEmpty, token.utf8.count <= 256, let access, case .employer = try await access.principal(token: token) {
                        let session = try await access.openSession(token: token)
                        var r = APIResponse.redirect(to: "/werkgever")
                        r.headers.append(("Set-Cookie", Sessions.cookie(session, secure: request.secure)))
                        return r
                    }
                } catch {
                    return unavailablePage(renderer: renderer, request: request)
                }
                var r = page(renderer: renderer, request: request, error: "Deze code is niet geldig of is ingetrokken. Controleer de code en probeer het opnieuw.")
                r.status = 422
                return r
            },
        ]
    }

    /// The hidden CSRF field, as documented in the OpenAPI form schema.
    static let csrfField = FormField(id: CSRF.fieldName, label: "CSRF-waarde van het formulier (verborgen)", hint: nil, inputMode: nil, inputType: "hidden")

    /// The form again with 503 and `Retry-After`: the store could not be asked, so the code was not checked.
    static func unavailablePage(renderer: PageRenderer, request: APIRequest) -> APIResponse {
        var r = page(renderer: renderer, request: request, error: unavailableMessage)
        r.status = 503
        r.headers.append(("Retry-After", "5"))
        return r
    }

    static func page(renderer: PageRenderer, request: APIRequest, error: String?) -> APIResponse {
        var errors = FormErrors()
        if let error { errors.add("token", error) }
        let csrf = CSRF.value(for: request)
        var context: [String: Any] = ["fields": fields().map { $0.context(form: nil, error: errors.message(for: $0.id)) }, "csrf": csrf.value]
        context.merge(errors.context(fields: fields())) { a, _ in a }
        var r = renderer.render("inloggen", title: "Inloggen voor werkgevers", path: "/inloggen", context)
        if let cookie = csrf.setCookie { r.headers.append(("Set-Cookie", cookie)) }
        return r
    }
}
