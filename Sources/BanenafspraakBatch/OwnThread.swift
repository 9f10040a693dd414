import Foundation

/// Batch work runs on threads we own, never on the async pool (2 threads here), which must not block.
public enum OwnThread {
    /// Starts `body` on a new thread with a 4 MiB stack; `group` is entered now and left when `body` ends.
    public static func start(in group: DispatchGroup, _ body: @escaping @Sendable () -> Void) {
        group.enter()
        let thread = Thread {
            body()
            group.leave()
        }
        thread.stackSize = 1 << 22
        thread.start()
    }
}
