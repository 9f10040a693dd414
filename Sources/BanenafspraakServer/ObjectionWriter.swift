import BanenafspraakStore
import Dispatch
import Foundation

/// Group commit of objections (spec 14): a request hands its objection to this writer and waits without holding
/// a work queue; the writer's own thread keeps everything handed in meanwhile in one store transaction
/// (``ResultsStore/insertObjections(_:)``), ids in the order handed in. Each objection keeps its own events as
/// the request made them (who and when), so the append-only log reads exactly as with one transaction each. When a
/// batch fails, each of its objections is tried alone, so one bad objection fails only its own request.
final class ObjectionWriter: @unchecked Sendable {
    typealias Outcome = Result<StoredObjection, any Error>

    private let store: any ResultsStore
    private let queue = DispatchQueue(label: "banenafspraak.server.objections", qos: .userInitiated)
    private let lock = NSLock()
    private var pending: [(StoredObjection, CheckedContinuation<Outcome, Never>)] = []
    private var draining = false

    init(store: any ResultsStore) { self.store = store }

    /// Keeps `objection` and returns it with its id, or the store's error.
    func insert(_ objection: StoredObjection) async -> Outcome {
        await withCheckedContinuation { c in
            let start = lock.withLock { () -> Bool in
                pending.append((objection, c))
                if draining { return false }
                draining = true
                return true
            }
            if start { queue.async { self.drain() } }
        }
    }

    /// Until nothing waits: takes everything handed in so far and keeps it in one transaction.
    private func drain() {
        while true {
            let batch = lock.withLock { () -> [(StoredObjection, CheckedContinuation<Outcome, Never>)] in
                let taken = pending
                pending = []
                if taken.isEmpty { draining = false }
                return taken
            }
            guard !batch.isEmpty else { return }
            do {
                let kept = try store.insertObjections(batch.map { $0.0 })
                for (i, (_, c)) in batch.enumerated() { c.resume(returning: .success(kept[i])) }
            } catch {
                if batch.count == 1 {
                    batch[0].1.resume(returning: .failure(error))
                    continue
                }
                for (o, c) in batch {
                    c.resume(returning: Result { try store.insertObjections([o])[0] })
                }
            }
        }
    }
}
