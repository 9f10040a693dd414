#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A growable byte buffer for building CSV output without a `String` per field.
///
/// It is a struct used as a local `var` in the hot loops (so there is no runtime exclusivity checking), and it
/// owns manually allocated memory: call ``release()`` exactly once when done. The `put…` methods do not check
/// capacity; call ``reserve(_:)`` first with an upper bound of what follows (one CSV line is far below 256
/// bytes).
struct ByteWriter {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count: Int = 0
    private(set) var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 256)
        base = .allocate(capacity: self.capacity)
    }

    func release() { base.deallocate() }

    mutating func reset() { count = 0 }

    @inline(__always)
    mutating func reserve(_ n: Int) {
        if count + n > capacity { grow(count + n) }
    }

    private mutating func grow(_ needed: Int) {
        var c = capacity * 2
        while c < needed { c *= 2 }
        let nb = UnsafeMutablePointer<UInt8>.allocate(capacity: c)
        nb.update(from: base, count: count)
        base.deallocate()
        base = nb
        capacity = c
    }

    @inline(__always)
    mutating func put(_ b: UInt8) {
        base[count] = b
        count += 1
    }

    @inline(__always)
    mutating func put(_ bytes: UnsafePointer<UInt8>, _ n: Int) {
        (base + count).update(from: bytes, count: n)
        count += n
    }

    @inline(__always)
    mutating func put(_ other: ByteWriter) {
        put(UnsafePointer(other.base), other.count)
    }

    @inline(__always)
    mutating func put(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { put($0.baseAddress!, $0.count) }
    }

    /// `v` as exactly `width` decimal digits with leading zeros (`v` must fit).
    @inline(__always)
    mutating func putDigits(_ v: Int, width: Int) {
        var x = v
        var i = count + width - 1
        while i >= count {
            base[i] = UInt8(truncatingIfNeeded: 48 + x % 10)
            x /= 10
            i -= 1
        }
        count += width
    }

    /// A non-negative integer in the shortest decimal form.
    @inline(__always)
    mutating func putInt(_ v: Int) {
        if v < 10 {
            put(UInt8(truncatingIfNeeded: 48 + v))
            return
        }
        var n = 1
        var p = 10
        while n < 19 && v >= p {
            n += 1
            p = p &* 10
        }
        putDigits(v, width: n)
    }

    /// A non-negative amount in hundredths as `123.45` (centi-hours or eurocents).
    @inline(__always)
    mutating func putDecimal2(_ v: Int) {
        putInt(v / 100)
        put(46)  // "."
        putDigits(v % 100, width: 2)
    }

    /// A `YYYY-MM-DD` date.
    @inline(__always)
    mutating func putDate(_ year: Int, _ month: Int, _ day: Int) {
        putDigits(year, width: 4)
        put(45)
        putDigits(month, width: 2)
        put(45)
        putDigits(day, width: 2)
    }

    /// Any string (checks capacity itself; not for hot loops).
    mutating func append(_ s: String) {
        var s = s
        s.withUTF8 { u in
            reserve(u.count)
            put(u.baseAddress!, u.count)
        }
    }
}

@inline(__always)
private func posixWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int { write(fd, p, n) }

@inline(__always)
private func posixClose(_ fd: Int32) -> Int32 { close(fd) }

/// A file opened for writing with `open(2)`, written in large chunks with `write(2)`.
struct OutputFile {
    let path: String
    let fd: Int32

    init(path: String) throws {
        self.path = path
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw GeneratorError.io("cannot open \(path) for writing (errno \(errno))") }
        self.fd = fd
    }

    func write(_ bytes: UnsafePointer<UInt8>, _ n: Int) throws {
        var done = 0
        while done < n {
            let r = posixWrite(fd, bytes + done, n - done)
            if r < 0 {
                if errno == EINTR { continue }
                throw GeneratorError.io("write to \(path) failed (errno \(errno))")
            }
            done += r
        }
    }

    func write(_ w: ByteWriter) throws { try write(UnsafePointer(w.base), w.count) }

    func close() throws {
        if posixClose(fd) != 0 { throw GeneratorError.io("close of \(path) failed (errno \(errno))") }
    }
}
