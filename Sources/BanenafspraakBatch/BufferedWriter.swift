#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BanenafspraakIngest

/// A file written through one reusable byte buffer with `write(2)`; no `String` per field on hot paths.
final class BufferedWriter {
    let path: String
    private let fd: Int32
    private var buffer: [UInt8] = []
    /// Bytes written so far, buffered ones included.
    var bytesWritten: Int64 { flushed + Int64(buffer.count) }
    private var flushed: Int64 = 0

    init(path: String) throws {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw IngestFileError(file: path, message: "cannot create the file (errno \(errno))") }
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
        var offset = 0
        while offset < buffer.count {
            let n = buffer.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 { throw IngestFileError(file: path, message: "write error (errno \(errno))") }
            offset += n
        }
        flushed += Int64(buffer.count)
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Reads `length` bytes at `offset` of a file (the raw text of a rejected duplicate).
func readBytes(path: String, offset: Int64, length: Int) -> [UInt8] {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { return [] }
    defer { close(fd) }
    var out = [UInt8](repeating: 0, count: length)
    let n = out.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, length, off_t(offset)) }
    return n == length ? out : Array(out.prefix(max(0, n)))
}
