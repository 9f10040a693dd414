// swift-tools-version:6.0
import PackageDescription

/// The ingest and aggregation hot paths touch class state per byte; dynamic exclusivity checks cost about
/// 10 % of a national run there (perf, docs/performance.md). Static checks stay on.
let hotPath: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"])]

let package = Package(
    name: "banenafspraak",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "banenafspraak", targets: ["banenafspraak"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // Pure rules core: units, dated parameters, the legal rules and explanations. No I/O, no Foundation.
        .target(name: "BanenafspraakCore"),
        // The parameter files (data, with sources) and their loader.
        .target(
            name: "BanenafspraakParameters",
            dependencies: ["BanenafspraakCore"],
            resources: [.copy("parameters"), .copy("law")]
        ),
        // Person-level calculators (spec 5.5, 5.7) on the same core and parameters.
        .target(name: "BanenafspraakCalculators", dependencies: ["BanenafspraakCore", "BanenafspraakParameters"]),
        // Every HTML document (run report, simulation report, comparison, letters, decisions, the server's pages): Mustache
        // templates with shared partials and style, and the one SVG chart kit.
        .target(
            name: "BanenafspraakPresentation",
            dependencies: ["BanenafspraakCore", .product(name: "Mustache", package: "swift-mustache")],
            resources: [.copy("templates")]
        ),
        // Byte-level streaming CSV and the validation of the four input files (spec section 4).
        .target(name: "BanenafspraakIngest", dependencies: ["BanenafspraakCore"], swiftSettings: hotPath),
        // The pure assessment: aggregates, quotum percentages and surcharge rate, each employer's figures, the
        // result, national.json and the explanation. No file is read or written.
        .target(name: "BanenafspraakAssessment", dependencies: ["BanenafspraakCore", "BanenafspraakIngest"]),
        // The quota run: ingest, aggregate, assess, write outputs and the report.
        .target(
            name: "BanenafspraakBatch",
            dependencies: [
                "BanenafspraakCore", "BanenafspraakIngest", "BanenafspraakAssessment", "BanenafspraakParameters",
                "BanenafspraakPresentation",
            ],
            swiftSettings: hotPath
        ),
        // Deterministic synthetic data.
        .target(name: "BanenafspraakGenerate", dependencies: ["BanenafspraakCore"]),
        // The results store (spec 9): the back-end neutral protocol, run model, receipts and pseudonyms.
        .target(
            name: "BanenafspraakStore",
            dependencies: [
                "BanenafspraakCore", "BanenafspraakIngest", "BanenafspraakAssessment", "BanenafspraakParameters",
                "BanenafspraakPresentation", .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The embedded SQLite back-end of the results store (GRDB).
        .target(
            name: "BanenafspraakStoreSQLite",
            dependencies: [
                "BanenafspraakStore", "BanenafspraakCore", "BanenafspraakIngest", "BanenafspraakAssessment",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // Policy simulation (spec 11): reforms as data, baseline against reform on the same aggregates, summaries,
        // charts, sweeps and break-even.
        .target(
            name: "BanenafspraakSimulation",
            dependencies: [
                "BanenafspraakCore", "BanenafspraakIngest", "BanenafspraakParameters", "BanenafspraakAssessment", "BanenafspraakStore",
                "BanenafspraakPresentation", .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The HTTP server (spec 10): JSON API, OpenAPI document, employer tokens and the Dutch web pages.
        .target(
            name: "BanenafspraakServer",
            dependencies: [
                "BanenafspraakCore", "BanenafspraakParameters", "BanenafspraakCalculators", "BanenafspraakAssessment",
                "BanenafspraakStore", "BanenafspraakSimulation", "BanenafspraakPresentation", "BanenafspraakDecisions",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Levy decisions (beschikkingen, Wfsv art. 38h), herziening and the rules of objections (spec section 14):
        // the decision's JSON and its printable Dutch page from a typed view model and a Mustache template.
        .target(
            name: "BanenafspraakDecisions",
            dependencies: [
                "BanenafspraakCore", "BanenafspraakIngest", "BanenafspraakAssessment", "BanenafspraakStore", "BanenafspraakPresentation",
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        // The PostgreSQL back-end of the results store (PostgresNIO, used directly), for a multi-user deployment.
        .target(
            name: "BanenafspraakStorePostgres",
            dependencies: [
                "BanenafspraakStore", "BanenafspraakCore", "BanenafspraakIngest", "BanenafspraakAssessment",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Opens a results store by path or URL (`postgres://…` or a file path): callers need not know the back-end.
        .target(
            name: "BanenafspraakStoreOpen",
            dependencies: ["BanenafspraakStore", "BanenafspraakStoreSQLite", "BanenafspraakStorePostgres"]
        ),
        // Thin CLI shell.
        .executableTarget(
            name: "banenafspraak",
            dependencies: [
                "BanenafspraakCore", "BanenafspraakParameters", "BanenafspraakCalculators",
                "BanenafspraakIngest", "BanenafspraakAssessment", "BanenafspraakBatch", "BanenafspraakGenerate", "BanenafspraakSimulation",
                "BanenafspraakStore", "BanenafspraakStoreSQLite", "BanenafspraakStoreOpen", "BanenafspraakStorePostgres", "BanenafspraakServer",
                "BanenafspraakDecisions",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "BanenafspraakCoreTests",
            dependencies: [
                "BanenafspraakCore", "BanenafspraakParameters",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        // Runs the built `banenafspraak` binary: exit statuses, flags and files as a user sees them.
        .testTarget(name: "BanenafspraakCLITests", dependencies: ["BanenafspraakTestSupport"]),
        .testTarget(name: "BanenafspraakIngestTests", dependencies: ["BanenafspraakIngest", "BanenafspraakCore"]),
        .testTarget(
            name: "BanenafspraakEndToEndTests",
            dependencies: ["BanenafspraakAssessment", "BanenafspraakBatch", "BanenafspraakParameters", "BanenafspraakCore", "BanenafspraakGenerate",
                           "BanenafspraakIngest", .product(name: "PropertyBased", package: "swift-property-based")],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "BanenafspraakStoreTests",
            dependencies: [
                "BanenafspraakStore", "BanenafspraakStoreSQLite", "BanenafspraakAssessment", "BanenafspraakBatch", "BanenafspraakCore",
                "BanenafspraakIngest", "BanenafspraakParameters",
                "BanenafspraakStorePostgres", "BanenafspraakStoreOpen", "BanenafspraakTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            resources: [.copy("Fixtures")]
        ),
        // What the store and server suites share: the PostgreSQL test server of scripts/postgres.sh, the back-ends.
        .target(
            name: "BanenafspraakTestSupport",
            dependencies: ["BanenafspraakStore"],
            path: "Tests/BanenafspraakTestSupport"
        ),
        .testTarget(
            name: "BanenafspraakSimulationTests",
            dependencies: [
                "BanenafspraakSimulation", "BanenafspraakAssessment", "BanenafspraakBatch", "BanenafspraakParameters",
                "BanenafspraakCore", "BanenafspraakGenerate",
            ]
        ),
        .testTarget(name: "BanenafspraakGenerateTests", dependencies: ["BanenafspraakGenerate", "BanenafspraakCore"]),
        .testTarget(
            name: "BanenafspraakCalculatorTests",
            dependencies: ["BanenafspraakCalculators", "BanenafspraakCore", "BanenafspraakParameters"],
            resources: [.copy("Scenarios")]
        ),
        // The server's API in process: routes, errors, OpenAPI coverage, access rules.
        .testTarget(
            name: "BanenafspraakServerTests",
            dependencies: [
                "BanenafspraakServer", "BanenafspraakCore", "BanenafspraakParameters", "BanenafspraakCalculators",
                "BanenafspraakAssessment", "BanenafspraakBatch", "BanenafspraakGenerate", "BanenafspraakStore",
                "BanenafspraakStoreSQLite", "BanenafspraakStoreOpen", "BanenafspraakTestSupport", "BanenafspraakDecisions",
                "BanenafspraakPresentation",
            ]
        ),
    ]
)
