import BanenafspraakCore
import BanenafspraakPresentation
import BanenafspraakStore

/// The monitor pages (spec section 16): `/monitor` with the three views for analysts and auditors, and
/// `/monitor/regio/{region}` for one arbeidsmarktregio (a municipality only its own; another answers 404).
/// Signed in through `/monitor/inloggen` (a session), or with an `Authorization: Bearer` token. The latest run is shown,
/// or the one asked for with `?run=`.
enum MonitorPages {
    static func routes(renderer: PageRenderer, access: StoreAccess?) -> [Route] {
        let runParameter = RouteParameter("run", in: .query, required: false, description: "The run id; default the latest run.", schema: Schema.string())
        let signIn = RouteResponse(303, "Not signed in (or an employer): on to /monitor/inloggen.", contentType: "text/plain; charset=utf-8", schema: Schema.string())
        return [
            Route("GET", "/monitor", operationId: "page_monitor",
                  summary: "De monitor: personen en banen per sector, overheidssubsector en arbeidsmarktregio (analisten en auditors).", tag: "pages",
                  parameters: [runParameter],
                  responses: [.page(200, "The monitor."), signIn, .page(404, "No run in the store."), .page(503, "The results store cannot be reached just now.")]) { request, _ in
                await handle(request, renderer: renderer, access: access, region: nil)
            },
            Route("GET", "/monitor/regio/{region}", operationId: "page_monitor_region",
                  summary: "De monitor van één arbeidsmarktregio, zonder landelijke cijfers; een gemeente ziet alleen de eigen regio.", tag: "pages",
                  parameters: [RouteParameter("region", in: .path, required: true, description: "AMR01–AMR35.", schema: Schema.string(pattern: "^AMR[0-9]{2}$")),
                               runParameter],
                  responses: [.page(200, "The region's monitor."), signIn,
                              .page(404, "No such region, another region than the municipality's own, or no run."),
                              .page(503, "The results store cannot be reached just now.")]) { request, params in
                await handle(request, renderer: renderer, access: access, region: params["region"] ?? "")
            },
        ]
    }

    /// The principal of the request: its bearer token, else its sign-in session.
    static func principal(_ request: APIRequest, access: StoreAccess) async throws -> Principal? {
        if let token = BearerAuth.token(request), !token.isEmpty, token.utf8.count <= 256 { return try await access.principal(token: token) }
        guard let session = Sessions.id(request) else { return nil }
        return try await access.principal(session: session)
    }

    static func handle(_ request: APIRequest, renderer: PageRenderer, access: StoreAccess?, region asked: String?) async -> APIResponse {
        guard let access else { return .redirect(to: "/monitor/inloggen") }
        let found: Principal?
        do { found = try await principal(request, access: access) } catch { return SignIn.unavailablePage(renderer: renderer, request: request, door: .monitor) }
        guard let principal = found, let scope = StoreAccess.monitorScope(principal) else { return .redirect(to: "/monitor/inloggen") }
        if asked == nil, case .only(let own) = scope { return .redirect(to: "/monitor/regio/\(own)") }
        let region: String?
        switch StoreAccess.monitorRegion(scope, asked: asked) {
        case .failure: return notFound(renderer, "Deze regio bestaat niet, of u mag haar niet zien.")
        case .success(let r): region = r
        }
        let wanted = request.query("run").flatMap { RunID($0) }
        let store = access.store
        return await access.env.compute {
            do {
                guard let run = try store.runs().last(where: { wanted == nil || $0.id == wanted }) else {
                    return notFound(renderer, "Er is geen berekening in de opslag.")
                }
                let monitor = try Monitor.compute(store: store, run: run.id, region: region)
                let page = MonitorPage(monitor)
                return renderer.render("monitor-pagina", title: page.title, path: region == nil ? "/monitor" : "/monitor/regio/\(region!)", page: page)
            } catch let e as StoreError where e.kind == .locked || e.kind == .io {
                var r = renderer.render("monitor-melding", title: "Niet bereikbaar", path: "", page: MessagePage(message: SignIn.unavailableMessage))
                r.status = 503
                r.headers.append(("Retry-After", "5"))
                return r
            } catch {
                return notFound(renderer, "Deze berekening kan niet worden getoond.")
            }
        }
    }

    static func notFound(_ renderer: PageRenderer, _ message: String) -> APIResponse {
        var r = renderer.render("monitor-melding", title: "Niet gevonden", path: "", page: MessagePage(message: message))
        r.status = 404
        return r
    }
}
