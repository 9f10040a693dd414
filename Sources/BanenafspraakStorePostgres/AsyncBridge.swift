import Foundation

/// A task executor on one thread the store owns. Every async step of the store (PostgresNIO's pool and
/// queries) runs here, so a synchronous caller that blocks, even on a thread of Swift's small cooperative
/// pool, never waits for a thread it is itself occupying.
final class StoreThreadExecutor: TaskExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var stopped = false

    init(name: String) {
        let thread = Thread { [self] in loop() }
        thread.name = name
        thread.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        condition.lock()
        jobs.append(unowned)
        condition.signal()
        condition.unlock()
    }

    /// Ends the thread once the queued jobs have run.
    func stop() {
        condition.lock()
        stopped = true
        condition.signal()
        condition.unlock()
    }

    private func loop() {
        while true {
            condition.lock()
            while jobs.isEmpty && !stopped { condition.wait() }
            if jobs.isEmpty && stopped {
                condition.unlock()
                return
            }
            let batch = jobs
            jobs.removeAll(keepingCapacity: true)
            condition.unlock()
            for job in batch { job.runSynchronously(on: asUnownedTaskExecutor()) }
        }
    }
}

/// Holds a task's outcome for the blocked caller.
private final class OutcomeBox<T>: @unchecked Sendable {
    var outcome: Result<T, any Error>?
}

extension StoreThreadExecutor {
    /// Runs `operation` on this executor and blocks the calling thread (never this executor's) until it ends.
    func runBlocking<T>(_ operation: @escaping @Sendable () async throws -> T) throws -> T {
        let box = OutcomeBox<T>()
        let done = DispatchSemaphore(value: 0)
        Task(executorPreference: self) {
            do { box.outcome = .success(try await operation()) } catch { box.outcome = .failure(error) }
            done.signal()
        }
        done.wait()
        return try box.outcome!.get()
    }
}

/// A request that did not get a connection in time.
struct ConnectionWaitTimeout: Error {}

/// Runs `body` but fails with ``ConnectionWaitTimeout`` when `started` has not been called within `limit`
/// (the wait for a pooled connection is bounded; the work after it is not).
func withBoundedWait<T: Sendable>(
    _ limit: Duration, _ body: @escaping @Sendable (_ started: @escaping @Sendable () -> Void) async throws -> T
) async throws -> T {
    let flag = StartedFlag()
    return try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await body { flag.set() } }
        group.addTask {
            try await Task.sleep(for: limit)
            if flag.isSet { return nil }
            throw ConnectionWaitTimeout()
        }
        while let next = try await group.next() {
            if let value = next {
                group.cancelAll()
                return value
            }
        }
        throw ConnectionWaitTimeout()
    }
}

private final class StartedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}
