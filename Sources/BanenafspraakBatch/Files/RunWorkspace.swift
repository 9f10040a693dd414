#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BanenafspraakIngest

/// The one folder that holds every temporary file of this process's run: duplicate-detection partitions,
/// deferred rejections, re-read lines. It lives under `TMPDIR` (or `/tmp` when `TMPDIR` is unset or empty)
/// as `banenafspraak-run-PID-XXXXXX`.
///
/// It is removed on success and on error (at process exit), and on SIGINT and SIGTERM (see
/// ``RunCleanup``). A folder left by a process that no longer lives (`kill -9`, a crash) is removed
/// when the next run creates its own.
public final class RunWorkspace: @unchecked Sendable {
    public let path: String
    private static let prefix = "banenafspraak-run-"
    nonisolated(unsafe) private static var current: RunWorkspace?
    nonisolated(unsafe) private static var lock = pthread_mutex_t()
    private static let lockReady: Bool = { pthread_mutex_init(&lock, nil); return true }()
    private var counter = 0
    nonisolated(unsafe) private static var exitHookInstalled = false

    /// `TMPDIR`, or `/tmp` when it is unset or empty.
    public static var temporaryRoot: String {
        if let t = getenv("TMPDIR"), t[0] != 0 {
            var s = String(cString: t)
            while s.count > 1 && s.hasSuffix("/") { s.removeLast() }
            return s
        }
        return "/tmp"
    }

    private init(path: String) { self.path = path }

    /// This process's workspace, created on first use.
    public static func shared() throws -> RunWorkspace {
        _ = lockReady
        pthread_mutex_lock(&lock)
        defer { pthread_mutex_unlock(&lock) }
        if let current { return current }
        let root = temporaryRoot
        removeStale(in: root)
        var template = Array((root + "/" + prefix + "\(getpid())-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw IngestFileError(file: root, message: "cannot create the run's temporary folder: \(systemError(errno))")
        }
        let w = RunWorkspace(path: String(cString: made))
        current = w
        RunCleanup.register(w.path)
        if !exitHookInstalled { exitHookInstalled = true; atexit { RunCleanup.removeAll() } }
        return w
    }

    /// Removes this process's workspace now (at exit, or on a signal). Safe to call more than once.
    public static func removeShared() {
        _ = lockReady
        pthread_mutex_lock(&lock)
        defer { pthread_mutex_unlock(&lock) }
        if let current { FileIO.removeTree(current.path); RunCleanup.unregister(current.path) }
        current = nil
    }

    /// A fresh path inside the workspace (nothing is created), e.g. `dedup-3`.
    public func newPath(_ name: String) -> String {
        _ = RunWorkspace.lockReady
        pthread_mutex_lock(&RunWorkspace.lock)
        counter += 1
        let n = counter
        pthread_mutex_unlock(&RunWorkspace.lock)
        return path + "/\(name)-\(n)"
    }

    /// Removes `banenafspraak-run-PID-*` folders in `root` whose process no longer lives.
    static func removeStale(in root: String) {
        for name in FileIO.entries(of: root) where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            guard let dash = rest.firstIndex(of: "-"), let pid = Int32(rest[..<dash]), pid > 0 else { continue }
            if pid == getpid() { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { FileIO.removeTree(root + "/" + name) }
        }
    }
}

/// Paths to remove when the process ends early: on SIGINT or SIGTERM (and at normal exit) every registered
/// path is removed, so an interrupted run leaves neither temporary files nor a half-written output folder.
public enum RunCleanup {
    nonisolated(unsafe) private static var paths: [String] = []
    nonisolated(unsafe) private static var lock = pthread_mutex_t()
    private static let lockReady: Bool = { pthread_mutex_init(&lock, nil); return true }()

    static func register(_ path: String) {
        _ = lockReady
        pthread_mutex_lock(&lock); paths.append(path); pthread_mutex_unlock(&lock)
    }

    static func unregister(_ path: String) {
        _ = lockReady
        pthread_mutex_lock(&lock); paths.removeAll { $0 == path }; pthread_mutex_unlock(&lock)
    }

    /// Removes every registered path (and the workspace). Called from the signal watcher and at exit.
    public static func removeAll() {
        _ = lockReady
        pthread_mutex_lock(&lock)
        let all = paths
        paths = []
        pthread_mutex_unlock(&lock)
        for p in all { FileIO.removeTree(p) }
        RunWorkspace.removeShared()
    }
}
