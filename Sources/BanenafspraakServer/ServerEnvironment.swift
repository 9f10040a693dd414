import BanenafspraakAssessment
import BanenafspraakCore
import BanenafspraakStore
import Dispatch
import Foundation
import Synchronization

/// What every route shares: the parameter set with its hash, the engine version, and the queue that runs
/// the CPU work so that the server's event loops never block (server: docs/contracts-internal.md).
public final class ServerEnvironment: Sendable {
    /// The engine version reported in `X-Engine-Version` and in the OpenAPI document (as in every receipt).
    public static let engineVersion = EngineVersion.current

    public let parameters: ParameterSet
    /// The quota parameters of each year, resolved once (the estimate needs them on every request).
    public let estimateParameters: EstimateParameters
    /// The JSON of every parameter value, as explanations list them, made once (``JSONBytes/ParameterTexts``).
    let parameterTexts: JSONBytes.ParameterTexts
    /// SHA-256 of the canonical parameter text, as in a run's receipt (`X-Parameter-Set-Hash`).
    public let parameterSetHash: String
    /// Requests larger than this are refused with 413 before any parsing.
    public let maxBodyBytes: Int
    /// One serial queue per core: CPU work runs on as many threads as there are cores, no more.
    private let workers: [DispatchQueue]
    private let next = ManagedAtomicCounter()

    public init(parameters: ParameterSet, maxBodyBytes: Int = 256 * 1024) {
        self.parameters = parameters
        self.estimateParameters = EstimateParameters(parameters)
        self.parameterTexts = JSONBytes.ParameterTexts(parameters)
        self.parameterSetHash = ParameterSetText.sha256(parameters)
        self.maxBodyBytes = maxBodyBytes
        let cores = max(1, min(8, ProcessInfo.processInfo.activeProcessorCount))
        self.workers = (0..<cores).map { DispatchQueue(label: "banenafspraak.server.work.\($0)", qos: .userInitiated) }
    }

    /// Runs `body` on the server's own work queue and resumes the caller with its result.
    public func compute<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { (c: CheckedContinuation<T, Never>) in
            workers[next.increment() % workers.count].async { c.resume(returning: body()) }
        }
    }
}


/// A parameter set with its ``QuotaParameters`` resolved per year, 2015–2026.
public struct EstimateParameters: Sendable {
    public let set: ParameterSet
    private let byYear: [Int: QuotaParameters]

    public init(_ set: ParameterSet) {
        self.set = set
        var byYear: [Int: QuotaParameters] = [:]
        for year in 2015...2026 { byYear[year] = try? QuotaParameters(year: year, from: set) }
        self.byYear = byYear
    }

    public func quota(_ year: Int) throws -> QuotaParameters {
        if let q = byYear[year] { return q }
        return try QuotaParameters(year: year, from: set)
    }
}

/// A counter shared by the event loops, for round-robin.
final class ManagedAtomicCounter: Sendable {
    private let value = Atomic<Int>(0)
    func increment() -> Int { value.add(1, ordering: .relaxed).newValue & Int.max }
}
