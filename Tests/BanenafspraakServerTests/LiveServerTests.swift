import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// Runs the built `banenafspraak serve` on a free loopback port and talks HTTP to it.
@Suite("Live server (spec 10)", .serialized)
struct LiveServerTests {
    static let binary: URL = {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.isExecutableFile(atPath: dir.appendingPathComponent("banenafspraak").path) && dir.path != "/" {
            dir = dir.deletingLastPathComponent()
        }
        return dir.appendingPathComponent("banenafspraak")
    }()

    final class Server {
        let process = Process()
        let url: URL
        let output = Pipe()
        let logFile = FileManager.default.temporaryDirectory.appendingPathComponent("live-\(UUID().uuidString).log")

        /// Starts `serve` on `store` (a new SQLite file when nil); its standard error goes to ``log()``.
        init(store: String? = nil, extra: [String] = []) throws {
            let store = store ?? FileManager.default.temporaryDirectory.appendingPathComponent("live-\(UUID().uuidString).sqlite").path
            FileManager.default.createFile(atPath: logFile.path, contents: nil)
            process.executableURL = LiveServerTests.binary
            process.arguments = ["serve", "--store", store, "--port", "0"] + extra
            process.standardOutput = output
            process.standardError = try FileHandle(forWritingTo: logFile)
            try process.run()
            var text = ""
            let handle = output.fileHandleForReading
            while !text.contains("\n") {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                text += String(decoding: chunk, as: UTF8.self)
            }
            guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("Banenafspraak server: ") }) else {
                throw URLError(.cannotConnectToHost)
            }
            url = URL(string: String(line.dropFirst("Banenafspraak server: ".count)))!
        }

        func request(_ method: String, _ path: String, body: Data? = nil, headers: [String: String] = [:]) async throws -> (Int, Data, HTTPURLResponse) {
            var r = URLRequest(url: URL(string: path, relativeTo: url)!)
            r.httpMethod = method
            r.httpBody = body
            for (k, v) in headers { r.setValue(v, forHTTPHeaderField: k) }
            let (data, response) = try await URLSession.shared.data(for: r)
            let http = response as! HTTPURLResponse
            return (http.statusCode, data, http)
        }

        /// What the server logged on standard error.
        func log() -> String { (try? String(contentsOf: logFile, encoding: .utf8)) ?? "" }

        /// SIGTERM, then the exit status.
        func stop() -> Int32 {
            process.terminate()
            process.waitUntilExit()
            return process.terminationStatus
        }
    }

    @Test("prints its URL, answers with the engine and parameter headers, refuses large and malformed bodies with 4xx, and stops cleanly on SIGTERM")
    func lifecycle() async throws {
        let server = try Server(extra: ["--max-body-bytes", "4096"])
        let (status, data, response) = try await server.request("GET", "/api/v1/health")
        #expect(status == 200)
        #expect(String(decoding: data, as: UTF8.self) == #"{"status":"ok"}"#)
        #expect(response.value(forHTTPHeaderField: "X-Engine-Version")?.isEmpty == false)
        #expect(response.value(forHTTPHeaderField: "X-Parameter-Set-Hash")?.count == 64)
        let big = Data(repeating: UInt8(ascii: "a"), count: 10_000)
        let (s413, body413, _) = try await server.request("POST", "/api/v1/calc", body: big, headers: ["Content-Type": "application/json"])
        #expect(s413 == 413)
        #expect(String(decoding: body413, as: UTF8.self).contains("\"error\""))
        for junk in ["{", "[]", "null", "{\"calculator\": 5}", "\u{0}\u{1}", String(repeating: "[", count: 3000)] {
            let (s, _, _) = try await server.request("POST", "/api/v1/estimate", body: Data(junk.utf8))
            #expect((400..<500).contains(s), "\(junk.prefix(20)) gave \(s)")
        }
        // Still serving after all that.
        let (again, _, _) = try await server.request("GET", "/api/v1/health")
        #expect(again == 200)
        let (page, html, pageResponse) = try await server.request("GET", "/")
        #expect(page == 200)
        #expect(pageResponse.value(forHTTPHeaderField: "Content-Security-Policy")?.contains("default-src 'none'") == true)
        #expect(String(decoding: html, as: UTF8.self).contains("Rekentool"))
        #expect(server.stop() == 0)
    }
}
