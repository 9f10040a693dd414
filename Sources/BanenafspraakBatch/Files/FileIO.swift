#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BanenafspraakIngest

/// One place for every write the batch does, so that each failure names its path with a readable reason
/// (`strerror`), and so that tests can make the disk full or kill the process at a chosen byte without mounts.
///
/// Test seams, read once from the environment (never set them in production):
/// - `BANENAFSPRAAK_TEST_FULL_DISK=PREFIX:N`: writes to paths under `PREFIX` fail with `ENOSPC` once `N`
///   bytes have been written there in total, as on a full file system.
/// - `BANENAFSPRAAK_TEST_KILL_AT_BYTE=PREFIX:N`: the process kills itself with `SIGKILL` right after byte
///   `N` (in total) was written under `PREFIX`, as `kill -9` at that moment would.
/// - `BANENAFSPRAAK_TEST_STALL_AT_BYTE=PREFIX:N`: the writing thread stops for good at that byte, so a test can
///   send SIGINT or SIGTERM, or start a second run, while the run is provably in the middle of writing.
enum FileIO {
    struct Seam {
        var prefix: String
        var limit: Int64
        var written: Int64 = 0
    }

    nonisolated(unsafe) private static var fullDisk = seam("BANENAFSPRAAK_TEST_FULL_DISK")
    nonisolated(unsafe) private static var killAt = seam("BANENAFSPRAAK_TEST_KILL_AT_BYTE")
    nonisolated(unsafe) private static var stallAt = seam("BANENAFSPRAAK_TEST_STALL_AT_BYTE")
    nonisolated(unsafe) private static var lock = pthread_mutex_t()
    private static let lockReady: Bool = { pthread_mutex_init(&lock, nil); return true }()

    private static func seam(_ name: String) -> Seam? {
        guard let v = getenv(name) else { return nil }
        let s = String(cString: v)
        guard let colon = s.lastIndex(of: ":"), let n = Int64(s[s.index(after: colon)...]) else { return nil }
        return Seam(prefix: String(s[..<colon]), limit: n)
    }

    /// Writes all of `count` bytes to `fd` (the file at `path`); throws an error naming the path on failure.
    static func writeAll(fd: Int32, path: String, _ bytes: UnsafeRawPointer, _ count: Int) throws(IngestFileError) {
        var offset = 0
        while offset < count {
            var allowed = count - offset
            var killAfter = false, stallAfter = false
            if fullDisk != nil || killAt != nil || stallAt != nil {
                _ = lockReady
                pthread_mutex_lock(&lock)
                if let s = fullDisk, path.hasPrefix(s.prefix) {
                    let room = max(0, s.limit - s.written)
                    if room == 0 {
                        pthread_mutex_unlock(&lock)
                        throw IngestFileError(file: path, message: "cannot write the file: \(systemError(ENOSPC))")
                    }
                    allowed = min(allowed, Int(room))
                }
                if let s = killAt, path.hasPrefix(s.prefix) {
                    let room = max(0, s.limit - s.written)
                    if Int64(allowed) >= room { allowed = Int(room); killAfter = true }
                }
                if let s = stallAt, path.hasPrefix(s.prefix) {
                    let room = max(0, s.limit - s.written)
                    if Int64(allowed) >= room { allowed = Int(room); stallAfter = true }
                }
                pthread_mutex_unlock(&lock)
            }
            var n = allowed == 0 ? 0 : Glibc.write(fd, bytes + offset, allowed)
            while n < 0 && errno == EINTR { n = Glibc.write(fd, bytes + offset, allowed) }
            if n < 0 { throw IngestFileError(file: path, message: "cannot write the file: \(systemError(errno))") }
            if fullDisk != nil || killAt != nil || stallAt != nil {
                pthread_mutex_lock(&lock)
                if fullDisk != nil, path.hasPrefix(fullDisk!.prefix) { fullDisk!.written += Int64(n) }
                if killAt != nil, path.hasPrefix(killAt!.prefix) { killAt!.written += Int64(n) }
                if stallAt != nil, path.hasPrefix(stallAt!.prefix) { stallAt!.written += Int64(n) }
                pthread_mutex_unlock(&lock)
            }
            if killAfter { kill(getpid(), SIGKILL) }
            if stallAfter {
                let note = "banenafspraak: test seam: stalled writing \(path)\n"
                _ = note.withCString { Glibc.write(2, $0, strlen($0)) }
                while true { pause() }
            }
            offset += n
        }
    }

    /// Writes `bytes` as the whole new file `path` (created, or truncated: only ever used inside a fresh folder).
    static func writeFile(path: String, bytes: [UInt8]) throws(IngestFileError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw IngestFileError(file: path, message: "cannot create the file: \(systemError(errno))") }
        defer { close(fd) }
        let outcome: IngestFileError? = bytes.withUnsafeBytes { (raw) -> IngestFileError? in
            guard raw.count > 0 else { return nil }
            do { try writeAll(fd: fd, path: path, raw.baseAddress!, raw.count) } catch let e as IngestFileError { return e } catch { return IngestFileError(file: path, message: "\(error)") }
            return nil
        }
        if let outcome { throw outcome }
    }

    /// Flushes a file or folder to stable storage.
    static func sync(path: String) throws(IngestFileError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw IngestFileError(file: path, message: "cannot open for fsync: \(systemError(errno))") }
        defer { close(fd) }
        if fsync(fd) != 0 && errno != EINVAL {
            throw IngestFileError(file: path, message: "cannot flush to disk (fsync): \(systemError(errno))")
        }
    }

    /// Removes a file or a folder with everything in it; missing is fine.
    static func removeTree(_ path: String) {
        var st = stat()
        guard lstat(path, &st) == 0 else { return }
        if (st.st_mode & S_IFMT) == S_IFDIR {
            for name in entries(of: path) { removeTree(path + "/" + name) }
            rmdir(path)
        } else {
            unlink(path)
        }
    }

    /// The names in a folder, without `.` and `..`; empty when it cannot be read.
    static func entries(of path: String) -> [String] {
        guard let dir = opendir(path) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let e = readdir(dir) {
            let name = withUnsafeBytes(of: e.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    static func exists(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0
    }

    /// Creates `path` and its missing parents.
    static func makeDirectories(_ path: String) throws(IngestFileError) {
        if isDirectory(path) { return }
        let parent = parentOf(path)
        if parent != path && !parent.isEmpty { try makeDirectories(parent) }
        if mkdir(path, 0o755) != 0 && errno != EEXIST {
            throw IngestFileError(file: path, message: "cannot create the folder: \(systemError(errno))")
        }
        if !isDirectory(path) { throw IngestFileError(file: path, message: "cannot create the folder: a file of that name is in the way") }
    }

    static func parentOf(_ path: String) -> String {
        var p = path
        while p.count > 1 && p.hasSuffix("/") { p.removeLast() }
        guard let slash = p.lastIndex(of: "/") else { return "." }
        return slash == p.startIndex ? "/" : String(p[..<slash])
    }

    static func baseName(_ path: String) -> String {
        var p = path
        while p.count > 1 && p.hasSuffix("/") { p.removeLast() }
        guard let slash = p.lastIndex(of: "/") else { return p }
        return String(p[p.index(after: slash)...])
    }

    /// `path` made absolute against the working folder (no symlink resolution).
    static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        var buf = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buf, buf.count) != nil else { return path }
        let cwd = String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return (cwd == "/" ? "" : cwd) + "/" + path
    }
}
