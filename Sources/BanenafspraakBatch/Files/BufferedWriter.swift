#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BanenafspraakIngest

/// A file written through one reusable byte buffer with `write(2)`; no `String` per field on hot paths.
///
/// A failed write (full disk, I/O error) is kept and thrown by the next ``flush()``, with the path and
/// the reason, so no buffered error is ever lost.
final class BufferedWriter {
    let path: String
    private let fd: Int32
    private var buffer: [UInt8] = []
    /// Bytes written so far, buffered ones included.
    var bytesWritten: Int64 { flushed + Int64(buffer.count) }
    private var flushed: Int64 = 0
    private var failure: IngestFileError?

    init(path: String) throws {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw IngestFileError(file: path, message: "cannot create the file: \(systemError(errno))") }
        buffer.reserveCapacity(1 << 20)
    }

    deinit { close(fd) }

    func write(_ s: String) {
        buffer.append(contentsOf: s.utf8)
        if buffer.count >= 1 << 20 { try? flush() }
    }

    func write(bytes: some Sequence<UInt8>) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 20 { try? flush() }
    }

    /// A CSV field, quoted when it holds a comma, quote or line break (RFC 4180).
    func writeCSVField(_ bytes: some Collection<UInt8>) {
        let needsQuotes = bytes.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
        guard needsQuotes else { write(bytes: bytes); return }
        buffer.append(UInt8(ascii: "\""))
        for b in bytes {
            if b == UInt8(ascii: "\"") { buffer.append(b) }
            buffer.append(b)
        }
        buffer.append(UInt8(ascii: "\""))
    }

    func flush() throws {
        if let failure { buffer.removeAll(keepingCapacity: true); throw failure }
        let outcome: IngestFileError? = buffer.withUnsafeBytes { (raw) -> IngestFileError? in
            guard raw.count > 0 else { return nil }
            do { try FileIO.writeAll(fd: fd, path: path, raw.baseAddress!, raw.count) } catch let e as IngestFileError { return e } catch { return IngestFileError(file: path, message: "\(error)") }
            return nil
        }
        if let error = outcome {
            failure = error
            buffer.removeAll(keepingCapacity: true)
            throw error
        }
        flushed += Int64(buffer.count)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes the buffer, then the file to stable storage.
    func sync() throws {
        try flush()
        if fsync(fd) != 0 && errno != EINVAL {
            throw IngestFileError(file: path, message: "cannot flush to disk (fsync): \(systemError(errno))")
        }
    }
}

/// One file opened once for many reads at offsets (rejections kept aside, lines read again).
final class ByteFileReader {
    let path: String
    private let fd: Int32

    init(path: String) throws {
        self.path = path
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw IngestFileError(file: path, message: "cannot open the file: \(systemError(errno))") }
    }

    deinit { close(fd) }

    /// Up to `length` bytes at `offset` (fewer at the end of the file).
    func read(offset: Int64, length: Int) throws -> [UInt8] {
        try readBytes(fd: fd, path: path, offset: offset, length: length)
    }
}

private func readBytes(fd: Int32, path: String, offset: Int64, length: Int) throws -> [UInt8] {
    var out = [UInt8](repeating: 0, count: length)
    var done = 0
    while done < length {
        let n = out.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, length - done, off_t(offset) + off_t(done)) }
        if n < 0 && errno == EINTR { continue }
        if n < 0 { throw IngestFileError(file: path, message: "cannot read the file: \(systemError(errno))") }
        if n == 0 { break }
        done += n
    }
    return Array(out.prefix(done))
}
