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

extension StoreThreadExecutor {
    /// Runs `operation` on this executor and blocks the caller until it ends, but gives up with
    /// ``ConnectionWaitTimeout`` when the operation has not called `start` within `limit` (the wait for a pooled
    /// connection is bounded; the work after it is not).
    ///
    /// The caller does not wait for a cancelled wait to wind down: the pool may hold such a request until the
    /// server is back, and only then let it go. When it does, `start` returns false and the work never runs, so a
    /// request reported as failed cannot write afterwards.
    func runBlocking<T>(waitingAtMost limit: Duration,
                        _ operation: @escaping @Sendable (_ start: @escaping @Sendable () -> Bool) async throws -> T) throws -> T {
        let gate = StartGate()
        let box = OutcomeBox<T>()
        let done = DispatchSemaphore(value: 0)
        let task = Task(executorPreference: self) {
            do { box.outcome = .success(try await operation { gate.start() }) } catch { box.outcome = .failure(error) }
            done.signal()
        }
        let nanoseconds = limit.components.seconds * 1_000_000_000 + limit.components.attoseconds / 1_000_000_000
        if done.wait(timeout: .now() + .nanoseconds(Int(nanoseconds))) == .timedOut {
            if gate.abandon() {
                task.cancel()
                throw ConnectionWaitTimeout()
            }
            done.wait()
        }
        return try box.outcome!.get()
    }
}

/// Settles the race between a request's start and its caller giving up: exactly one of them wins.
private final class StartGate: @unchecked Sendable {
    private let lock = NSLock()
    private var state = 0 // 0 waiting, 1 started, 2 abandoned
    /// True when the work may run (the caller has not given up).
    func start() -> Bool { lock.withLock { if state == 0 { state = 1 }; return state == 1 } }
    /// True when the caller gave up before the work started.
    func abandon() -> Bool { lock.withLock { if state == 0 { state = 2 }; return state == 2 } }
}
