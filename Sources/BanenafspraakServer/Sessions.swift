import BanenafspraakStore
import Foundation

/// The sign-in session of the employer pages (server: docs/contracts-internal.md, "Sign-in"). Signing in with a
/// token opens a session of its own: a random id in an HttpOnly, SameSite=Strict cookie with a Max-Age (and
/// `Secure` when the request came over TLS), kept in the store only as a hash, with its end. It ends at that
/// time, on signing out, or when its token is revoked. The token itself never goes into a cookie.
enum Sessions {
    static let cookieName = "banenafspraak_session"
    /// Eight hours: a working day.
    static let lifetimeSeconds = 8 * 3600

    /// 256 random bits in hex.
    static func randomID() -> String {
        var rng = SystemRandomNumberGenerator()
        var out = ""
        for _ in 0..<4 { out += String(format: "%016llx", rng.next() as UInt64) }
        return out
    }

    /// A session id or CSRF value as issued: 64 lower-case hex digits (anything else is not looked up).
    static func wellFormed(_ id: String) -> Bool {
        id.utf8.count == 64 && id.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    /// ISO 8601 UTC to the second (`2026-12-03T17:36:00Z`), as `ISO8601DateFormatter` writes it; made from the
    /// calendar fields directly, since a formatter per call was 8 % of a loaded server's time (perf).
    static func now(plus seconds: Int = 0) -> String {
        var t = time_t(Date().timeIntervalSince1970.rounded(.down)) + time_t(seconds)
        var f = tm()
        gmtime_r(&t, &f)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let year = String(f.tm_year + 1900)
        return "\(String(repeating: "0", count: max(0, 4 - year.count)))\(year)-\(two(f.tm_mon + 1))-\(two(f.tm_mday))T\(two(f.tm_hour)):\(two(f.tm_min)):\(two(f.tm_sec))Z"
    }

    static func cookie(_ id: String, secure: Bool) -> String {
        "\(cookieName)=\(id); Path=/; HttpOnly; SameSite=Strict; Max-Age=\(lifetimeSeconds)\(secure ? "; Secure" : "")"
    }

    static func clearingCookie(secure: Bool) -> String {
        "\(cookieName)=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0\(secure ? "; Secure" : "")"
    }

    /// The session id of the request's cookie, when well formed.
    static func id(_ request: APIRequest) -> String? {
        BearerAuth.cookie(request, cookieName).flatMap { wellFormed($0) ? $0 : nil }
    }
}

extension StoreAccess {
    /// Opens a session for a valid token and returns its id; throws ``StoreUnavailable`` when the store cannot be written.
    func openSession(token: String) async throws -> String {
        let store = self.store, id = Sessions.randomID()
        let hash = Digest.sha256(text: id), tokenHash = Digest.sha256(text: token)
        let result = await env.compute {
            Result { try store.insertSession(hash: hash, tokenHash: tokenHash, createdAt: Sessions.now(), expiresAt: Sessions.now(plus: Sessions.lifetimeSeconds)) }
        }
        if case .failure(let error) = result { throw Self.unavailableError(error) }
        return id
    }

    /// The principal of a session: nil when it is unknown, has ended, or its token has been revoked.
    func principal(session id: String) async throws -> Principal? { try await caller(session: id)?.principal }

    /// The principal of a session with its token id (for the access log and an objection's events).
    func caller(session id: String) async throws -> Caller? {
        let store = self.store, hash = Digest.sha256(text: id)
        let found: (StoredSession, StoredToken?)?
        switch await env.compute({ Result { () throws -> (StoredSession, StoredToken?)? in
            guard let session = try store.session(hash: hash) else { return nil }
            return (session, try store.token(hash: session.tokenHash))
        } }) {
        case .success(let value): found = value
        case .failure(let error): throw Self.unavailableError(error)
        }
        guard let (session, token) = found, let token, token.isActive, ConstantTime.equal(session.hash, hash),
              session.expiresAt > Sessions.now() else { return nil }
        return Caller(principal: Principal(token.access), tokenId: Caller.tokenId(hash: token.hash))
    }

    /// Ends a session; a store that cannot be written is logged (the cookie is cleared anyway).
    func closeSession(_ id: String) async {
        let store = self.store, hash = Digest.sha256(text: id)
        if case .failure(let error) = await env.compute({ Result { try store.deleteSession(hash: hash) } }) {
            _ = Self.unavailableError(error)
        }
    }
}

/// Cross-site request forgery (server: docs/contracts-internal.md, "Sign-in"): every state-changing form (signing
/// in, signing out) carries a random value that is also in a SameSite=Strict cookie (double submit), and a posted
/// form must carry both, equal, and must not come from another site (`Sec-Fetch-Site`, or an `Origin` other than
/// this host).
enum CSRF {
    static let cookieName = "banenafspraak_csrf"
    static let fieldName = "csrf"

    /// The value for a form: the request's own when it has a well-formed one, else a new one with its cookie.
    static func value(for request: APIRequest) -> (value: String, setCookie: String?) {
        if let v = BearerAuth.cookie(request, cookieName), Sessions.wellFormed(v) { return (v, nil) }
        let v = Sessions.randomID()
        return (v, "\(cookieName)=\(v); Path=/; HttpOnly; SameSite=Strict\(request.secure ? "; Secure" : "")")
    }

    /// Whether a posted form passes: same site, and the form's value equals the cookie's.
    static func passes(_ request: APIRequest, form: [String: String]) -> Bool {
        if let site = request.header("sec-fetch-site"), !["same-origin", "none"].contains(site.lowercased()) { return false }
        // A page sent with `Referrer-Policy: no-referrer` (all of ours) makes the browser post `Origin: null`: that
        // says nothing, and the site check and the double submit decide.
        if let origin = request.header("origin"), origin != "null" {
            guard let host = request.header("host"), origin.lowercased().hasSuffix("://" + host.lowercased()) else { return false }
        }
        guard let cookie = BearerAuth.cookie(request, cookieName), Sessions.wellFormed(cookie),
              let posted = form[fieldName] else { return false }
        return ConstantTime.equal(cookie, posted)
    }

    static let refusedMessage = "Het formulier is verlopen of kwam niet van deze site. Probeer het opnieuw."
}
