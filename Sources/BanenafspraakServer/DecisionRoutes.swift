import BanenafspraakCalculators
import BanenafspraakCore
import BanenafspraakStore

/// The API of decisions, objections and the access log (spec section 14). Access: an employer token sees and
/// objects to its own decisions only (another's id is 404, as one that does not exist); analysts and auditors list
/// every decision and objection; only an analyst decides an objection; the access log is for auditors and analysts.
extension StoreAccess {
    static let decisionSchema = Schema.object(
        ["decision_id", "employer_id", "year", "levy_due", "hours_total", "hours_c", "calculation", "levy", "run", "receipt",
         "as_of", "stage", "legal_basis", "objection", "date", "revises"].map { ($0, Schema.any("As in decide's DIR/<employer_id>.json.")) },
        required: ["decision_id", "employer_id", "year", "levy"], open: true)
    static let decisionParameter = RouteParameter("id", in: .path, required: true, description: "The decision_id (QH-YEAR-EMPLOYER-RRUN).",
                                                  schema: Schema.string(pattern: "^[A-Za-z0-9-]{1,64}$"))
    static let objectionParameter = RouteParameter("id", in: .path, required: true, description: "The objection id.", schema: Schema.integer(minimum: 1))

    func decisionRoutes() -> [Route] {
        [
            Route("GET", "/api/v1/decisions", operationId: "decisions",
                  summary: "Levy decisions as decide wrote them, a page at a time: an employer token its own, analysts and auditors every one.", tag: "decisions",
                  access: .bearer,
                  parameters: [Paging.limitParameter,
                               RouteParameter("after", in: .query, required: false,
                                              description: "The decision_id of the last decision of the page before (from the Link header); absent: from the first.",
                                              schema: Schema.string(pattern: "^[A-Za-z0-9-]{1,64}$"))],
                  responses: [RouteResponse(200, "The decisions, in the order they were made.", schema: Schema.array(Self.decisionSchema), headers: [Paging.nextHeader]),
                              .error(400, "limit is not 1–500, or after is not a decision of this list."),
                              Self.unauthorized, .error(403, "A municipality token does not read decisions."), Self.unavailable]) { request, _ in
                let limit: Int
                switch Paging.limit(request) {
                case .failure(let e): return e.response
                case .success(let n): limit = n
                }
                let after = request.query("after")
                return await authorized(request) { principal in
                    let employer: String?
                    switch principal {
                    case .employer(let id): employer = id
                    case .analyst, .auditor: employer = nil
                    case .municipality: return .error(403, "a municipality token does not read decisions")
                    }
                    // Another employer's decision is no cursor, exactly as one that does not exist.
                    guard var found = try store.decisions(employer: employer, after: after, limit: limit + 1) else {
                        return .error(400, "after is not a decision of this list", field: "after")
                    }
                    let more = found.count > limit
                    if more { found.removeLast(found.count - limit) }
                    // Each document is the JSON decide wrote, kept as it was.
                    return Paging.response(Array(("[" + found.map(\.document).joined(separator: ",") + "]").utf8), more: more,
                                           path: "/api/v1/decisions", limit: limit, lastCursor: found.last?.id)
                }
            },
            Route("POST", "/api/v1/decisions/{id}/objections", operationId: "decision_objection",
                  summary: "Object to one's own decision (bezwaar, AWR hoofdstuk V by Wfsv art. 38h lid 7); employer tokens only.", tag: "decisions",
                  access: .bearer, parameters: [Self.decisionParameter],
                  body: RouteBody(schema: Schema.object([
                      ("grounds", Schema.string(description: "The grounds, 1–5,000 characters.", minLength: 1, maxLength: Objections.maxGrounds)),
                      ("disputed", Schema.nullable(Schema.string(description: "The disputed figure or payroll line.", maxLength: Objections.maxDisputed))),
                  ], required: ["grounds"])),
                  responses: [RouteResponse(201, "The objection as kept, with its id.", schema: Objections.schema),
                              .error(400, "The body is not JSON."), Self.unauthorized, .error(403, "Only an employer token objects."),
                              .error(404, "No such decision of this employer."), .error(422, "The grounds are empty or too long, or a field is unknown."),
                              Self.unavailable]) { request, params in
                if JSONNesting.tooDeep(request.body) { return JSONNesting.error.response }
                let tokenId = Caller.tokenId(hash: Digest.sha256(text: BearerAuth.token(request) ?? ""))
                // Checked and made on the work queue; kept by the objection writer, in a group commit with the
                // objections of other requests, while no work queue waits for the disk.
                let prepared = await authorizedValue(request) { principal -> Answer<StoredObjection> in
                    let caller = Caller(principal: principal, tokenId: tokenId)
                    guard case .employer(let own) = caller.principal else { return .response(.error(403, "only an employer token objects to a decision")) }
                    let id = params["id"] ?? ""
                    // The decision first: another employer's id is 404 whatever the body holds.
                    guard let decision = try store.decision(id: id), ConstantTime.equal(decision.employerId, own) else { return .response(.error(404, "no decision \(id)")) }
                    switch Objections.Submission.parse(request.bodyText) {
                    case .failure(let e): return .response(e.response)
                    case .success(let submission):
                        guard let objection = Objections.prepare(submission, decision: decision, employer: own, actor: caller.actor) else {
                            return .response(.error(404, "no decision \(id)"))
                        }
                        return .value(objection)
                    }
                }
                switch prepared {
                case .response(let r), .value(.response(let r)): return r
                case .value(.value(let objection)):
                    switch await objectionWriter.insert(objection) {
                    case .success(let kept): return .json(Objections.json(kept), status: 201)
                    case .failure(let error): return Self.storeFailure(error, location: store.location)
                    }
                }
            },
            Route("GET", "/api/v1/objections", operationId: "objections",
                  summary: "The objections with their status and events, oldest first, a page at a time; analysts and auditors.",
                  tag: "decisions", access: .bearer,
                  parameters: [Paging.limitParameter,
                               RouteParameter("after", in: .query, required: false,
                                              description: "The id of the last objection of the page before (from the Link header); absent: from the first.",
                                              schema: Schema.integer(minimum: 0))],
                  responses: [RouteResponse(200, "The objections, oldest first.", schema: Schema.array(Objections.schema), headers: [Paging.nextHeader]),
                              .error(400, "limit is not 1–500, or after is not a whole number of 0 or more."),
                              Self.unauthorized, .error(403, "Only analysts and auditors list objections."), Self.unavailable]) { request, _ in
                let limit: Int
                switch Paging.limit(request) {
                case .failure(let e): return e.response
                case .success(let n): limit = n
                }
                let after = request.query("after").map { Int64($0) } ?? 0
                guard let after, after >= 0 else { return .error(400, "after must be an objection id (a whole number of 0 or more)", field: "after") }
                return await authorized(request) { principal in
                    guard principal == .analyst || principal == .auditor else { return .error(403, "only analysts and auditors list objections") }
                    var found = try store.objections(employer: nil, after: after, limit: limit + 1)
                    let more = found.count > limit
                    if more { found.removeLast(found.count - limit) }
                    return Paging.response(JSONBytes.render(.array(found.map(Objections.json))), more: more, path: "/api/v1/objections",
                                           limit: limit, lastCursor: found.last.map { String($0.id) })
                }
            },
            Route("POST", "/api/v1/objections/{id}/decision", operationId: "objection_decision",
                  summary: "Decide an open objection: upheld or rejected, with the reason; analysts only.", tag: "decisions",
                  access: .bearer, parameters: [Self.objectionParameter],
                  body: RouteBody(schema: Schema.object([
                      ("outcome", Schema.string(enumeration: Objections.Outcome.allCases.map(\.rawValue))),
                      ("reason", Schema.string(description: "Why, 1–5,000 characters.", minLength: 1, maxLength: Objections.maxGrounds)),
                  ], required: ["outcome", "reason"])),
                  responses: [RouteResponse(200, "The objection with its new event.", schema: Objections.schema),
                              .error(400, "The body is not JSON."), Self.unauthorized, .error(403, "Only an analyst decides."),
                              .error(404, "No such objection."), .error(409, "The objection was already decided."),
                              .error(422, "The outcome or reason is missing or wrong."), Self.unavailable]) { request, params in
                if JSONNesting.tooDeep(request.body) { return JSONNesting.error.response }
                return await authorizedCaller(request) { caller in
                    guard caller.principal == .analyst else { return .error(403, "only an analyst decides an objection") }
                    guard let id = params["id"].flatMap({ Int64($0) }), let objection = try store.objection(id: id) else {
                        return .error(404, "no objection \(params["id"] ?? "")")
                    }
                    let parsed: (Objections.Outcome, String)
                    switch Objections.parseDecision(request.bodyText) {
                    case .failure(let e): return e.response
                    case .success(let p): parsed = p
                    }
                    guard objection.status == .open else { return .error(409, "objection \(id) was already decided (\(objection.status.rawValue))") }
                    let kind: ObjectionEvent.Kind = parsed.0 == .upheld ? .upheld : .rejected
                    try store.appendObjectionEvent(objection: id, ObjectionEvent(kind: kind, reason: parsed.1, actor: caller.actor, at: Sessions.now()))
                    guard let after = try store.objection(id: id) else { return .error(404, "no objection \(id)") }
                    return .json(Objections.json(after))
                }
            },
            Route("GET", "/api/v1/access-log", operationId: "access_log",
                  summary: "The access log (Logboek dataverwerkingen): every read of person-level data; auditors and analysts.", tag: "decisions",
                  access: .bearer,
                  parameters: [RouteParameter("since", in: .query, required: false, description: "Only records from this date (YYYY-MM-DD) on.",
                                              schema: Schema.string(pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))],
                  responses: [RouteResponse(200, "The records, oldest first.", schema: Schema.array(Schema.object(
                      [("at", Schema.string()), ("token_id", Schema.string()), ("role", Schema.string()), ("endpoint", Schema.string()),
                       ("run", Schema.any("The run id or null.")), ("employer_id", Schema.any("The employer or null.")), ("ground", Schema.string())],
                      required: ["at", "token_id", "role", "endpoint", "ground"]))),
                              .error(400, "since is not a date."), Self.unauthorized, .error(403, "Only auditors and analysts read the access log."), Self.unavailable]) { request, _ in
                let since = request.query("since")
                return await authorized(request) { principal in
                    guard principal == .analyst || principal == .auditor else { return .error(403, "only auditors and analysts read the access log") }
                    if let since, LocalDate(since) == nil { return .error(400, "since must be a date YYYY-MM-DD", field: "since") }
                    return .json(.array(try store.accessLog(since: since).map(\.json)))
                }
            },
        ]
    }
}

extension Objections {
    /// `{"outcome": "upheld" | "rejected", "reason": text}`, strictly.
    static func parseDecision(_ body: String) -> Result<(Outcome, String), APIError> {
        let value: CaseValue
        do { value = try CaseValue.parse(body) } catch { return .failure(APIError(status: 400, message: "the body is not valid JSON: \(error.message)")) }
        do throws(CaseError) {
            var top = try CaseInput(value, path: "")
            let outcome = try top.choice("outcome", as: Outcome.self)
            guard case .string(let reason)? = try top.raw("reason", required: true) else { throw CaseError(field: "reason", message: "expected text") }
            try top.finish()
            let r = reason.trimmingSpaces
            guard !r.isEmpty, r.unicodeScalars.count <= maxGrounds else { throw CaseError(field: "reason", message: "the reason holds 1–\(maxGrounds) characters") }
            return .success((outcome, r))
        } catch {
            return .failure(APIError(status: 422, message: error.message, field: JSONPointer.fromDottedPath(error.field)))
        }
    }
}
