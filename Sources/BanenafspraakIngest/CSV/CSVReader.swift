#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A streaming RFC 4180 reader over bytes: `read(2)` into one reused buffer, fields as byte ranges.
///
/// No `String` is made per field. A record is one physical line, except that the quoted field at
/// ``multilineField`` may span up to ``multilineMaxLines`` lines and ``multilineMaxBytes`` bytes (reading R2 in docs/readings.md:
/// only `name` may hold a line break). A quote still open at the end of a line (or past that bound) ends
/// the record at its first line with ``FieldFlags/unbalancedQuote``, and reading goes on at the next line,
/// so one stray quote damages one record, never the rest of the file. ``recordLine`` is the physical line
/// where the record starts (header = line 1, reading R5 in docs/readings.md). Blank lines are skipped (reading R2 in docs/readings.md). Memory is the
/// buffer, which grows only to hold the longest record.
public final class CSVReader {
    /// Flags on one field.
    public struct FieldFlags: OptionSet, Sendable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        /// The field was quoted (`"..."`).
        public static let quoted = FieldFlags(rawValue: 1)
        /// The quoted field held a line break.
        public static let lineBreak = FieldFlags(rawValue: 2)
        /// The field breaks RFC 4180 quoting (a stray quote, text after a closing quote, or no closing quote).
        public static let badQuoting = FieldFlags(rawValue: 4)
        /// The field held an escaped quote (`""`), already unescaped in place.
        public static let escapedQuote = FieldFlags(rawValue: 8)
        /// A quote was still open at the end of the record's first line (or past the multi-line bound).
        public static let unbalancedQuote = FieldFlags(rawValue: 16)
        /// The record is longer than ``CSVReader/maxRecordBytes``: its one field is empty and ``CSVReader/rawRecord()``
        /// holds only its first ``CSVReader/overlongRawBytes`` bytes.
        public static let overlong = FieldFlags(rawValue: 32)
    }

    /// The longest record read as such: 64 KiB. A longer line is one record of one empty field flagged
    /// ``FieldFlags/overlong``, skipped without being held in memory (its length is ``overlongLength``).
    public var maxRecordBytes = 64 << 10
    /// How much of an overlong record ``rawRecord()`` keeps.
    public static let overlongRawBytes = 1024
    /// The length in bytes of the current record when it is overlong, else `nil`.
    public private(set) var overlongLength: Int?

    public let path: String
    /// Physical index of the one field that may hold line breaks, or `-1` for none (the default).
    public var multilineField = -1
    /// The bound on that field: at most this many physical lines ...
    public var multilineMaxLines = 8
    /// ... and this many bytes.
    public var multilineMaxBytes = 4096
    private let fd: Int32
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var length = 0
    private var position = 0
    private var endOfFile = false
    /// File offset of `buffer[0]`.
    private var bufferFileOffset: Int64 = 0
    private var nextLine = 1
    /// Reading stops at this file offset (see ``restrict(from:line:to:)``).
    private var limit = Int64.max

    /// Physical line where the current record starts.
    public private(set) var recordLine = 0
    /// File offset of the current record's first byte.
    public private(set) var recordFileOffset: Int64 = 0
    /// Number of fields in the current record.
    public private(set) var fieldCount = 0
    /// The current record ended early at an unbalanced quote.
    public private(set) var hasUnbalancedQuote = false
    /// The field index holding that quote, or `-1` when the line ended inside an earlier (multi-line) field.
    public private(set) var unbalancedField = -1
    // Field bounds live in raw storage: the hot loop then pays no dynamic exclusivity checks.
    private var fieldCapacity = 32
    private var starts = UnsafeMutablePointer<Int>.allocate(capacity: 32)
    private var ends = UnsafeMutablePointer<Int>.allocate(capacity: 32)
    private var flags = UnsafeMutablePointer<FieldFlags>.allocate(capacity: 32)
    private var recordStart = 0
    private var recordEnd = 0
    /// The raw record text when unescaping changed the buffer (rare); otherwise `nil`.
    private var rawCopy: [UInt8]?

    /// Opens `path`; throws ``IngestFileError`` when it cannot be read.
    public init(path: String, bufferSize: Int = 1 << 22) throws {
        self.path = path
        // Not a FIFO or device: open would wait for a writer, or reading would never end.
        var before = stat()
        if stat(path, &before) == 0 { try InputFileState.checkRegular(before, path: path) }
        let fd = open(path, O_RDONLY | O_NONBLOCK)
        guard fd >= 0 else { throw IngestFileError(file: path, message: "cannot open the file: \(systemError(errno))") }
        var st = stat()
        if fstat(fd, &st) == 0 && (st.st_mode & S_IFMT) != S_IFREG {
            close(fd)
            try InputFileState.checkRegular(st, path: path)
        }
        self.fd = fd
        capacity = max(bufferSize, 1024)
        buffer = .allocate(capacity: capacity)
    }

    deinit {
        close(fd)
        buffer.deallocate()
        starts.deallocate()
        ends.deallocate()
        flags.deallocate()
    }

    /// Total size of the file in bytes (for progress).
    public var fileSize: Int64 {
        var st = stat()
        return fstat(fd, &st) == 0 ? Int64(st.st_size) : 0
    }

    /// Physical line of the next record.
    public var nextRecordLine: Int { nextLine }

    /// Reads only the bytes `start..<end` from now on: `start` must begin a record at physical line `line`
    /// (in payroll-like files, where no field holds a line break, any offset just after a newline does).
    /// Lets several readers each take one part of a file.
    public func restrict(from start: Int64, line: Int, to end: Int64) {
        limit = end
        bufferFileOffset = start
        position = 0
        length = 0
        endOfFile = start >= end
        nextLine = line
        _ = lseek(fd, off_t(start), SEEK_SET)
    }

    /// Bytes consumed so far (for progress).
    public var bytesConsumed: Int64 { bufferFileOffset + Int64(position) }

    /// The bytes of field `i` of the current record (unquoted, unescaped).
    @inlinable
    public func field(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        fieldBytes(i)
    }

    @usableFromInline
    func fieldBytes(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: buffer + starts[i], count: ends[i] - starts[i])
    }

    /// The flags of field `i` of the current record.
    public func fieldFlags(_ i: Int) -> FieldFlags { flags[i] }

    /// Length in bytes of the current record's raw text, without its line terminator.
    public var rawRecordLength: Int { rawCopy?.count ?? (recordEnd - recordStart) }

    /// The current record's raw text, without its line terminator.
    public func rawRecord() -> [UInt8] {
        if let rawCopy { return rawCopy }
        return Array(UnsafeBufferPointer(start: buffer + recordStart, count: recordEnd - recordStart))
    }

    /// Advances to the next record; `false` at end of file.
    public func next() throws -> Bool {
        while true {
            switch parseRecord() {
            case .record: return true
            case .blank: continue
            case .endOfFile: return false
            case .needMore:
                if length - position > maxRecordBytes {
                    try skipOverlongRecord()
                    return true
                }
                try refill()
            }
        }
    }

    private enum ParseOutcome { case record, blank, endOfFile, needMore }

    /// The next physical line, without its line feed, when it lies wholly in the buffer and is not empty; `nil`
    /// otherwise (then ``next()`` reads it). A caller that can take the line as one plain record (no quote, no
    /// carriage return but a final one, the header's field count) checks it in place and calls ``acceptLine(count:textCount:)``; any other
    /// line goes through ``next()`` unchanged. Nothing is consumed here.
    @inline(__always)
    public func peekLine() -> UnsafeBufferPointer<UInt8>? {
        let i = position
        guard i < length, let end = memchr(buffer + i, Int32(UInt8(ascii: "\n")), length - i) else { return nil }
        let count = buffer.distance(to: end.assumingMemoryBound(to: UInt8.self)) - i
        return count > 0 && count <= maxRecordBytes ? UnsafeBufferPointer(start: buffer + i, count: count) : nil
    }

    /// Makes the line of the last ``peekLine()`` (of `count` bytes) the current record, as ``next()`` would have,
    /// for ``recordLine``, ``recordFileOffset``, ``rawRecordLength`` and ``rawRecord()``; `textCount` leaves out a
    /// final carriage return, as ``next()`` does. Its fields are not split: the caller has read them from the peeked bytes.
    @inline(__always)
    public func acceptLine(count: Int, textCount: Int) {
        rawCopy = nil
        overlongLength = nil
        hasUnbalancedQuote = false
        unbalancedField = -1
        fieldCount = 0
        recordStart = position
        recordEnd = position + textCount
        recordLine = nextLine
        recordFileOffset = bufferFileOffset + Int64(position)
        nextLine += 1
        position += count + 1
    }

    private func refill() throws {
        // Keep the unparsed tail, then read more behind it.
        if position > 0 {
            let tail = length - position
            if tail > 0 { (buffer).update(from: buffer + position, count: tail) }
            bufferFileOffset += Int64(position)
            length = tail
            position = 0
        }
        let room = limit - (bufferFileOffset + Int64(length))
        if room <= 0 { endOfFile = true; return }
        if length == capacity {
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
            bigger.update(from: buffer, count: length)
            buffer.deallocate()
            buffer = bigger
            capacity *= 2
        }
        let want = Int(min(Int64(capacity - length), room))
        var n = read(fd, buffer + length, want)
        while n < 0 && errno == EINTR { n = read(fd, buffer + length, want) }
        if n < 0 { throw IngestFileError(file: path, message: "cannot read the file: \(systemError(errno))") }
        if n == 0 { endOfFile = true } else { length += n }
    }

    private func growFields() {
        let n = fieldCapacity * 2
        let s = UnsafeMutablePointer<Int>.allocate(capacity: n), e = UnsafeMutablePointer<Int>.allocate(capacity: n)
        let f = UnsafeMutablePointer<FieldFlags>.allocate(capacity: n)
        s.update(from: starts, count: fieldCapacity); e.update(from: ends, count: fieldCapacity); f.update(from: flags, count: fieldCapacity)
        starts.deallocate(); ends.deallocate(); flags.deallocate()
        starts = s; ends = e; flags = f
        fieldCapacity = n
    }

    private func parseRecord() -> ParseOutcome {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        let buffer = self.buffer, length = self.length, endOfFile = self.endOfFile
        var starts = self.starts, ends = self.ends, flags = self.flags, capacity = fieldCapacity
        var fieldCount = 0
        @inline(__always) func appendField(_ s: Int, _ e: Int, _ f: FieldFlags) {
            if fieldCount == capacity {
                growFields()
                starts = self.starts; ends = self.ends; flags = self.flags; capacity = fieldCapacity
            }
            starts[fieldCount] = s; ends[fieldCount] = e; flags[fieldCount] = f
            fieldCount += 1
        }
        var i = position
        if i >= length {
            return endOfFile ? .endOfFile : .needMore
        }
        // Blank line: "\n" or "\r\n".
        if buffer[i] == lf || (buffer[i] == cr && i + 1 < length && buffer[i + 1] == lf) {
            position = buffer[i] == lf ? i + 1 : i + 2
            nextLine += 1
            return .blank
        }
        if buffer[i] == cr && i + 1 >= length && !endOfFile { return .needMore }
        rawCopy = nil
        overlongLength = nil
        var newlines = 0
        let start = i
        var escapes = false
        /// The first line feed inside a quoted field of this record: where the record ends if the quote turns out unbalanced.
        var firstBreak = -1
        var unbalanced = false, unbalancedAt = -1
        while true {
            if i < length && buffer[i] == quote {
                // Quoted field.
                i += 1
                let contentStart = i
                var f: FieldFlags = .quoted
                var closed = false
                while i < length {
                    let b = buffer[i]
                    if b == quote {
                        if i + 1 >= length {
                            if !endOfFile { return .needMore }
                            closed = true
                            break
                        }
                        if buffer[i + 1] == quote { f.insert(.escapedQuote); escapes = true; i += 2; continue }
                        closed = true
                        break
                    }
                    if b == lf {
                        if firstBreak < 0 { firstBreak = i }
                        if fieldCount != multilineField || newlines + 1 >= multilineMaxLines || i - contentStart > multilineMaxBytes { break }
                        newlines += 1
                        f.insert(.lineBreak)
                    }
                    i += 1
                }
                if !closed {
                    if i >= length && !endOfFile { return .needMore }
                    // Unbalanced: the record is its first physical line; reading goes on at the next.
                    let lineEnd = firstBreak >= 0 ? firstBreak : i
                    let fieldEnd = lineEnd > contentStart && buffer[lineEnd - 1] == cr && lineEnd < length ? lineEnd - 1 : lineEnd
                    if contentStart <= fieldEnd {
                        unbalancedAt = fieldCount
                        appendField(contentStart, fieldEnd, [.quoted, .badQuoting, .unbalancedQuote])
                    } else {
                        // The first line ended inside an earlier (multi-line) field of this record.
                        unbalancedAt = -1
                        fieldCount = 0
                        appendField(start, fieldEnd, [.badQuoting, .unbalancedQuote])
                    }
                    unbalanced = true
                    recordEnd = fieldEnd
                    newlines = 0
                    i = lineEnd < length ? lineEnd + 1 : lineEnd
                    escapes = false
                    break
                }
                let contentEnd = i
                i += 1 // closing quote
                // After the closing quote: a comma, a line end or the end of file.
                var junkEnd = i
                while junkEnd < length && buffer[junkEnd] != comma && buffer[junkEnd] != lf { junkEnd += 1 }
                if junkEnd >= length && !endOfFile { return .needMore }
                var termAt = junkEnd
                if termAt > i && buffer[termAt - 1] == cr && (termAt >= length || buffer[termAt] == lf) { termAt -= 1 }
                if termAt > i { f.insert(.badQuoting) }
                appendField(contentStart, f.contains(.badQuoting) ? termAt : contentEnd, f)
                i = junkEnd
            } else {
                let s = i
                var f: FieldFlags = []
                while i < length {
                    let b = buffer[i]
                    if b == comma || b == lf { break }
                    if b == quote { f.insert(.badQuoting) }
                    i += 1
                }
                if i >= length && !endOfFile { return .needMore }
                var e = i
                if e > s && buffer[e - 1] == cr && (i >= length || buffer[i] == lf) { e -= 1 }
                appendField(s, e, f)
            }
            if i >= length {
                // End of file ends the record.
                recordEnd = ends[fieldCount - 1]
                if flags[fieldCount - 1].contains(.quoted) && !flags[fieldCount - 1].contains(.badQuoting) { recordEnd += 1 }
                break
            }
            if buffer[i] == comma {
                i += 1
                if i >= length {
                    if !endOfFile { return .needMore }
                    appendField(i, i, [])
                    recordEnd = i
                    break
                }
                continue
            }
            // Line feed.
            recordEnd = (i > start && buffer[i - 1] == cr) ? i - 1 : i
            i += 1
            break
        }
        self.fieldCount = fieldCount
        hasUnbalancedQuote = unbalanced
        unbalancedField = unbalancedAt
        recordStart = start
        recordLine = nextLine
        recordFileOffset = bufferFileOffset + Int64(start)
        nextLine += 1 + newlines
        position = min(i, length)
        if recordEnd - start > maxRecordBytes {
            markOverlong(head: Array(UnsafeBufferPointer(start: buffer + start, count: Self.overlongRawBytes)), length: recordEnd - start)
            return .record
        }
        if escapes { unescapeQuotedFields() }
        return .record
    }

    /// Makes the current record an overlong one: one empty field flagged ``FieldFlags/overlong``, `head` as its raw text.
    private func markOverlong(head: [UInt8], length total: Int) {
        rawCopy = head
        overlongLength = total
        fieldCount = 1
        starts[0] = position; ends[0] = position; flags[0] = .overlong
        hasUnbalancedQuote = false
        unbalancedField = -1
        recordStart = position
        recordEnd = position
    }

    /// Skips a record longer than ``maxRecordBytes`` that does not fit in the buffer, to the end of its physical
    /// line, reading on without growing the buffer.
    private func skipOverlongRecord() throws {
        let start = position
        recordLine = nextLine
        recordFileOffset = bufferFileOffset + Int64(start)
        let head = Array(UnsafeBufferPointer(start: buffer + start, count: min(Self.overlongRawBytes, length - start)))
        var total = 0
        var from = start
        var lastByte: UInt8 = 0
        while true {
            if length > from, let p = memchr(buffer + from, Int32(UInt8(ascii: "\n")), length - from) {
                let at = buffer.distance(to: p.assumingMemoryBound(to: UInt8.self))
                total += at - from
                if at > from { lastByte = buffer[at - 1] }
                position = at + 1
                break
            }
            if length > from { lastByte = buffer[length - 1] }
            total += length - from
            position = length
            if endOfFile { break }
            try refill()
            from = position
            if length == 0 && endOfFile { break }
        }
        if lastByte == UInt8(ascii: "\r") { total -= 1 }
        nextLine += 1
        markOverlong(head: head, length: total)
    }

    /// Turns `""` into `"` inside quoted fields, in place, keeping a copy of the raw record first.
    private func unescapeQuotedFields() {
        rawCopy = Array(UnsafeBufferPointer(start: buffer + recordStart, count: recordEnd - recordStart))
        for k in 0..<fieldCount where flags[k].contains(.escapedQuote) {
            var w = starts[k]
            var r = starts[k]
            while r < ends[k] {
                buffer[w] = buffer[r]
                if buffer[r] == UInt8(ascii: "\"") && r + 1 < ends[k] && buffer[r + 1] == UInt8(ascii: "\"") { r += 1 }
                r += 1
                w += 1
            }
            ends[k] = w
        }
    }
}

/// A file that cannot be used at all (missing, unreadable, or a bad header): fatal, exit status 1.
public struct IngestFileError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var message: String
    public init(file: String, message: String) { self.file = file; self.message = message }
    public var description: String { "\(file): \(message)" }
}

/// `strerror(code)`, e.g. "No space left on device (errno 28)".
public func systemError(_ code: Int32) -> String {
    "\(String(cString: strerror(code))) (errno \(code))"
}
