import BanenafspraakCore

/// The employer's sign-in page (server: docs/contracts-internal.md): a form that posts the token; a valid employer token is kept in an
/// HttpOnly, SameSite=Strict cookie and leads to `/werkgever`, the employer's own figures.
enum SignIn {
    static let cookieName = "banenafspraak_token"
    static let unavailableMessage = "De cijfers zijn op dit moment niet bereikbaar. Uw code is niet gecontroleerd; probeer het over enkele seconden opnieuw."

    static func fields() -> [FormField] {
        [FormField(id: "token", label: "Uw toegangscode", hint: "De code die u van de uitvoerder kreeg. Wij bewaren alleen een vingerafdruk (hash) van de code.",
                   inputMode: nil, inputType: "password")]
    }

    static func routes(renderer: PageRenderer, resolve: TokenResolver?) -> [Route] {
        [
            Route("GET", "/inloggen", operationId: "page_sign_in", summary: "Inloggen voor werkgevers.", tag: "pages",
                  responses: [.page(200, "The sign-in form.")]) { _, _ in
                page(renderer: renderer, error: nil)
            },
            Route("POST", "/inloggen", operationId: "page_sign_in_submit", summary: "Inloggen met de toegangscode.", tag: "pages",
                  body: RouteBody(contentType: "application/x-www-form-urlencoded", schema: ServerRoutes.formSchema(fields()), required: false),
                  responses: [
                    RouteResponse(303, "Signed in: on to /werkgever.", contentType: "text/plain; charset=utf-8", schema: Schema.string()),
                    .page(422, "The form again: the code is not valid."), .error(413, "The body is too large."),
                    .page(503, "The form again: the results store cannot be reached just now."),
                  ]) { request, _ in
                let token = (formValues(request)["token"] ?? "").trimmingSpaces
                do {
                    if !token.isEmpty, token.utf8.count <= 256, let resolve, case .employer = try await resolve(token) {
                        var r = APIResponse.redirect(to: "/werkgever")
                        r.headers.append(("Set-Cookie", "\(cookieName)=\(token); Path=/; HttpOnly; SameSite=Strict"))
                        return r
                    }
                } catch {
                    return unavailablePage(renderer: renderer)
                }
                var r = page(renderer: renderer, error: "Deze code is niet geldig of is ingetrokken. Controleer de code en probeer het opnieuw.")
                r.status = 422
                return r
            },
        ]
    }

    /// The form again with 503 and `Retry-After`: the store could not be asked, so the code was not checked.
    static func unavailablePage(renderer: PageRenderer) -> APIResponse {
        var r = page(renderer: renderer, error: unavailableMessage)
        r.status = 503
        r.headers.append(("Retry-After", "5"))
        return r
    }

    static func page(renderer: PageRenderer, error: String?) -> APIResponse {
        var errors = FormErrors()
        if let error { errors.add("token", error) }
        var context: [String: Any] = ["fields": fields().map { $0.context(form: nil, error: errors.message(for: $0.id)) }]
        context.merge(errors.context(fields: fields())) { a, _ in a }
        return renderer.render("inloggen", title: "Inloggen voor werkgevers", path: "/inloggen", context)
    }
}
