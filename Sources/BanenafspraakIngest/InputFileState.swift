#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What an input file looked like when a run began: its size, modification time and inode. A run compares it
/// again when it has read the file, and the receipt's hash again after hashing, so a file that grows or is
/// replaced during a run is refused instead of counted from some bytes and hashed from others.
public struct InputFileState: Sendable, Equatable, CustomStringConvertible {
    public var size: Int64
    public var modifiedNanoseconds: Int64
    public var inode: UInt64

    /// The state of `path`; refuses anything but a regular file (a FIFO would block the run forever and a device
    /// such as `/dev/zero` never ends), naming the path and what it is.
    public init(path: String) throws {
        var st = stat()
        guard stat(path, &st) == 0 else {
            throw IngestFileError(file: path, message: "cannot read the file: \(systemError(errno))")
        }
        try Self.checkRegular(st, path: path)
        size = Int64(st.st_size)
        modifiedNanoseconds = Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
        inode = UInt64(st.st_ino)
    }

    /// Refuses a file that is not a regular file.
    static func checkRegular(_ st: stat, path: String) throws {
        let kind: String
        switch st.st_mode & S_IFMT {
        case S_IFREG: return
        case S_IFDIR: throw IngestFileError(file: path, message: "cannot read the file: it is a folder")
        case S_IFIFO: kind = "a FIFO (named pipe)"
        case S_IFCHR, S_IFBLK: kind = "a device"
        case S_IFSOCK: kind = "a socket"
        default: kind = "not a regular file"
        }
        throw IngestFileError(file: path, message: "cannot read the file: it is \(kind); an input must be a regular file")
    }

    /// Fails, naming the file and what changed, when `path` is no longer in this state.
    public func checkUnchanged(path: String, when: String) throws {
        let now = try InputFileState(path: path)
        guard now != self else { return }
        throw IngestFileError(file: path, message: "the file changed \(when) (was \(self), now \(now)); the run is refused: run it again on files that are not being written")
    }

    public var description: String { "\(size) bytes, modified at \(modifiedNanoseconds) ns, inode \(inode)" }
}
