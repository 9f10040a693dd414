import BanenafspraakCore
import BanenafspraakStore

/// Who a bearer token speaks for (server: docs/contracts-internal.md, "Access").
public enum Principal: Sendable, Equatable {
    /// Reads only this employer's figures and explanation, in every run.
    case employer(String)
    /// Reads everything, national figures and simulations included.
    case analyst
    /// The aggregates of its arbeidsmarktregio (`AMR01`–`AMR35`) and the figures, not the persons, of the employers in it.
    case municipality(region: String)
    /// Read-only: runs, receipts, decisions, objections and the access log; no person-level data.
    case auditor

    init(_ access: TokenAccess) {
        switch access {
        case .employer(let id): self = .employer(id)
        case .analyst: self = .analyst
        case .municipality(let region): self = .municipality(region: region)
        case .auditor: self = .auditor
        }
    }

    var role: TokenRole {
        switch self {
        case .employer: return .employer
        case .analyst: return .analyst
        case .municipality: return .municipality
        case .auditor: return .auditor
        }
    }
}

/// Looks a presented token up: nil for an unknown or revoked token; throws ``StoreUnavailable`` when the store
/// cannot be asked (so a store that is down never looks like a wrong token).
public typealias TokenResolver = @Sendable (_ token: String) async throws -> Principal?

/// The results store could not be reached for this request (a PostgreSQL server restarting, a busy SQLite file).
/// The request gets 503 with `Retry-After`; the next one tries again.
public struct StoreUnavailable: Error, Sendable {
    /// What the store said: for the server's log, not for the client.
    public var detail: String
    public init(detail: String) { self.detail = detail }
}

extension APIResponse {
    /// 503 with `Retry-After: 5`: the store is down or busy just now.
    static var storeUnavailable: APIResponse {
        var r = APIResponse.error(503, "the results store cannot be reached just now; try again in a few seconds")
        r.headers.append(("Retry-After", "5"))
        return r
    }
}

enum BearerAuth {
    /// The token of an `Authorization: Bearer …` header. The API takes nothing else: a browser's cookies are never
    /// a credential for it, so no other site can make a signed-in browser call it (cross-site request forgery).
    static func token(_ request: APIRequest) -> String? {
        guard let h = request.header("authorization") else { return nil }
        let parts = h.split(separator: " ", maxSplits: 1)
        if parts.count == 2, parts[0].lowercased() == "bearer" { return String(parts[1]).trimmingSpaces }
        return nil
    }

    static func cookie(_ request: APIRequest, _ name: String) -> String? {
        guard let header = request.header("cookie") else { return nil }
        for part in header.split(separator: ";") {
            let kv = part.split(separator: "=", maxSplits: 1)
            if kv.count == 2, kv[0].trimmingCharacters(in: " ") == name { return String(kv[1]).trimmingSpaces }
        }
        return nil
    }

    /// The principal, or the 401 response: no token, an unknown token and a revoked token look the same.
    static func require(_ request: APIRequest, _ resolve: TokenResolver?) async -> Result<Principal, APIErrorResponse> {
        guard let token = token(request), !token.isEmpty else { return .failure(APIErrorResponse(response: missingToken)) }
        do {
            guard token.utf8.count <= 256, let resolve, let principal = try await resolve(token) else {
                return .failure(APIErrorResponse(response: invalidToken))
            }
            return .success(principal)
        } catch {
            return .failure(APIErrorResponse(response: .storeUnavailable))
        }
    }

    static var missingToken: APIResponse { unauthorized("a bearer token is required (Authorization: Bearer …)") }
    /// An unknown and a revoked token get the same answer.
    static var invalidToken: APIResponse { unauthorized("the token is not valid or has been revoked") }

    static func unauthorized(_ message: String) -> APIResponse {
        var r = APIResponse.error(401, message)
        r.headers.append(("WWW-Authenticate", "Bearer realm=\"banenafspraak\""))
        return r
    }
}

/// A response carried as an error value.
struct APIErrorResponse: Error { var response: APIResponse }

extension Substring {
    func trimmingCharacters(in set: Character) -> String {
        var s = self
        while s.first == set { s = s.dropFirst() }
        while s.last == set { s = s.dropLast() }
        return String(s)
    }
}

/// Who made a request: the principal and its token id (the first 16 hex digits of the token's SHA-256), for the
/// access log and the events of an objection.
struct Caller: Sendable {
    var principal: Principal
    var tokenId: String

    static func tokenId(hash: String) -> String { String(hash.prefix(16)) }

    /// `role:token-id`, who an objection's event names.
    var actor: String { "\(principal.role.rawValue):\(tokenId)" }

    func record(endpoint: String, run: RunID?, employer: String?, ground: String) -> AccessRecord {
        AccessRecord(at: Sessions.now(), tokenId: tokenId, role: principal.role, endpoint: endpoint, run: run, employerId: employer, ground: ground)
    }
}

/// The grounds of reads of person-level data, as the access log records them.
enum AccessGround {
    static let explanation = "uitleg van de quotumheffing aan de werkgever of de uitvoerder (Wfsv art. 38h lid 2 onder d en e)"
    static let countsForC = "telt-mee: of een eigen werknemer meetelt voor de uren van arbeidsbeperkten (Wfsv art. 38h lid 2 onder d)"
}
