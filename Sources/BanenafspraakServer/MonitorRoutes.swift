import BanenafspraakCore
import BanenafspraakStore

/// The monitor on the server (spec section 16): `GET /api/v1/runs/{run}/monitor` and the pages `/monitor` and
/// `/monitor/regio/{region}`. Analysts and auditors see every view; a municipality token only its own
/// arbeidsmarktregio, without any national figure (another region answers 404, as if it were not there).
extension StoreAccess {
    /// The region a principal may see the monitor of: `.all` (every view, or one region when asked), `.only(r)`,
    /// or nil (employers: no monitor).
    enum MonitorScope: Equatable {
        case all
        case only(String)
    }

    static func monitorScope(_ principal: Principal) -> MonitorScope? {
        switch principal {
        case .analyst, .auditor: return .all
        case .municipality(let region): return .only(region)
        case .employer: return nil
        }
    }

    /// The region to compute for, or the response that refuses: nil asked means national for `.all`, the own
    /// region for a municipality; a region other than its own is 404 for a municipality.
    static func monitorRegion(_ scope: MonitorScope, asked: String?) -> Result<String?, APIErrorResponse> {
        if let asked, Arbeidsmarktregio.number(asked) == nil {
            return .failure(APIErrorResponse(response: .error(404, "\(asked) is not an arbeidsmarktregio (AMR01–AMR35)", field: "/region")))
        }
        switch scope {
        case .all: return .success(asked)
        case .only(let own):
            guard asked == nil || ConstantTime.equal(asked!, own) else {
                return .failure(APIErrorResponse(response: .error(404, "no monitor for region \(asked!) with this token")))
            }
            return .success(own)
        }
    }

    static let regionParameter = RouteParameter("region", in: .query, required: false,
                                                description: "AMR01–AMR35: only this arbeidsmarktregio, without national figures. A municipality token always gets its own region.",
                                                schema: Schema.string(pattern: "^AMR[0-9]{2}$"))

    func monitorRoutes() -> [Route] {
        [
            Route("GET", "/api/v1/runs/{run}/monitor", operationId: "run_monitor",
                  summary: "Persons and jobs of the target group per sector, overheid subsector and arbeidsmarktregio (monitor.json); a municipality sees its own region only.",
                  tag: "runs", access: .bearer, parameters: [Self.runParameter, Self.regionParameter],
                  responses: [
                    RouteResponse(200, "monitor.json of the run.", schema: Schema.object([
                        ("run", Schema.integer()), ("year", Schema.integer()), ("month", Schema.string()), ("region", Schema.nullable(Schema.string())),
                        ("regions", Schema.array(Schema.any("A region's row."))),
                    ], required: ["run", "year", "month", "regions"], open: true)),
                    Self.unauthorized, .error(403, "An employer token has no monitor."),
                    .error(404, "No such run, no such region, or a region other than the municipality token's own."), Self.unavailable,
                  ]) { request, params in
                await authorized(request) { principal in
                    guard let scope = Self.monitorScope(principal) else { return .error(403, "an employer token has no monitor") }
                    guard let run = Self.runID(params["run"]) else { return Self.noRun(params["run"]) }
                    switch Self.monitorRegion(scope, asked: request.query("region")) {
                    case .failure(let e): return e.response
                    case .success(let region):
                        return .json(try Monitor.compute(store: store, run: run, region: region).jsonValue)
                    }
                }
            },
        ]
    }
}
