#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BanenafspraakCore

/// One payroll line that passed every field check (stage 1). Duplicates are decided later, in file order.
public struct ParsedPayrollLine: Sendable {
    public var employer: Int32
    /// `-1` when the line is not lent out.
    public var hirer: Int32
    public var period: YearMonth
    public var hours: CentiHours
    public var wage: Cents
    public var scheme: PayrollScheme
    public var permanent: Bool
    /// The person id's bytes in the batch's ``PayrollBatch/personBytes``.
    public var personStart: Int32
    public var personLength: Int32
    public var line: Int
    public var fileOffset: Int64
    public var rawLength: Int32
    /// The `received` date as ``ReceivedDate`` (`YYYYMMDD`); ``ReceivedDate/known`` when blank or absent (spec section 13).
    public var received: Int32 = ReceivedDate.known
}

/// A slice of `payroll.csv`: the lines that passed field checks and the rows rejected so far.
public struct PayrollBatch: Sendable {
    public var lines: [ParsedPayrollLine] = []
    public var personBytes: [UInt8] = []
    public var rejections: [Rejection] = []
    public var rowsRead = 0
    public var bytesConsumed: Int64 = 0
    public init() {}
}

/// Stage 1 of the payroll path: parses and checks every field of `payroll.csv` (input contract: docs/contracts-internal.md),
/// in batches. It needs only the read-only employer registry, so it can run on its own thread.
public final class PayrollParser {
    public enum Column: String, CaseIterable, Sendable {
        case employer_id, person_id, period, hours, wage, contract, scheme, hirer_id, received
    }
    public static let fileName = InputFile.payroll.rawValue

    private let reader: CSVReader
    private let header: Header<Column>
    private let employers: EmployerRegistry
    /// Hours are verloonde uren 0–744 per month.
    static let maximumHours: Int64 = 74_400
    /// The last employer id's bytes (at most 32), in raw storage so the per-line comparison costs no reference counting.
    private let lastEmployerBytes = UnsafeMutablePointer<UInt8>.allocate(capacity: 32)
    private var lastEmployerCount = 0
    private var lastEmployerId: Int32 = -1
    /// 8 or 7 when the header holds the contract's columns in its order (with or without `hirer_id`), else 0;
    /// a last `received` column (spec section 13) is not counted here but in ``trailingReceived``.
    private let contractOrderColumns: Int
    /// The contract's columns in order are followed by `received` (the plain path then takes it off each line's end).
    private let trailingReceived: Bool
    /// Whether the header has a `received` column at all (spec section 13).
    public var hasReceivedColumn: Bool { header.index(of: .received) != nil }

    public init(path: String, employers: EmployerRegistry) throws {
        reader = try CSVReader(path: path)
        header = try Header<Column>(reader: reader, fileName: PayrollParser.fileName,
                                    required: [.employer_id, .person_id, .period, .hours, .wage, .contract, .scheme])
        self.employers = employers
        var columns = header.columns
        trailingReceived = columns.last == .received
        if trailingReceived { columns.removeLast() }
        contractOrderColumns = (columns == PayrollParser.contractOrder || columns == Array(PayrollParser.contractOrder.prefix(7))) ? columns.count : 0
    }

    deinit { lastEmployerBytes.deallocate() }

    public var fileSize: Int64 { reader.fileSize }
    public var path: String { reader.path }

    /// Where the next record starts: file offset and physical line (after `init`, the first line after the header).
    public var nextRecord: (offset: Int64, line: Int) { (reader.bytesConsumed, reader.nextRecordLine) }

    /// Parses only the records in `start..<end` of the file; `start` begins a record at physical line `line`.
    public func restrict(from start: Int64, line: Int, to end: Int64) {
        reader.restrict(from: start, line: line, to: end)
    }

    /// Reads up to `maxLines` rows; `nil` at end of file.
    public func nextBatch(maxLines: Int = 65_536) throws -> PayrollBatch? {
        var batch = PayrollBatch()
        return try fill(&batch, maxLines: maxLines) ? batch : nil
    }

    /// Refills `batch` (reusing its storage) with up to `maxLines` rows; `false` at end of file.
    public func fill(_ batch: inout PayrollBatch, maxLines: Int = 65_536) throws -> Bool {
        batch.lines.removeAll(keepingCapacity: true)
        batch.personBytes.removeAll(keepingCapacity: true)
        batch.rejections.removeAll(keepingCapacity: true)
        batch.rowsRead = 0
        batch.lines.reserveCapacity(maxLines)
        batch.personBytes.reserveCapacity(maxLines * 12)
        let plainPath = contractOrderColumns != 0 && usesPlainPath
        while batch.rowsRead < maxLines {
            // A line ending in CR LF is read without its CR, as the plain way reads it.
            if plainPath, let bytes = reader.peekLine(),
               case let text = bytes[bytes.count - 1] == UInt8(ascii: "\r") ? UnsafeBufferPointer(rebasing: bytes.dropLast()) : bytes,
               var line = parsePlainLine(text, personBytes: &batch.personBytes) {
                reader.acceptLine(count: bytes.count, textCount: text.count)
                line.line = reader.recordLine
                line.fileOffset = reader.recordFileOffset
                batch.rowsRead += 1
                batch.lines.append(line)
                continue
            }
            guard try reader.next() else { break }
            batch.rowsRead += 1
            let personMark = batch.personBytes.count
            do throws(RowProblem) {
                let line = try parseCurrent(into: &batch.personBytes)
                batch.lines.append(line)
            } catch {
                batch.personBytes.removeSubrange(personMark...)
                batch.rejections.append(reader.rejection(file: .payroll, error))
            }
        }
        batch.bytesConsumed = reader.bytesConsumed
        return batch.rowsRead > 0
    }

    /// Whether plain lines take ``parsePlainLine(_:personBytes:)`` (always, outside the test that compares both ways).
    var usesPlainPath = true

    /// The end of a run of `[A-Za-z0-9]` from `from` (the bytes of an id).
    @inline(__always)
    private static func idEnd(_ p: UnsafePointer<UInt8>, _ from: Int, _ n: Int) -> Int {
        var i = from
        while i < n {
            let c = p[i]
            guard (c &- 48) < 10 || ((c | 0x20) &- 97) < 26 else { break }
            i += 1
        }
        return i
    }

    /// An unsigned decimal `[0-9]+(\.[0-9]{1,2})?` of at most 16 bytes from `from`, followed by a comma, in
    /// hundredths (the value ``FieldParsing/decimal2(_:allowSign:)`` gives those bytes) with the comma's offset;
    /// `nil` for anything else. Wrapping arithmetic: a longer run of digits is refused by its length, never trapped on.
    @inline(__always)
    private static func plainDecimal(_ p: UnsafePointer<UInt8>, _ from: Int, _ n: Int) -> (value: Int64, end: Int)? {
        var i = from
        var value: Int64 = 0
        while i < n {
            let d = p[i] &- 48
            guard d < 10 else { break }
            value = value &* 10 &+ Int64(d)
            i += 1
        }
        guard i > from, i < n else { return nil }
        if p[i] == UInt8(ascii: ".") {
            i += 1
            guard i < n, case let d1 = p[i] &- 48, d1 < 10 else { return nil }
            value = value &* 10 &+ Int64(d1)
            i += 1
            if i < n, case let d2 = p[i] &- 48, d2 < 10 {
                value = value &* 10 &+ Int64(d2)
                i += 1
            } else {
                value = value &* 10
            }
        } else {
            value = value &* 100
        }
        guard i < n, p[i] == UInt8(ascii: ","), i - from <= 16 else { return nil }
        return (value, i)
    }

    /// The hot path for a line in the contract's column order that holds no quote and no carriage return (a final
    /// one is left out by the caller): its
    /// fields are found and checked in one pass over its bytes, with the same checks as ``parseCurrent(into:)``
    /// on the same bytes. Returns `nil`, and leaves `personBytes` as it was, for any line it does not take: every
    /// line that would be rejected and every unusual one (a quote, a sign, a carriage return, another field count).
    /// Such a line goes the plain way, which gives its rejection or takes it. `line` and `fileOffset` are left for
    /// the caller (after ``CSVReader/acceptLine(count:textCount:)``). PayrollPlainPathTests compares both ways.
    @inline(__always)
    private func parsePlainLine(_ b: UnsafeBufferPointer<UInt8>, personBytes: inout [UInt8]) -> ParsedPayrollLine? {
        let p = b.baseAddress!, comma = UInt8(ascii: ",")
        var n = b.count
        // A last `received` column: blank, or a date of 10 bytes, after the line's last comma.
        var received = ReceivedDate.known
        if trailingReceived {
            if n >= 1 && p[n - 1] == comma {
                n -= 1
            } else {
                guard n >= 11, p[n - 11] == comma, let r = ReceivedDate.parse(p + n - 10, 10) else { return nil }
                received = r
                n -= 11
            }
        }
        // employer_id, person_id: 1-32 and 1-64 characters of [A-Za-z0-9], each followed by a comma.
        let employerEnd = Self.idEnd(p, 0, n)
        guard employerEnd > 0, employerEnd <= 32, employerEnd < n, p[employerEnd] == comma else { return nil }
        let employerBytes = UnsafeBufferPointer(start: p, count: employerEnd)
        guard let employer = employerId(employerBytes) else { return nil }
        let personStart = employerEnd + 1
        let personEnd = Self.idEnd(p, personStart, n)
        guard personEnd > personStart, personEnd - personStart <= 64, personEnd < n, p[personEnd] == comma else { return nil }
        // period: YYYY-MM.
        let periodStart = personEnd + 1
        guard periodStart + 7 < n, p[periodStart + 7] == comma, p[periodStart + 4] == UInt8(ascii: "-") else { return nil }
        let y0 = p[periodStart] &- 48, y1 = p[periodStart + 1] &- 48, y2 = p[periodStart + 2] &- 48, y3 = p[periodStart + 3] &- 48
        let m0 = p[periodStart + 5] &- 48, m1 = p[periodStart + 6] &- 48
        guard y0 < 10, y1 < 10, y2 < 10, y3 < 10, m0 < 10, m1 < 10 else { return nil }
        let year = Int(y0) * 1000 + Int(y1) * 100 + Int(y2) * 10 + Int(y3), month = Int(m0) * 10 + Int(m1)
        guard year >= 1, month >= 1, month <= 12 else { return nil }
        let period = YearMonth(index: year * 12 + month - 1)
        // hours 0-744 and wage, unsigned decimals with at most 2 decimals.
        guard let (hours, hoursEnd) = Self.plainDecimal(p, periodStart + 8, n), hours <= Self.maximumHours,
              let (wage, wageEnd) = Self.plainDecimal(p, hoursEnd + 1, n) else { return nil }
        // contract: permanent or temporary (9 bytes each).
        let contractStart = wageEnd + 1
        guard contractStart + 9 < n, p[contractStart + 9] == comma else { return nil }
        let contract = UnsafeBufferPointer(start: p + contractStart, count: 9)
        let permanent: Bool
        if FieldParsing.equals(contract, "permanent") { permanent = true }
        else if FieldParsing.equals(contract, "temporary") { permanent = false }
        else { return nil }
        // scheme, then hirer_id (empty, or an accepted employer other than the line's own) when the header has it.
        let schemeStart = contractStart + 10
        var schemeEnd = schemeStart
        while schemeEnd < n && p[schemeEnd] != comma { schemeEnd += 1 }
        let schemeBytes = UnsafeBufferPointer(start: p + schemeStart, count: schemeEnd - schemeStart)
        let scheme: PayrollScheme
        if FieldParsing.equals(schemeBytes, "regular") { scheme = .regular }
        else if FieldParsing.equals(schemeBytes, "wsw") { scheme = .wsw }
        else if FieldParsing.equals(schemeBytes, "beschut") { scheme = .beschut }
        else { return nil }
        var hirer: Int32 = -1
        if contractOrderColumns == 8 {
            guard schemeEnd < n else { return nil }
            let hirerStart = schemeEnd + 1
            if hirerStart < n {
                guard Self.idEnd(p, hirerStart, n) == n, n - hirerStart <= 32 else { return nil }
                let hirerBytes = UnsafeBufferPointer(start: p + hirerStart, count: n - hirerStart)
                guard !FieldParsing.same(employerBytes, hirerBytes), let id = employers.ids.find(hirerBytes) else { return nil }
                hirer = id
            }
        } else {
            guard schemeEnd == n else { return nil }
        }
        let personOffset = Int32(personBytes.count)
        personBytes.append(contentsOf: UnsafeBufferPointer(start: p + personStart, count: personEnd - personStart))
        return ParsedPayrollLine(
            employer: employer, hirer: hirer, period: period, hours: CentiHours(hours), wage: Cents(wage),
            scheme: scheme, permanent: permanent, personStart: personOffset, personLength: Int32(personEnd - personStart),
            line: 0, fileOffset: 0, rawLength: Int32(b.count), received: received)
    }

    /// `memcmp(a, b, count) == 0` without the call: ids of 8 to 16 bytes (the usual) compare as two words.
    @inline(__always)
    private static func sameBytes(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        if count >= 8 && count <= 16 {
            let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
            return ra.loadUnaligned(as: UInt64.self) == rb.loadUnaligned(as: UInt64.self)
                && ra.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self) == rb.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        }
        return memcmp(a, b, count) == 0
    }

    @inline(__always)
    private func employerId(_ b: UnsafeBufferPointer<UInt8>) -> Int32? {
        if lastEmployerId >= 0 && b.count == lastEmployerCount && Self.sameBytes(b.baseAddress!, lastEmployerBytes, b.count) { return lastEmployerId }
        guard let id = employers.ids.find(b) else { return nil }
        // `b` passed the id check: at most 32 bytes.
        lastEmployerBytes.update(from: b.baseAddress!, count: b.count)
        lastEmployerCount = b.count
        lastEmployerId = id
        return id
    }

    /// The fields of one line, filled column by column.
    private struct LineFields {
        var employer: Int32 = -1, hirer: Int32 = -1
        var employerBytes: UnsafeBufferPointer<UInt8>?
        var period = YearMonth(index: 0), hours: Int64 = 0, wage: Int64 = 0
        var scheme = PayrollScheme.regular, permanent = true
        var personStart: Int32 = 0
        var personLength: Int32 = 0
        var received = ReceivedDate.known
    }

    /// The columns in the order of the input contract (docs/contracts-internal.md), with and without `hirer_id`.
    private static let contractOrder: [Column] = [.employer_id, .person_id, .period, .hours, .wage, .contract, .scheme, .hirer_id]

    private func parseCurrent(into personBytes: inout [UInt8]) throws(RowProblem) -> ParsedPayrollLine {
        if let p = reader.recordProblem(header) { throw p }
        var f = LineFields()
        f.personStart = Int32(personBytes.count)
        if contractOrderColumns == 8 || contractOrderColumns == 7 {
            // The usual header: the same checks in the same order, with the column of each field known here.
            try parseEmployer(0, &f)
            try parsePerson(1, &f, &personBytes)
            try parsePeriod(2, &f)
            try parseHours(3, &f)
            try parseWage(4, &f)
            try parseContract(5, &f)
            try parseScheme(6, &f)
            if contractOrderColumns == 8 { try parseHirer(7, &f) }
            if trailingReceived { try parseReceived(contractOrderColumns, &f) }
        } else {
            for (i, column) in header.columns.enumerated() { try parseField(column, i, &f, &personBytes) }
        }
        let (employer, hirer, period, hours, wage, scheme, permanent, personStart, personLength) =
            (f.employer, f.hirer, f.period, f.hours, f.wage, f.scheme, f.permanent, f.personStart, f.personLength)
        return ParsedPayrollLine(
            employer: employer, hirer: hirer, period: period, hours: CentiHours(hours), wage: Cents(wage),
            scheme: scheme, permanent: permanent, personStart: personStart, personLength: personLength,
            line: reader.recordLine, fileOffset: reader.recordFileOffset, rawLength: Int32(reader.rawRecordLength),
            received: f.received)
    }

    /// Checks field `i`, of column `column`, into `f` (the person id's bytes go to `personBytes`).
    private func parseField(_ column: Column, _ i: Int, _ f: inout LineFields, _ personBytes: inout [UInt8]) throws(RowProblem) {
        switch column {
        case .employer_id: try parseEmployer(i, &f)
        case .person_id: try parsePerson(i, &f, &personBytes)
        case .period: try parsePeriod(i, &f)
        case .hours: try parseHours(i, &f)
        case .wage: try parseWage(i, &f)
        case .contract: try parseContract(i, &f)
        case .scheme: try parseScheme(i, &f)
        case .hirer_id: try parseHirer(i, &f)
        case .received: try parseReceived(i, &f)
        }
    }

    /// `received`: blank, or a date `YYYY-MM-DD` (spec section 13).
    @inline(__always)
    private func parseReceived(_ i: Int, _ f: inout LineFields) throws(RowProblem) {
        let c = Column.received.rawValue
        guard let b = try reader.checkedField(i, column: c, required: false) else { return }
        guard let r = ReceivedDate.parse(b) else { throw RowProblem(c, .malformed, "\"\(FieldParsing.text(b))\" is not a date YYYY-MM-DD") }
        f.received = r
    }

    @inline(__always)
    private func parseEmployer(_ i: Int, _ f: inout LineFields) throws(RowProblem) {
        let c = Column.employer_id.rawValue
        let b = try reader.checkedField(i, column: c, required: true)!
        guard FieldParsing.isId(b, maxLength: 32) else { throw RowProblem(c, .malformed, "\"\(FieldParsing.text(b))\" is not 1-32 characters of [A-Za-z0-9]") }
        guard let id = employerId(b) else { throw RowProblem(c, .unknownEmployer, "employer \(FieldParsing.text(b)) is not among the accepted employers") }
        f.employer = id
        f.employerBytes = b
    }

    @inline(__always)
    private func parsePerson(_ i: Int, _ f: inout LineFields, _ personBytes: inout [UInt8]) throws(RowProblem) {
        let c = Column.person_id.rawValue
        let b = try reader.checkedField(i, column: c, required: true)!
        guard FieldParsing.isId(b, maxLength: 64) else { throw RowProblem(c, .malformed, "\"\(FieldParsing.text(b))\" is not 1-64 characters of [A-Za-z0-9]") }
        personBytes.append(contentsOf: b)
        f.personLength = Int32(b.count)
    }

    @inline(__always)
    private func parsePeriod(_ i: Int, _ f: inout LineFields) throws(RowProblem) {
        let c = Column.period.rawValue
        let b = try reader.checkedField(i, column: c, required: true)!
        guard let p = FieldParsing.period(b) else { throw RowProblem(c, .malformed, "\"\(FieldParsing.text(b))\" is not a period YYYY-MM") }
        f.period = p
    }

    @inline(__always)
    private func parseHours(_ i: Int, _ f: inout LineFields) throws(RowProblem) {
        let c = Column.hours.rawValue
        let b = try reader.checkedField(i, column: c, required: true)!
        guard let v = FieldParsing.decimal2(b) else { throw RowProblem(c, .malformed, "\"\(FieldParsing.text(b))\" is not a number with at most 2 decimals") }
        guard v >= 0 && v <= PayrollParser.maximumHours else { throw RowProblem(c, .outOfRange, "\(FieldParsing.text(b)) hours is outside 0-744") }
        f.hours = v
    }

    @inline(__always)
    private func parseWage(_ i: Int, _ f: inout LineFields) throws(RowProblem) {
        let c = Column.wage.rawValue
        let b = try reader.checkedField(i, column: c, required: true)!
        guard let v = FieldParsing.decimal2(b) else { throw RowProblem(c, .malformed, "\"\(FieldParsing.text(b))\" is not an amount with at most 2 decimals") }
        guard v >= 0 else { throw RowProblem(c, .negative, "the wage \(FieldParsing.text(b)) is negative") }
        f.wage = v
    }

    @inline(__always)
    private func parseContract(_ i: Int, _ f: inout LineFields) throws(RowProblem) {
        let c = Column.contract.rawValue
        let b = try reader.checkedField(i, column: c, required: true)!
        if FieldParsing.equals(b, "permanent") { f.permanent = true }
        else if FieldParsing.equals(b, "temporary") { f.permanent = false }
        else { throw RowProblem(c, .malformed, "\"\(FieldParsing.text(b))\" is not permanent or temporary") }
    }

    @inline(__always)
    private func parseScheme(_ i: Int, _ f: inout LineFields) throws(RowProblem) {
        let c = Column.scheme.rawValue
        let b = try reader.checkedField(i, column: c, required: true)!
        if FieldParsing.equals(b, "regular") { f.scheme = .regular }
        else if FieldParsing.equals(b, "wsw") { f.scheme = .wsw }
        else if FieldParsing.equals(b, "beschut") { f.scheme = .beschut }
        else { throw RowProblem(c, .malformed, "\"\(FieldParsing.text(b))\" is not regular, wsw or beschut") }
    }

    @inline(__always)
    private func parseHirer(_ i: Int, _ f: inout LineFields) throws(RowProblem) {
        let c = Column.hirer_id.rawValue
        guard let b = try reader.checkedField(i, column: c, required: false) else { return }
        guard FieldParsing.isId(b, maxLength: 32) else { throw RowProblem(c, .malformed, "\"\(FieldParsing.text(b))\" is not 1-32 characters of [A-Za-z0-9]") }
        guard let id = employers.ids.find(b) else { throw RowProblem(c, .unknownEmployer, "hirer \(FieldParsing.text(b)) is not among the accepted employers") }
        if let e = f.employerBytes, FieldParsing.same(e, b) {
            throw RowProblem(c, .hirerIsEmployer, "hirer_id equals employer_id")
        }
        if f.employerBytes == nil, let ei = header.index(of: .employer_id), FieldParsing.same(reader.field(ei), b) {
            throw RowProblem(c, .hirerIsEmployer, "hirer_id equals employer_id")
        }
        f.hirer = id
    }
}
