import BanenafspraakCore
import BanenafspraakStore
import BanenafspraakStoreOpen
import BanenafspraakTestSupport
@testable import BanenafspraakServer
import Foundation
import NIOCore
import Testing

/// Sign-in sessions, CSRF and what an employer token lists (section 14, "Web security"), on every back-end.
@Suite("Sessions, CSRF and the employer's run list (spec 10, 14)", .serialized)
struct SessionTests {
    @Test("the time of an event and a session is what ISO8601DateFormatter writes, to the second, in UTC")
    func now() {
        for offset in [0, 59, 3_600, -86_400, 400 * 86_400, -30 * 365 * 86_400] {
            // Taken twice within microseconds: at most one of three tries straddles a second.
            let same = (0..<3).contains { _ in
                Sessions.now(plus: offset) == ISO8601DateFormatter().string(from: Date().addingTimeInterval(TimeInterval(offset)))
            }
            #expect(same, "\(offset): \(Sessions.now(plus: offset))")
        }
        #expect(Sessions.now().count == 20)
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var fixtures: [StoreBackend: AccessTests.Fixture] = [:]

    /// A store of its own (not the one of ``AccessTests``, which runs beside this suite), with the `tiny` run.
    static func fixture(_ backend: StoreBackend) -> AccessTests.Fixture {
        lock.withLock {
            if let f = fixtures[backend] { return f }
            let f = AccessTests.makeFixture(backend)
            fixtures[backend] = f
            return f
        }
    }

    static func issue(_ backend: StoreBackend, _ args: [String]) throws -> String {
        let r = try CLI.run(["token", "issue", "--store", fixture(backend).store] + args)
        #expect(r.status == 0, "\(r.stderr)")
        return r.stdout.split(separator: "\n").last.map(String.init) ?? ""
    }

    @Test("a cross-site or token-less sign-in post is refused with 403 and sets no session; the API never takes the page's cookies",
          arguments: StoreBackend.configured)
    func csrf(_ backend: StoreBackend) async throws {
        let f = Self.fixture(backend)
        let token = try Self.issue(backend, ["--employer", f.ids[1]])
        let s = try TestServer(store: try openResultsStore(url: f.store, create: false))
        let form = ["content-type": "application/x-www-form-urlencoded"]

        // Another site posts the form with the victim's browser: no CSRF cookie (SameSite=Strict), no field.
        let forged = await s.send("POST", "/inloggen", body: "token=\(token)", headers: form)
        #expect(forged.status == 403)
        #expect(TestServer.setCookie(forged, "banenafspraak_session") == nil)
        #expect(forged.bodyText.contains("Het formulier is verlopen"))

        // A field that does not match the cookie, and a matching pair sent from another site.
        let csrf = String(repeating: "ab", count: 32)
        let mismatched = await s.send("POST", "/inloggen", body: "csrf=\(String(repeating: "cd", count: 32))&token=\(token)",
                                      headers: form.merging(["cookie": "banenafspraak_csrf=\(csrf)"]) { a, _ in a })
        #expect(mismatched.status == 403)
        for crossSite in [["sec-fetch-site": "cross-site"], ["origin": "https://evil.example", "host": "127.0.0.1:8080"]] {
            let r = await s.send("POST", "/inloggen", body: "csrf=\(csrf)&token=\(token)",
                                 headers: form.merging(crossSite.merging(["cookie": "banenafspraak_csrf=\(csrf)"]) { a, _ in a }) { a, _ in a })
            #expect(r.status == 403, "\(crossSite)")
        }
        // The same pair from the page itself signs in.
        let sameSite = await s.send("POST", "/inloggen", body: "csrf=\(csrf)&token=\(token)",
                                    headers: form.merging(["cookie": "banenafspraak_csrf=\(csrf)", "origin": "http://127.0.0.1:8080",
                                                           "host": "127.0.0.1:8080", "sec-fetch-site": "same-origin"]) { a, _ in a })
        #expect(sameSite.status == 303)

        // The API: the session cookie is no credential, only `Authorization: Bearer`.
        let (_, cookies) = await s.signIn(token: token)
        #expect(await s.send("GET", "/api/v1/runs", headers: ["cookie": cookies]).status == 401)
        #expect(await s.send("GET", "/api/v1/runs/\(f.run)/employers/\(f.ids[1])", headers: ["cookie": cookies]).status == 401)
        #expect(await s.send("GET", "/api/v1/runs/\(f.run)/employers/\(f.ids[1])", headers: ["cookie": "banenafspraak_token=\(token)"]).status == 401)

        // Signing out is a form with the CSRF value too.
        #expect(await s.send("POST", "/uitloggen", headers: ["cookie": cookies]).status == 403)
        #expect(await s.send("GET", "/werkgever", headers: ["cookie": cookies]).status == 200)
    }

    @Test("signing in opens a session of its own: a random id (not the token) in an HttpOnly, SameSite=Strict cookie with Max-Age, Secure over TLS; kept hashed; ends on sign-out, on expiry and with its token",
          arguments: StoreBackend.configured)
    func session(_ backend: StoreBackend) async throws {
        let f = Self.fixture(backend)
        let token = try Self.issue(backend, ["--employer", f.ids[2]])
        let store = try openResultsStore(url: f.store, create: false)
        let s = try TestServer(store: store)

        let (post, cookies) = await s.signIn(token: token)
        #expect(post.status == 303)
        let cookie = try #require(TestServer.setCookie(post, "banenafspraak_session"))
        #expect(cookie.value.count == 64 && cookie.value != token)
        #expect(!post.headers.contains { $0.1.contains(token) })
        for attribute in ["Path=/", "HttpOnly", "SameSite=Strict", "Max-Age=28800"] { #expect(cookie.attributes.contains(attribute), "\(attribute)") }
        #expect(!cookie.attributes.contains("Secure"))
        // Kept only as a hash.
        let stored = try #require(try store.session(hash: Digest.sha256(text: cookie.value)))
        #expect(stored.tokenHash == Digest.sha256(text: token))
        #expect(stored.expiresAt > stored.createdAt)
        #expect(try store.session(hash: cookie.value) == nil)

        // The page with the session; the old token cookie signs nobody in.
        #expect(await s.send("GET", "/werkgever", headers: ["cookie": cookies]).status == 200)
        #expect(await s.send("GET", "/werkgever", headers: ["cookie": "banenafspraak_token=\(token)"]).status == 303)

        // Over TLS (a loopback proxy said so) the cookies get Secure.
        let (securePost, _) = await s.signIn(token: token, secure: true)
        #expect(TestServer.setCookie(securePost, "banenafspraak_session")?.attributes.contains("Secure") == true)
        #expect(TableResponder.cameOverTLS(forwardedProto: "https", peer: try SocketAddress(ipAddress: "127.0.0.1", port: 40000)))
        #expect(TableResponder.cameOverTLS(forwardedProto: "https", peer: try SocketAddress(ipAddress: "::1", port: 40000)))
        #expect(!TableResponder.cameOverTLS(forwardedProto: "https", peer: try SocketAddress(ipAddress: "192.0.2.7", port: 40000)))
        #expect(!TableResponder.cameOverTLS(forwardedProto: nil, peer: try SocketAddress(ipAddress: "127.0.0.1", port: 40000)))

        // Signing out ends the session in the store, not only in the browser.
        let csrf = cookies.split(separator: ";")[0].split(separator: "=")[1]
        let out = await s.send("POST", "/uitloggen", body: "csrf=\(csrf)", headers: ["cookie": cookies])
        #expect(out.status == 303)
        #expect(TestServer.setCookie(out, "banenafspraak_session")?.attributes.contains("Max-Age=0") == true)
        #expect(await s.send("GET", "/werkgever", headers: ["cookie": cookies]).status == 303)

        // A session past its end.
        let old = String(repeating: "e", count: 64)
        try store.insertSession(hash: Digest.sha256(text: old), tokenHash: Digest.sha256(text: token),
                                createdAt: "2020-01-01T00:00:00Z", expiresAt: "2020-01-01T08:00:00Z")
        #expect(await s.send("GET", "/werkgever", headers: ["cookie": "banenafspraak_session=\(old)"]).status == 303)

        // Revoking the token ends its sessions.
        let (_, live) = await s.signIn(token: token)
        #expect(await s.send("GET", "/werkgever", headers: ["cookie": live]).status == 200)
        // (In this process, as `token revoke` does: another process's write beside this one's open store is the
        // store's own business, tested there.)
        #expect(try store.revokeToken(hash: Digest.sha256(text: token), at: Sessions.now()))
        #expect(await s.send("GET", "/werkgever", headers: ["cookie": live]).status == 303)
    }

    @Test("an employer token lists only the runs that hold it, without receipts (no file paths or flags); an analyst sees the receipts",
          arguments: StoreBackend.configured)
    func runList(_ backend: StoreBackend) async throws {
        let f = Self.fixture(backend)
        let employer = try Self.issue(backend, ["--employer", f.ids[0]])
        let analyst = try Self.issue(backend, ["--role", "analyst"])
        let stranger = try Self.issue(backend, ["--employer", "NOSUCHEMPLOYER"])
        let s = try TestServer(store: try openResultsStore(url: f.store, create: false))
        let forAnalyst = await s.send("GET", "/api/v1/runs", headers: ["authorization": "Bearer \(analyst)"])
        let analystRuns = try JSONSerialization.jsonObject(with: Data(forAnalyst.body)) as! [[String: Any]]
        let receipt = try #require(analystRuns.last?["receipt"] as? [String: Any])
        let flags = try #require(receipt["flags"] as? [String])
        let inputPath = try #require(flags.firstIndex(of: "--in").map { flags[$0 + 1] })

        let forEmployer = await s.send("GET", "/api/v1/runs", headers: ["authorization": "Bearer \(employer)"])
        #expect(forEmployer.status == 200)
        let runs = try JSONSerialization.jsonObject(with: Data(forEmployer.body)) as! [[String: Any]]
        #expect(runs.contains { ($0["id"] as? NSNumber)?.int64Value == f.run })
        #expect(runs.allSatisfy { $0["receipt"] == nil && $0["year"] != nil })
        #expect(!forEmployer.bodyText.contains(inputPath))
        #expect(!forEmployer.bodyText.contains("flags"))

        // An employer in no run lists none.
        let none = await s.send("GET", "/api/v1/runs", headers: ["authorization": "Bearer \(stranger)"])
        #expect(none.status == 200 && none.bodyText == "[]", "\(none.status) \(none.bodyText.prefix(300))")
    }
}
