import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// A plain TCP connection to the server on loopback, for what URLSession hides: HTTP/1.0, idle connections,
/// a body the server refuses while it is still being sent. Reads and writes give up after `timeout` seconds
/// (a guard against hanging, never the thing tested).
final class RawConnection {
    let fd: Int32

    init(port: Int, timeout: Int = 10) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { Glibc.close(fd); throw URLError(.cannotConnectToHost) }
        setTimeout(seconds: timeout)
    }

    func setTimeout(seconds: Int) {
        var t = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &t, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &t, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Writes all of `bytes`; false when the server closed or the write timed out first.
    @discardableResult
    func send(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return false }
            offset += n
        }
        return true
    }

    @discardableResult
    func send(_ text: String) -> Bool { send(Array(text.utf8)) }

    /// Reads until the server closes (`closed` true) or the read fails or times out (`closed` false).
    func readToEnd() -> (text: String, closed: Bool) {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n == 0 { return (String(decoding: data, as: UTF8.self), true) }
            if n < 0 { return (String(decoding: data, as: UTF8.self), false) }
            data.append(contentsOf: buffer[0..<n])
        }
    }

    /// Reads one response with a Content-Length body; nil when the connection ends or times out first.
    func readResponse() -> String? {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let text = String(decoding: data, as: UTF8.self)
            if let end = text.range(of: "\r\n\r\n") {
                let head = text[..<end.lowerBound].lowercased()
                let length = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                    .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
                if text.utf8.count >= text[..<end.upperBound].utf8.count + length { return text }
            }
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { return nil }
            data.append(contentsOf: buffer[0..<n])
        }
    }

    func close() { Glibc.close(fd) }
    deinit { Glibc.close(fd) }
}

/// Connections: caps per client and in total, the end of a connection after HTTP/1.0 and after a 413, and a
/// server that lives through a date far in the future (section 10, 14).
@Suite("Connections and hardening of the live server (spec 10, 14)", .serialized)
struct ConnectionTests {
    static let health = "GET /api/v1/health HTTP/1.1\r\nHost: t\r\n\r\n"

    static func waitForLog(_ server: LiveServerTests.Server, _ text: String) async throws -> Bool {
        for _ in 0..<100 {
            if server.log().contains(text) { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    @Test("one client gets at most --max-connections-per-client connections: the next is closed at once, logged once, and a slot is free again after one closes")
    func perClientCap() async throws {
        let server = try LiveServerTests.Server(extra: ["--max-connections-per-client", "3"])
        let port = try #require(server.url.port)
        var open: [RawConnection] = []
        for _ in 0..<3 {
            let c = try RawConnection(port: port)
            c.send(Self.health)
            #expect(c.readResponse()?.hasPrefix("HTTP/1.1 200") == true)
            open.append(c)
        }
        // The fourth is closed without a word; so is a fifth, with one warning in the log for both.
        for _ in 0..<2 {
            let extra = try RawConnection(port: port)
            let (text, closed) = extra.readToEnd()
            #expect(closed && text.isEmpty)
        }
        #expect(try await Self.waitForLog(server, "the limit per client"))
        #expect(server.log().components(separatedBy: "the limit per client").count == 2)
        // The first three still work.
        open[1].send(Self.health)
        #expect(open[1].readResponse()?.hasPrefix("HTTP/1.1 200") == true)
        // Once one closes, a new connection gets its slot (the server sees the close a moment later).
        open.removeFirst().close()
        var served = false
        for _ in 0..<50 where !served {
            let c = try RawConnection(port: port)
            c.send(Self.health)
            served = c.readResponse()?.hasPrefix("HTTP/1.1 200") == true
            if !served { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(served)
        #expect(server.stop() == 0)
    }

    @Test("at --max-connections the server accepts no more until one closes, and logs it; the waiting request is then answered")
    func totalCap() async throws {
        let server = try LiveServerTests.Server(extra: ["--max-connections", "3", "--max-connections-per-client", "3"])
        let port = try #require(server.url.port)
        var open: [RawConnection] = []
        for _ in 0..<3 {
            let c = try RawConnection(port: port)
            c.send(Self.health)
            #expect(c.readResponse()?.hasPrefix("HTTP/1.1 200") == true)
            open.append(c)
        }
        #expect(try await Self.waitForLog(server, "the limit (--max-connections)"))
        // The fourth waits in the listen backlog: no answer while three are open.
        let waiting = try RawConnection(port: port)
        waiting.send(Self.health)
        waiting.setTimeout(seconds: 1)
        #expect(waiting.readResponse() == nil)
        waiting.setTimeout(seconds: 10)
        open.removeFirst().close()
        #expect(waiting.readResponse()?.hasPrefix("HTTP/1.1 200") == true)
        #expect(server.stop() == 0)
    }

    @Test("an HTTP/1.0 request without keep-alive is answered and the connection closed right after, not after the idle timeout")
    func http10Closes() async throws {
        let server = try LiveServerTests.Server(extra: ["--idle-timeout", "60"])
        let port = try #require(server.url.port)
        let c = try RawConnection(port: port)
        c.send("GET /api/v1/health HTTP/1.0\r\n\r\n")
        let (text, closed) = c.readToEnd()
        #expect(text.hasPrefix("HTTP/1.1 200"))
        #expect(text.lowercased().contains("connection: close"))
        #expect(text.hasSuffix(#"{"status":"ok"}"#))
        #expect(closed)
        // HTTP/1.0 with keep-alive stays open for the next request.
        let k = try RawConnection(port: port)
        k.send("GET /api/v1/health HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        #expect(k.readResponse()?.hasPrefix("HTTP/1.1 200") == true)
        k.send("GET /api/v1/health HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        #expect(k.readResponse()?.hasPrefix("HTTP/1.1 200") == true)
        #expect(server.stop() == 0)
    }

    @Test("a 12 MiB body is answered 413 at once and the connection closed after it: a client that writes the whole body first still reads the 413",
          arguments: [true, false])
    func oversizedBody(connectionClose: Bool) async throws {
        let server = try LiveServerTests.Server(extra: ["--max-body-bytes", "4096", "--idle-timeout", "60"])
        let port = try #require(server.url.port)
        let size = 12 * 1024 * 1024
        let c = try RawConnection(port: port)
        c.send("POST /api/v1/calc HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: \(size)\r\n\(connectionClose ? "Connection: close\r\n" : "")\r\n")
        #expect(c.send([UInt8](repeating: UInt8(ascii: " "), count: size)), "the whole body was written, not a broken pipe")
        let (text, closed) = c.readToEnd()
        #expect(text.hasPrefix("HTTP/1.1 413"), "\(text.prefix(200))")
        #expect(text.contains("larger than 4096 bytes"))
        #expect(closed)
        // Still serving.
        let h = try RawConnection(port: port)
        h.send(Self.health)
        #expect(h.readResponse()?.hasPrefix("HTTP/1.1 200") == true)
        #expect(server.stop() == 0)
    }

    @Test("a body sent to a route that reads none ends the connection after the answer (no trickling a body nobody reads)")
    func unreadBodyCloses() async throws {
        let server = try LiveServerTests.Server(extra: ["--idle-timeout", "60"])
        let port = try #require(server.url.port)
        let c = try RawConnection(port: port)
        c.send("GET /api/v1/health HTTP/1.1\r\nHost: t\r\nContent-Length: 100000\r\n\r\nabc")
        let (text, closed) = c.readToEnd()
        #expect(text.hasPrefix("HTTP/1.1 200"))
        #expect(closed)
        #expect(server.stop() == 0)
    }

    @Test("slow headers: a request head trickled in byte by byte is cut off at --idle-timeout and logged; an idle kept-alive connection is closed too")
    func slowAndIdle() async throws {
        let server = try LiveServerTests.Server(extra: ["--idle-timeout", "1"])
        let port = try #require(server.url.port)
        let slow = try RawConnection(port: port)
        slow.send("GET /api/v1/health HTTP/1.1\r\nHost: t\r\n")
        // One header byte every 100 ms keeps bytes coming, but never completes the head.
        var cut = false
        for _ in 0..<100 where !cut {
            cut = !slow.send("X")
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(cut, "the server closed the connection while the head was still coming in")
        #expect(try await Self.waitForLog(server, "did not complete in time"))
        // Kept alive after an answer, then idle: closed by the server.
        let idle = try RawConnection(port: port)
        idle.send(Self.health)
        #expect(idle.readResponse()?.hasPrefix("HTTP/1.1 200") == true)
        #expect(idle.readToEnd().closed)
        #expect(server.stop() == 0)
    }

    @Test("signing in as a browser does over HTTP (Host, Origin of the page or null, Sec-Fetch-Site) works; the same post from another origin is 403")
    func signInOverHTTP() async throws {
        let store = FileManager.default.temporaryDirectory.appendingPathComponent("live-signin-\(UUID().uuidString).sqlite").path
        // `serve` creates the store; the token is issued beside the running server, as an operator does.
        let server = try LiveServerTests.Server(store: store)
        let issued = try CLI.run(["token", "issue", "--store", store, "--employer", "E1"])
        #expect(issued.status == 0, "\(issued.stderr)")
        let token = String(issued.stdout.split(separator: "\n").last ?? "")
        let port = try #require(server.url.port)
        let form = try RawConnection(port: port)
        form.send("GET /inloggen HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n")
        let page = try #require(form.readResponse())
        let cookie = try #require(page.split(separator: "\r\n").first { $0.lowercased().hasPrefix("set-cookie: banenafspraak_csrf=") })
            .dropFirst("set-cookie: ".count).split(separator: ";")[0]
        let csrf = try #require(TestServer.csrfField(page))
        func post(origin: String) throws -> String? {
            let body = "csrf=\(csrf)&token=\(token)"
            let c = try RawConnection(port: port)
            c.send("POST /inloggen HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nOrigin: \(origin)\r\nSec-Fetch-Site: same-origin\r\n"
                   + "Cookie: \(cookie)\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)")
            return c.readResponse()
        }
        #expect(try post(origin: "http://127.0.0.1:\(port)")?.hasPrefix("HTTP/1.1 303") == true)
        // Our pages say `Referrer-Policy: no-referrer`, so a browser posts their forms with `Origin: null`.
        #expect(try post(origin: "null")?.hasPrefix("HTTP/1.1 303") == true)
        #expect(try post(origin: "http://evil.example")?.hasPrefix("HTTP/1.1 403") == true)
        #expect(server.stop() == 0)
    }

    @Test("every answer carries the security headers of section 14; pages also a CSP without script, frame-ancestors 'none' and X-Frame-Options")
    func securityHeaders() async throws {
        let server = try LiveServerTests.Server()
        for path in ["/", "/lkv", "/loonkostensubsidie", "/no-riskpolis", "/vrijlating", "/inloggen", "/werkgever", "/bestaat-niet", "/api/v1/health", "/openapi.json",
                     "/werkgever/beschikkingen/QH-2026-E1-R1", "/api/v1/decisions", "/api/v1/objections", "/api/v1/access-log"] {
            let (_, _, response) = try await server.request("GET", path)
            #expect(response.value(forHTTPHeaderField: "Cache-Control") == "no-store", "\(path)")
            #expect(response.value(forHTTPHeaderField: "X-Content-Type-Options") == "nosniff", "\(path)")
            #expect(response.value(forHTTPHeaderField: "Referrer-Policy") == "no-referrer", "\(path)")
            guard response.value(forHTTPHeaderField: "Content-Type")?.hasPrefix("text/html") == true else { continue }
            let csp = response.value(forHTTPHeaderField: "Content-Security-Policy") ?? ""
            #expect(csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'") && !csp.contains("script-src"), "\(path)")
            #expect(response.value(forHTTPHeaderField: "X-Frame-Options") == "DENY", "\(path)")
        }
        #expect(server.stop() == 0)
    }

    @Test("an employment_start of 9999-12-01 is a 422 in the API and an error on the /lkv and /no-riskpolis forms, and the server keeps serving")
    func farFutureDates() async throws {
        let server = try LiveServerTests.Server()
        let json = ["Content-Type": "application/json"], form = ["Content-Type": "application/x-www-form-urlencoded"]
        let cases = [
            #"{"calculator":"lkv","date":"2024-05-01","input":{"type":"banenafspraak","employment_start":"9999-12-01","hours_by_month":{"2024-01":"100.00"}}}"#,
            #"{"calculator":"lkv_best","date":"2024-05-01","input":{"type":"banenafspraak","employment_start":"9999-12-01","hours_by_month":{"2024-01":"100.00"}}}"#,
            #"{"calculator":"noriskpolis","date":"2024-03-01","input":{"group":"banenafspraak","employment_start":"9999-12-01","first_sick_day":"2024-03-01","dagloon":"100.00"}}"#,
        ]
        for body in cases {
            let (status, data, _) = try await server.request("POST", "/api/v1/calc", body: Data(body.utf8), headers: json)
            #expect(status == 422, "\(body.prefix(40)): \(String(decoding: data, as: UTF8.self))")
        }
        let lkv = "date=2024-12-31&type=banenafspraak&employment_start=9999-12-01&hours=104&first_month=1&last_month=12"
        let noRisk = "date=2024-07-01&group=banenafspraak&employment_start=9999-12-01&first_sick_day=2024-06-03&dagloon=95%2C40&days=1"
        for (path, body) in [("/lkv", lkv), ("/no-riskpolis", noRisk)] {
            let (status, html, _) = try await server.request("POST", path, body: Data(body.utf8), headers: form)
            #expect(status == 422, "\(path)")
            #expect(String(decoding: html, as: UTF8.self).contains(#"role="alert""#), "\(path)")
        }
        #expect(try await server.request("GET", "/api/v1/health").0 == 200)
        #expect(server.stop() == 0)
    }
}
