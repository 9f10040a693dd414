import BanenafspraakCore

/// All routes of `banenafspraak serve`, and the OpenAPI document built from them.
public enum ServerRoutes {
    public static func make(environment env: ServerEnvironment, renderer: PageRenderer, store: StoreAccess?) -> RouteTable {
        var routes: [Route] = [
            APIRoutes.health(),
            APIRoutes.parameters(env),
            APIRoutes.calc(env),
            Estimate.route(env, defaults: store?.defaults),
            HireRoute.route(env),
        ]
        for page in CalculatorPages.all {
            routes.append(contentsOf: pageRoutes(page, env: env, renderer: renderer))
        }
        routes.append(contentsOf: store?.routes() ?? [])
        routes.append(contentsOf: store?.decisionRoutes() ?? [])
        routes.append(contentsOf: store?.monitorRoutes() ?? [])
        routes.append(contentsOf: Rekentool.routes(env: env, renderer: renderer, defaults: store?.defaults))
        routes.append(contentsOf: HirePage.routes(env: env, renderer: renderer))
        routes.append(contentsOf: SignIn.routes(renderer: renderer, access: store))
        routes.append(contentsOf: EmployerPage.routes(renderer: renderer, access: store))
        routes.append(contentsOf: DecisionPages.routes(renderer: renderer, access: store))
        routes.append(contentsOf: MonitorPages.routes(renderer: renderer, access: store))
        // Every route that reads a body can answer 408 (too slow) and 413 (too large) before it runs.
        for i in routes.indices where routes[i].body != nil {
            if !routes[i].responses.contains(where: { $0.status == 408 }) { routes[i].responses.append(.error(408, "The body did not arrive within the read timeout.")) }
            if !routes[i].responses.contains(where: { $0.status == 413 }) { routes[i].responses.append(.error(413, "The body is too large.")) }
        }
        // The document describes every route above and itself.
        var openapi = Route(
            "GET", "/openapi.json", operationId: "openapi", summary: "This OpenAPI 3.1 document.", tag: "api",
            responses: [RouteResponse(200, "The OpenAPI document.", schema: Schema.object([("openapi", Schema.string())], required: ["openapi"], open: true))]
        ) { _, _ in .error(500, "not ready") }
        let document = OpenAPIDocument.build(routes: routes + [openapi], version: ServerEnvironment.engineVersion)
        let body = APIResponse.json(document)
        openapi.handler = { _, _ in body }
        routes.append(openapi)
        return RouteTable(routes)
    }

    /// The form fields of a page as an OpenAPI schema for `application/x-www-form-urlencoded`.
    static func formSchema(_ fields: [FormField]) -> JSONValue {
        Schema.object(fields.map { ($0.id, Schema.string(description: $0.label, maxLength: 200)) }, required: [], open: true)
    }

    static func pageRoutes(_ page: CalculatorPage, env: ServerEnvironment, renderer: PageRenderer) -> [Route] {
        let operation = String(page.path.dropFirst()).replacingAll("-", with: "_")
        return [
            Route("GET", page.path, operationId: "page_\(operation)", summary: "\(page.title): het formulier.", tag: "pages",
                  responses: [.page(200, "The form.")]) { request, _ in
                await page.handle(request, env: env, renderer: renderer)
            },
            Route("POST", page.path, operationId: "page_\(operation)_submit", summary: "\(page.title): de uitkomst.", tag: "pages",
                  body: RouteBody(contentType: "application/x-www-form-urlencoded", schema: formSchema(page.fields()), required: false),
                  responses: [.page(200, "The result with its explanation."), .page(422, "The form again, with what to correct."), .error(413, "The body is too large.")]) { request, _ in
                await page.handle(request, env: env, renderer: renderer)
            },
        ]
    }
}

