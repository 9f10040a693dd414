import BanenafspraakCore
import Dispatch

/// What every route shares: the parameter set with its hash, the engine version, and the queue that runs
/// the CPU work so that the server's event loops never block (spec 10).
public final class ServerEnvironment: Sendable {
    /// The engine version reported in `X-Engine-Version` and in the OpenAPI document.
    public static let engineVersion = "0.9.0"

    public let parameters: ParameterSet
    /// SHA-256 of the canonical JSON of the parameter set (`X-Parameter-Set-Hash`).
    public let parameterSetHash: String
    /// Requests larger than this are refused with 413 before any parsing.
    public let maxBodyBytes: Int
    private let work = DispatchQueue(label: "banenafspraak.server.work", qos: .userInitiated, attributes: .concurrent)

    public init(parameters: ParameterSet, maxBodyBytes: Int = 256 * 1024) {
        self.parameters = parameters
        self.parameterSetHash = SHA256Digest.hex(Array(ParameterCanonicalForm.json(parameters).utf8))
        self.maxBodyBytes = maxBodyBytes
    }

    /// Runs `body` on the server's own work queue and resumes the caller with its result.
    public func compute<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { (c: CheckedContinuation<T, Never>) in
            work.async { c.resume(returning: body()) }
        }
    }
}

/// A canonical JSON form of a parameter set: ids sorted, values in order, compact. Its SHA-256 identifies
/// the parameter set in force.
public enum ParameterCanonicalForm {
    public static func json(_ set: ParameterSet) -> String {
        var items: [JSONValue] = []
        for id in set.parameters.keys.sorted() {
            let p = set.parameters[id]!
            items.append(.object([
                ("id", .string(p.id)),
                ("unit", .string(p.unit.rawValue)),
                ("values", .array(p.values.map { v in
                    .object([
                        ("value", .string(v.value.map { FixedPoint.format($0, scale: p.unit.scale) } ?? "none")),
                        ("valid_from", .string(v.validFrom.description)),
                        ("valid_until", v.validUntil.map { .string($0.description) } ?? .null),
                        ("source", .string(v.source)),
                        ("status", .string(v.status.rawValue)),
                    ])
                })),
            ]))
        }
        return JSONValue.object([("parameters", .array(items))]).rendered(pretty: false)
    }
}
