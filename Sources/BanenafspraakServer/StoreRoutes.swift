import BanenafspraakAssessment
import BanenafspraakCore
import BanenafspraakSimulation
import BanenafspraakStore
import Foundation
import Logging

/// The endpoints on stored runs (server: docs/contracts-internal.md) and the token checks, over any ``ResultsStore``. Every store call
/// runs on the server's work queue, never on the event loops.
public struct StoreAccess: Sendable {
    public let store: any ResultsStore
    let env: ServerEnvironment
    /// Keeps the objections of the API in group commits.
    let objectionWriter: ObjectionWriter

    public init(store: any ResultsStore, environment: ServerEnvironment) {
        self.store = store
        self.env = environment
        objectionWriter = ObjectionWriter(store: store)
    }

    static let logger = Logger(label: "banenafspraak.server.store")

    /// The principal of a token: its SHA-256 is looked up, compared again in constant time, and must not be revoked.
    /// Throws ``StoreUnavailable`` when the store cannot be read.
    public func principal(token: String) async throws -> Principal? {
        try await env.compute { Result { () throws(StoreUnavailable) in try principalNow(token: token) } }.get()
    }

    /// ``principal(token:)`` on the calling thread (the work queue).
    func principalNow(token: String) throws(StoreUnavailable) -> Principal? {
        let hash = Digest.sha256(text: token)
        let found: StoredToken?
        do { found = try store.token(hash: hash) } catch { throw Self.unavailableError(error) }
        guard let stored = found, stored.isActive, ConstantTime.equal(stored.hash, hash) else { return nil }
        return Principal(stored.access)
    }

    public var resolver: TokenResolver { { token in try await principal(token: token) } }

    /// A store failure as ``StoreUnavailable``, logged with what the store said (its messages never hold a password).
    static func unavailableError(_ error: any Error) -> StoreUnavailable {
        let detail = (error as? StoreError)?.message ?? "\(error)"
        logger.error("results store unavailable: \(detail)")
        return StoreUnavailable(detail: detail)
    }

    /// The quotum and surcharge percentages of the latest stored run of a year, for the estimate's defaults. A
    /// stored run never changes, so its percentages are read once per run (the run list is read every time).
    public var defaults: Estimate.Defaults {
        let store = self.store, cache = percentages
        return { year, sector in
            guard let run = (try? store.runs())?.last(where: { $0.year == year }) else { return (nil, nil) }
            guard let (quota, surcharge) = cache.value(run.id, orRead: {
                let n = try store.national(run: run.id)
                // Per sector, the percentage an employer of it is held to: its sector's, or the combined one under
                // quota.combined_quotum (QuotaParameters.quotum(for:), as the run itself did).
                let parameters = try store.parameters(run: run.id).quota
                let heldTo = Sector.allCases.compactMap { s in n.quotaPercent[parameters.quotum(for: s)].map { (s, $0) } }
                return (Dictionary(uniqueKeysWithValues: heldTo), n.surchargePercent)
            }) else { return (nil, nil) }
            return (quota[sector], surcharge)
        }
    }
    private let percentages = RunPercentages()

    // MARK: JSON


    /// The employer as a row of `employers.csv`: column names as keys, values written as there, `liable` a boolean.
    static func employerJSON(_ e: StoredEmployer, run: RunID) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("employer_id", .string(e.id))] + Estimate.figuresJSON(e.figures, sector: e.sector)
        pairs.append(contentsOf: [("run", .integer(run)), ("name", .string(e.name)), ("region", .string(e.regionCode))])
        return .object(pairs)
    }

    // MARK: Routes

    /// Row counts of one input file; `after_cutoff` and `superseded` only where the run has them (spec section 13).
    static let rowCountsSchema = Schema.object([
        ("read", Schema.integer(minimum: 0)), ("accepted", Schema.integer(minimum: 0)), ("rejected", Schema.integer(minimum: 0)),
        ("outside_year", Schema.integer(minimum: 0)), ("after_cutoff", Schema.integer(minimum: 0)), ("superseded", Schema.integer(minimum: 0)),
    ], required: ["read", "accepted", "rejected"])

    static let runSchema = Schema.object([
        ("id", Schema.integer()), ("year", Schema.integer()), ("created_at", Schema.string()),
        ("regime_register", Schema.string(enumeration: ["current", "widened"])), ("engine_version", Schema.string()),
        ("employers", Schema.integer()), ("receipt", Schema.any("Input hashes, parameter hash, flags and engine version (analysts only).")),
        ("as_of", Schema.nullable(Schema.string(description: "The date the run saw the inputs as (spec section 13: --as-of or --stage); null: every row counts.", format: "date"))),
        ("stage", Schema.nullable(Schema.string(description: "The stage of the legal calendar the run was asked for; null without --stage.",
                                                enumeration: CalendarStage.allCases.map(\.rawValue)))),
        ("rows", Schema.map(Self.rowCountsSchema, description: "Row counts per input file (analysts only).")),
    ], required: ["id", "year", "created_at", "as_of", "stage"], open: true)

    /// The legal calendar of a run (spec section 13): its as-of date and stage, null without.
    static func calendarFields(_ run: RunSummary) -> [(String, JSONValue)] {
        [("as_of", run.asOf.map { .string($0) } ?? .null), ("stage", run.stage.map { .string($0) } ?? .null)]
    }

    /// A run as an analyst sees it: with its receipt, its legal calendar and its row counts per input file
    /// (`after_cutoff` and `superseded` where the run was seen at a date or has such rows).
    static func runForAnalyst(_ run: RunSummary) -> JSONValue {
        guard case .object(var fields) = run.json else { return run.json }
        fields += calendarFields(run)
        fields.append(("rows", .object(run.counts.sorted { $0.key.key < $1.key.key }.map { file, c in
            var pairs: [(String, JSONValue)] = [("read", .integer(Int64(c.read))), ("accepted", .integer(Int64(c.accepted))),
                                                ("rejected", .integer(Int64(c.rejected)))]
            if file == .payroll { pairs.append(("outside_year", .integer(Int64(c.outsideYear)))) }
            let calendar = run.asOf != nil || c.afterCutoff > 0 || c.superseded > 0
            if calendar && (file == .payroll || file == .register) { pairs.append(("after_cutoff", .integer(Int64(c.afterCutoff)))) }
            if calendar && file == .payroll { pairs.append(("superseded", .integer(Int64(c.superseded)))) }
            return (file.key, .object(pairs))
        })))
        return .object(fields)
    }

    /// A run as an employer token sees it: what it is, not how the operator made it.
    static func runForEmployer(_ run: RunSummary) -> JSONValue {
        .object([("id", .integer(run.id)), ("year", .integer(Int64(run.year))), ("created_at", .string(run.createdAt)),
                 ("regime_register", .string(run.regime.rawValue)), ("engine_version", .string(run.engineVersion))] + calendarFields(run))
    }

    static let employerSchema = Schema.object(
        [("employer_id", Schema.string())] + Estimate.figureSchemaFields + [("run", Schema.integer()), ("name", Schema.string()), ("region", Schema.string())],
        required: ["employer_id"] + Estimate.figureSchemaFields.map(\.0), open: true)

    static let runParameter = RouteParameter("run", in: .path, required: true, description: "The run id (`banenafspraak runs`).", schema: Schema.integer(minimum: 1))
    static let employerParameter = RouteParameter("id", in: .path, required: true, description: "The employer_id.", schema: Schema.string(pattern: "^[A-Za-z0-9]{1,32}$"))
    static let unauthorized = RouteResponse.error(401, "No token, or a token that is unknown or revoked.")
    static let unavailable = RouteResponse.error(503, "The results store cannot be reached just now (Retry-After says when to try again).")

    func routes() -> [Route] {
        [
            Route("GET", "/api/v1/runs", operationId: "runs",
                  summary: "The stored runs, oldest first: for an analyst with their receipts; for an employer only the runs that hold it, without receipts.",
                  tag: "runs", access: .bearer,
                  responses: [RouteResponse(200, "The runs.", schema: Schema.array(Self.runSchema)), Self.unauthorized, Self.unavailable]) { request, _ in
                await authorized(request) { principal in
                    let runs = try store.runs()
                    switch principal {
                    case .analyst, .auditor:
                        return .json(.array(runs.map(Self.runForAnalyst)))
                    case .employer(let id):
                        // An employer needs which runs hold its figures, not the operator's receipts (file names and flags).
                        return .json(.array(try runs.filter { try store.employer(run: $0.id, id: id) != nil }.map(Self.runForEmployer)))
                    case .municipality:
                        return .json(.array(runs.map(Self.runForEmployer)))
                    }
                }
            },
            Route("GET", "/api/v1/runs/{run}", operationId: "run",
                  summary: "One stored run: for an analyst or auditor with its receipt and row counts; for an employer only a run that holds it, and for a municipality, without them.",
                  tag: "runs", access: .bearer, parameters: [Self.runParameter],
                  responses: [RouteResponse(200, "The run.", schema: Self.runSchema), Self.unauthorized,
                              .error(404, "No such run (also a run without the employer, for an employer token)."), Self.unavailable]) { request, params in
                await authorized(request) { principal in
                    guard let id = Self.runID(params["run"]) else { return Self.noRun(params["run"]) }
                    let run = try store.run(id)
                    switch principal {
                    case .analyst, .auditor:
                        return .json(Self.runForAnalyst(run))
                    case .employer(let employer):
                        guard try store.employer(run: id, id: employer) != nil else { return Self.noRun(params["run"]) }
                        return .json(Self.runForEmployer(run))
                    case .municipality:
                        return .json(Self.runForEmployer(run))
                    }
                }
            },
            Route("GET", "/api/v1/runs/{run}/national", operationId: "run_national", summary: "A run's national figures (national.json); analysts and auditors.",
                  tag: "runs", access: .bearer, parameters: [Self.runParameter],
                  responses: [
                    RouteResponse(200, "national.json of the run.", schema: Schema.object([("year", Schema.integer())], required: ["year"], open: true)),
                    Self.unauthorized, .error(403, "An employer or municipality token does not read national figures."), .error(404, "No such run."), Self.unavailable,
                  ]) { request, params in
                await authorized(request) { principal in
                    guard principal == .analyst || principal == .auditor else { return .error(403, "this token does not read national figures") }
                    guard let run = Self.runID(params["run"]) else { return Self.noRun(params["run"]) }
                    let n = try store.national(run: run)
                    return APIResponse(status: 200, contentType: "application/json", body: Array(n.nationalJSON.utf8))
                }
            },
            Route("GET", "/api/v1/runs/{run}/employers/{id}", operationId: "run_employer",
                  summary: "One employer's figures in a run, keyed and written as in employers.csv.", tag: "runs", access: .bearer,
                  parameters: [Self.runParameter, Self.employerParameter],
                  responses: [RouteResponse(200, "The employer's figures.", schema: Self.employerSchema), Self.unauthorized,
                              .error(404, "No such run, or no such employer in it (also for another employer's id with an employer token)."), Self.unavailable]) { request, params in
                await authorized(request) { principal in
                    guard let run = Self.runID(params["run"]) else { return Self.noRun(params["run"]) }
                    let id = params["id"] ?? ""
                    guard let e = try store.employer(run: run, id: id), principal.mayReadFigures(of: e) else { return Self.noEmployer(id, run) }
                    return .json(Self.employerJSON(e, run: run))
                }
            },
            Route("GET", "/api/v1/runs/{run}/employers/{id}/explanation", operationId: "run_employer_explanation",
                  summary: "How the employer's levy and net result were made: rules, parameters with sources, inputs and steps.", tag: "runs",
                  access: .bearer, parameters: [Self.runParameter, Self.employerParameter],
                  responses: [RouteResponse(200, "The explanation trees.", schema: Schema.object([
                      ("employer_id", Schema.string()), ("run", Schema.integer()),
                      ("levy", Schema.any("Explanation of the levy (law of 2015).")), ("net", Schema.any("Explanation of the net result (simplified scheme).")),
                  ], required: ["employer_id", "run", "levy", "net"])), Self.unauthorized,
                  .error(403, "A municipality or auditor token reads no person-level data."),
                  .error(404, "No such run, or no such employer in it (also for another employer's id with an employer token)."), Self.unavailable]) { request, params in
                await authorizedCaller(request) { caller in
                    let principal = caller.principal
                    guard let run = Self.runID(params["run"]) else { return Self.noRun(params["run"]) }
                    let id = params["id"] ?? ""
                    guard let e = try store.employer(run: run, id: id), principal.mayReadFigures(of: e) else { return Self.noEmployer(id, run) }
                    guard principal.mayReadPersons else { return .error(403, "this token reads no person-level data (the explanation names persons by pseudonym)") }
                    // A read of person-level data: logged before it is answered.
                    try store.appendAccess(caller.record(endpoint: "GET /api/v1/runs/{run}/employers/{id}/explanation", run: run, employer: id,
                                                         ground: AccessGround.explanation))
                    let (levy, net) = EmployerExplanation.build(try store.assessedEmployer(run: run, employer: id))
                    return .json(.object([("employer_id", .string(id)), ("run", .integer(run)), ("levy", levy.jsonValue), ("net", net.jsonValue)]))
                }
            },
            Route("POST", "/api/v1/runs/{run}/simulations", operationId: "run_simulation",
                  summary: "A reform (policy simulation: docs/contracts-internal.md) against a stored run, on its aggregates: the simulation summary; analysts only.", tag: "runs",
                  access: .bearer, parameters: [Self.runParameter],
                  body: RouteBody(schema: Schema.object([
                      ("name", Schema.string(minLength: 1)), ("description", Schema.string()),
                      ("parameters", Schema.any("A parameter file in the format of --params, or its list; left out, the reform changes options only.")),
                      ("options", Schema.any("regime_register, scheme (law2015 or simplified), baseline_scheme.")),
                  ], required: ["name"], open: true, description: "A reform file.")),
                  responses: [
                    RouteResponse(200, "summary.json of the simulation.", schema: Schema.object([("baseline", Schema.any("Totals")), ("reform", Schema.any("Totals"))], required: ["baseline", "reform"], open: true)),
                    .error(400, "The body is not JSON."), Self.unauthorized, .error(403, "An employer token does not run simulations."),
                    .error(404, "No such run."), .error(422, "The reform is invalid (every problem is listed; field: the first), or it changes a per-line rule and needs the payroll."), Self.unavailable,
                  ]) { request, params in
                if JSONNesting.tooDeep(request.body) { return JSONNesting.error.response }
                return await authorized(request) { principal in
                    guard principal == .analyst else { return .error(403, "only an analyst token runs simulations") }
                    guard let run = Self.runID(params["run"]) else { return Self.noRun(params["run"]) }
                    _ = try store.run(run)
                    do {
                        return .json(try SimulationService.summary(store: store, run: run, reformJSON: Data(request.body), command: "POST /api/v1/runs/\(run)/simulations"))
                    } catch let e as ReformLoadError {
                        let message = e.issues.map { "\($0.path): \($0.message)" }.joined(separator: "; ")
                        return .error(422, message, field: e.issues.first.map { JSONPointer.fromJSONPath($0.path) })
                    } catch let e as SimulationError {
                        return .error(422, e.message)
                    }
                }
            },
        ]
    }

    static func runID(_ text: String?) -> RunID? {
        guard let text, let n = RunID(text), n > 0 else { return nil }
        return n
    }

    static func noRun(_ text: String?) -> APIResponse { .error(404, "no run \(text ?? "")") }
    static func noEmployer(_ id: String, _ run: RunID) -> APIResponse { .error(404, "no employer \(id) in run \(run)") }

    /// ``authorized(_:_:)`` with the caller's token id, for the access log and the objections' events.
    func authorizedCaller(_ request: APIRequest, _ body: @escaping @Sendable (Caller) throws -> APIResponse) async -> APIResponse {
        let tokenId = Caller.tokenId(hash: Digest.sha256(text: BearerAuth.token(request) ?? ""))
        return await authorized(request) { principal in try body(Caller(principal: principal, tokenId: tokenId)) }
    }

    /// What a handler's work on the work queue gives: its value, or the response that ends the request (401, 503, …).
    enum Answer<T: Sendable>: Sendable {
        case value(T)
        case response(APIResponse)
    }

    /// Checks the bearer token, then runs `body` on the work queue; store errors become 404 (unknown run or
    /// employer), 503 (busy, or the store cannot be reached: the next request tries again) or 500.
    func authorized(_ request: APIRequest, _ body: @escaping @Sendable (Principal) throws -> APIResponse) async -> APIResponse {
        switch await authorizedValue(request, body) {
        case .value(let r), .response(let r): return r
        }
    }

    /// ``authorized(_:_:)`` for work that gives a value. The token is looked up on the same trip to the work queue as
    /// `body` runs (one hop per request, not two); the answers are those of ``BearerAuth/require(_:_:)``: no token,
    /// an unknown token and a revoked token look the same.
    func authorizedValue<T: Sendable>(_ request: APIRequest, _ body: @escaping @Sendable (Principal) throws -> T) async -> Answer<T> {
        guard let token = BearerAuth.token(request), !token.isEmpty else { return .response(BearerAuth.missingToken) }
        guard token.utf8.count <= 256 else { return .response(BearerAuth.invalidToken) }
        let store = self.store
        return await env.compute {
            let principal: Principal
            do {
                guard let p = try principalNow(token: token) else { return .response(BearerAuth.invalidToken) }
                principal = p
            } catch {
                return .response(.storeUnavailable)
            }
            do { return .value(try body(principal)) } catch {
                return .response(Self.storeFailure(error, location: store.location))
            }
        }
    }

    /// A store error as the answer: 404 (unknown run or employer), 503 (busy, or unreachable) or 500.
    static func storeFailure(_ error: any Error, location: String) -> APIResponse {
        guard let e = error as? StoreError else { return .error(500, "the store could not be read") }
        switch e.kind {
        case .unknownRun, .unknownEmployer:
            // Without the store's location: a client has no business knowing where it lives.
            return .error(404, e.message.replacingOccurrences(of: " in \(location)", with: ""))
        case .locked, .io:
            _ = unavailableError(e)
            return .storeUnavailable
        default:
            logger.error("results store: \(e.message)")
            return .error(500, "the store could not be read")
        }
    }
}

/// The quotum and surcharge percentages of stored runs, by run id (a run is immutable once written).
final class RunPercentages: @unchecked Sendable {
    private let lock = NSLock()
    private var byRun: [RunID: ([Sector: BasisPoints], MilliPercent)] = [:]

    func value(_ run: RunID, orRead read: () throws -> ([Sector: BasisPoints], MilliPercent)) -> ([Sector: BasisPoints], MilliPercent)? {
        if let known = lock.withLock({ byRun[run] }) { return known }
        guard let value = try? read() else { return nil }
        lock.withLock { byRun[run] = value }
        return value
    }
}

extension Principal {
    /// Whether this principal may read that employer: an analyst every one, an employer only itself.
    func mayRead(_ employerId: String) -> Bool {
        switch self {
        case .analyst, .auditor: return true
        case .employer(let own): return ConstantTime.equal(own, employerId)
        case .municipality: return false
        }
    }

    /// Whether this principal may read the employer's figures (not its persons): an analyst and an auditor every
    /// employer, an employer itself, a municipality the employers of its arbeidsmarktregio.
    func mayReadFigures(of e: StoredEmployer) -> Bool {
        switch self {
        case .municipality(let region): return e.regionCode == region
        default: return mayRead(e.id)
        }
    }

    /// Whether this principal may read person-level data (explanations with person lines, the telt-mee look-up).
    var mayReadPersons: Bool {
        switch self {
        case .analyst, .employer: return true
        case .municipality, .auditor: return false
        }
    }
}

/// Comparison whose time does not depend on where two strings differ.
enum ConstantTime {
    static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        var diff = UInt8(truncatingIfNeeded: x.count ^ y.count)
        for i in 0..<max(x.count, y.count) {
            diff |= (i < x.count ? x[i] : 0) ^ (i < y.count ? y[i] : 0)
        }
        return diff == 0
    }
}
