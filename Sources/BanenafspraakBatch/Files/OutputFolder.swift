#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BanenafspraakIngest

/// An output folder (`--out`) that a run fills all or nothing, with one writer at a time.
///
/// - **Lock.** `.<name>.lock` beside the folder is locked with `flock` for the whole run; a second run into
///   the same folder fails at once with a message naming it.
/// - **Staging.** Every output is written into a fresh folder `.<name>.partial-PID-XXXXXX` beside `--out`,
///   on the same file system. A failed, interrupted or killed run leaves the previous outputs untouched.
/// - **Commit.** Each file and the staging folder are flushed (`fsync`), then the staging folder takes the
///   place of `--out` in one step: `renameat2(RENAME_EXCHANGE)` swaps the two folders atomically, and the
///   previous run's folder is then removed. A reader sees either all the old outputs or all the new ones.
///   Where the file system cannot swap, the old folder is first renamed to `.<name>.old-PID` and restored
///   at the next start should the process die between the two renames.
/// - **Replacement.** A finished run replaces the whole folder. So that no user file is ever lost, an
///   existing `--out` must be empty or hold only outputs of a run (``knownOutputs`` for `quota` and `measure`,
///   ``simulationOutputs`` for `simulate`, which also writes one subfolder per reform); otherwise the run
///   refuses to start.
public final class OutputFolder {
    /// The files a quota or measurement run writes; an existing `--out` may hold only these.
    public static let knownOutputs: Set<String> = ["employers.csv", "employers-nl.csv", "national.json", "rejected.csv", "report.html", "measurement.json", "quotumpercentage.json"]
    /// The files a simulation writes, in `--out` and in its subfolder per reform.
    public static let simulationOutputs: Set<String> = ["employers.csv", "summary.json", "report.html", "sweep.csv", "solve.json"]

    /// The folder the user named (absolute).
    public let target: String
    /// Where this run writes; becomes ``target`` on ``commit()``.
    public private(set) var staging = ""
    private let parent: String
    private let name: String
    private let lockPath: String
    private var lockFD: Int32 = -1
    private var finished = false
    private let isOutput: (String) -> Bool
    private let subfolders: Bool

    /// Takes the lock, tidies what a dead run left, checks that `--out` may be replaced, and creates the staging
    /// folder. `outputs` are the names a run writes; with `subfolders`, a folder holding only such files is one too.
    public convenience init(_ out: String, outputs: Set<String> = OutputFolder.knownOutputs, subfolders: Bool = false) throws {
        try self.init(out, isOutput: { outputs.contains($0) }, subfolders: subfolders)
    }

    /// As ``init(_:outputs:subfolders:)``, with the names a run writes given by `isOutput` (the letters of
    /// `explain --all`: one `EMPLOYER.html` per employer).
    ///
    /// A `--out` that is a symbolic link is followed: the folder it points to is filled and replaced, and the
    /// link stays as it is (a link to nothing is refused).
    public init(_ out: String, isOutput: @escaping (String) -> Bool, subfolders: Bool = false) throws {
        var target = FileIO.absolute(out)
        // `link/` would follow the link for some calls and not for others: one name, without a final slash.
        while target.count > 1 && target.hasSuffix("/") { target.removeLast() }
        var link = stat()
        if lstat(target, &link) == 0 && (link.st_mode & S_IFMT) == S_IFLNK {
            guard let resolved = realpath(target, nil) else {
                throw IngestFileError(file: out, message: "the output folder is a symbolic link to something that does not exist (\(systemError(errno))); create the folder it points to, or name another --out")
            }
            target = String(cString: resolved)
            free(resolved)
        }
        self.target = target
        self.isOutput = isOutput
        self.subfolders = subfolders
        parent = FileIO.parentOf(target)
        name = FileIO.baseName(target)
        guard !name.isEmpty, name != "/", name != ".", name != ".." else {
            throw IngestFileError(file: out, message: "cannot use this as the output folder: name a folder, such as out/2024")
        }
        lockPath = parent + "/." + name + ".lock"
        try FileIO.makeDirectories(parent)
        try takeLock()
        do {
            try recoverAndTidy()
            try checkReplaceable()
            var template = Array((parent + "/." + name + ".partial-\(getpid())-XXXXXX").utf8CString)
            guard let made = mkdtemp(&template) else {
                throw IngestFileError(file: parent, message: "cannot create the staging folder for \(target): \(systemError(errno))")
            }
            staging = String(cString: made)
            chmod(staging, 0o755)
            RunCleanup.register(staging)
        } catch {
            releaseLock()
            throw error
        }
    }

    deinit { if !finished { abandon() } }

    private func takeLock() throws {
        while true {
            let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw IngestFileError(file: lockPath, message: "cannot create the lock file: \(systemError(errno))") }
            if flock(fd, LOCK_EX | LOCK_NB) != 0 {
                let e = errno
                close(fd)
                if e == EWOULDBLOCK {
                    throw IngestFileError(file: target, message: "another run is writing into this output folder (locked by \(lockPath)); wait for it to finish or choose another --out")
                }
                throw IngestFileError(file: lockPath, message: "cannot lock: \(systemError(e))")
            }
            // The previous holder may have removed the lock file between our open and flock: retry on the new one.
            var held = stat(), onDisk = stat()
            if fstat(fd, &held) == 0 && stat(lockPath, &onDisk) == 0 && held.st_ino == onDisk.st_ino && held.st_dev == onDisk.st_dev {
                lockFD = fd
                // On SIGINT/SIGTERM the lock file is removed (while still held) with the staging folder.
                RunCleanup.register(lockPath)
                return
            }
            close(fd)
        }
    }

    private func releaseLock() {
        guard lockFD >= 0 else { return }
        RunCleanup.unregister(lockPath)
        unlink(lockPath)
        close(lockFD)
        lockFD = -1
    }

    /// Under the lock, anything `.<name>.partial-*` is from a dead run; `.<name>.old-*` is a previous
    /// output folder that a dead run moved aside and did not get to remove (or to replace).
    private func recoverAndTidy() throws {
        for entry in FileIO.entries(of: parent) {
            let path = parent + "/" + entry
            if entry.hasPrefix("." + name + ".partial-") {
                FileIO.removeTree(path)
            } else if entry.hasPrefix("." + name + ".old-") {
                if !FileIO.exists(target) { rename(path, target) } else { FileIO.removeTree(path) }
            }
        }
    }

    private func checkReplaceable() throws {
        guard FileIO.exists(target) else { return }
        guard FileIO.isDirectory(target) else {
            throw IngestFileError(file: target, message: "the output folder is a file; name a folder")
        }
        let foreign = FileIO.entries(of: target).filter { entry in
            if isOutput(entry) { return false }
            let path = target + "/" + entry
            return !(subfolders && FileIO.isDirectory(path) && FileIO.entries(of: path).allSatisfy(isOutput))
        }.sorted()
        if !foreign.isEmpty {
            let shown = foreign.prefix(5).joined(separator: ", ") + (foreign.count > 5 ? ", …" : "")
            throw IngestFileError(file: target, message: "the output folder holds files that a run does not write (\(shown)); a finished run replaces the whole folder, so choose an empty or new folder")
        }
        if access(parent, W_OK) != 0 {
            throw IngestFileError(file: parent, message: "cannot write beside the output folder: \(systemError(errno))")
        }
    }

    /// Flushes every file, then puts the staging folder in place of ``target`` in one step. `afterSwap` runs the
    /// moment the new outputs are in place, before the previous ones are removed (`quota --store` completes its
    /// stored run there, so the two change as close together as they can).
    public func commit(afterSwap: () throws -> Void = {}) throws {
        guard !finished else { return }
        try Self.syncTree(staging)
        if FileIO.exists(target) {
            if OutputFolder.exchange(staging, target) {
                try? FileIO.sync(path: parent)
                try afterSwap()
                // `staging` now holds the previous outputs.
                FileIO.removeTree(staging)
            } else {
                let old = parent + "/." + name + ".old-\(getpid())"
                FileIO.removeTree(old)
                guard rename(target, old) == 0 else {
                    throw IngestFileError(file: target, message: "cannot move the previous outputs aside: \(systemError(errno))")
                }
                guard rename(staging, target) == 0 else {
                    let e = errno
                    rename(old, target)
                    throw IngestFileError(file: target, message: "cannot move the new outputs into place: \(systemError(e))")
                }
                try? FileIO.sync(path: parent)
                try afterSwap()
                FileIO.removeTree(old)
            }
        } else {
            guard rename(staging, target) == 0 else {
                throw IngestFileError(file: target, message: "cannot move the new outputs into place: \(systemError(errno))")
            }
            try? FileIO.sync(path: parent)
            try afterSwap()
        }
        try? FileIO.sync(path: parent)
        RunCleanup.unregister(staging)
        finished = true
        releaseLock()
    }

    /// Flushes every file and folder below `path`, then `path` itself.
    private static func syncTree(_ path: String) throws {
        for entry in FileIO.entries(of: path) {
            let child = path + "/" + entry
            if FileIO.isDirectory(child) { try syncTree(child) } else { try FileIO.sync(path: child) }
        }
        try FileIO.sync(path: path)
    }

    /// Removes the staging folder and releases the lock; the previous outputs stay as they were.
    public func abandon() {
        guard !finished else { return }
        FileIO.removeTree(staging)
        RunCleanup.unregister(staging)
        finished = true
        releaseLock()
    }

    /// Swaps two paths atomically with `renameat2(RENAME_EXCHANGE)` (Linux 3.15+); `false` where unsupported.
    static func exchange(_ a: String, _ b: String) -> Bool {
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "renameat2") else { return false }
        let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
        let renameExchange: UInt32 = 2
        return renameat2(AT_FDCWD, a, AT_FDCWD, b, renameExchange) == 0
    }
}
