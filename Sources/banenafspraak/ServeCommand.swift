import ArgumentParser
import BanenafspraakCore
import BanenafspraakParameters
import BanenafspraakServer
import BanenafspraakStore
import Foundation
import Logging

/// `banenafspraak serve --store URL [--host 127.0.0.1] [--port 8080]` (server: docs/contracts-internal.md), on an
/// SQLite or a PostgreSQL store.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the JSON API, its OpenAPI document and the Dutch rekentool pages.",
        discussion: "Prints the URL once it listens. Stops gracefully on SIGTERM or SIGINT."
    )

    @Option(help: "The results store: a SQLite file path or a postgres://user:password@host:port/database URL (an empty store is created when there is none).")
    var store: String

    @Option(help: "The address to listen on.")
    var host: String = "127.0.0.1"

    @Option(help: "The TCP port; 0 picks a free port (the printed URL shows which).")
    var port: Int = 8080

    @Option(help: "A parameter file that overrides the repository's parameters.")
    var params: String?

    @Option(help: "Largest request body accepted, in bytes; larger bodies get 413.")
    var maxBodyBytes: Int = 256 * 1024

    @Option(help: "Seconds without data before a connection is closed (read and idle timeout).")
    var idleTimeout: Int64 = 15

    @Option(help: "Seconds within which a whole request body must arrive (read timeout); slower senders get 408.")
    var readTimeout: Int64 = 30

    @Option(help: "Most connections open at once; at the limit new connections wait until one closes (logged).")
    var maxConnections: Int = 2048

    @Option(help: "Most connections open at once from one client address; more are closed at once (logged). Behind a reverse proxy every client has the proxy's address: raise it to --max-connections.")
    var maxConnectionsPerClient: Int = 128

    @Option(help: "Seconds a request waits for a PostgreSQL connection (server down or restarting) before it gets 503.")
    var storeWait: Int64 = 5

    @Option(help: "Log level: trace, debug, info, notice, warning, error or critical.")
    var logLevel: String = "info"

    func validate() throws {
        guard (1...300).contains(storeWait) else { throw ValidationError("--store-wait must be between 1 and 300 seconds, not \(storeWait)") }
        guard (1...1_000_000).contains(maxConnections) else { throw ValidationError("--max-connections must be between 1 and 1000000, not \(maxConnections)") }
        guard (1...maxConnections).contains(maxConnectionsPerClient) else {
            throw ValidationError("--max-connections-per-client must be between 1 and --max-connections (\(maxConnections)), not \(maxConnectionsPerClient)")
        }
        guard idleTimeout >= 1, readTimeout >= 1 else { throw ValidationError("--idle-timeout and --read-timeout must be at least 1 second") }
    }

    func run() async throws {
        LoggingSystem.bootstrap(StreamLogHandler.standardError)
        var logger = Logger(label: "banenafspraak.server")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let parameters: ParameterSet
        do { parameters = try ParameterFiles.load(overridePath: params) } catch {
            FileHandle.standardError.write(Data("banenafspraak serve: \(error)\n".utf8))
            throw ExitCode(1)
        }
        let environment = ServerEnvironment(parameters: parameters, maxBodyBytes: maxBodyBytes)
        // An empty store is created when none exists (server: docs/contracts-internal.md).
        let results = try openStore(store, create: true, connectionWait: .seconds(storeWait), checkIntegrity: true)
        let renderer = try PageRenderer()
        let routes = ServerRoutes.make(environment: environment, renderer: renderer, store: StoreAccess(store: results, environment: environment))
        try await BanenafspraakHTTPServer.run(
            routes: routes, environment: environment, renderer: renderer,
            options: ServeOptions(host: host, port: port, idleTimeoutSeconds: idleTimeout, readTimeoutSeconds: readTimeout,
                                 connections: ConnectionLimitOptions(total: maxConnections, perClient: maxConnectionsPerClient)),
            logger: logger
        ) { url in
            let text = "Banenafspraak server: \(url)\nRekentool: \(url)   API: \(url)api/v1/health   OpenAPI: \(url)openapi.json\n"
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }
}
