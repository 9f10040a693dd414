import BanenafspraakCore

/// The checks common to every row of every input file: field count, quoting and empty required fields.
/// A problem is reported as `(column, code, message)`; the first in field order wins (reading R5 in docs/readings.md).
public struct RowProblem: Error, Sendable {
    public var column: String
    public var code: RejectionCode
    public var message: String
    public init(_ column: String, _ code: RejectionCode, _ message: String) {
        self.column = column
        self.code = code
        self.message = message
    }
}

extension CSVReader {
    /// Field `i`, or a problem: bad quoting, a line break outside `name`, or an empty required field.
    /// Returns `nil` for an absent optional field (blank or `""`, reading R2 in docs/readings.md).
    @inline(__always)
    func checkedField(_ i: Int, column: String, required: Bool, lineBreakAllowed: Bool = false) throws(RowProblem)
        -> UnsafeBufferPointer<UInt8>? {
        let f = fieldFlags(i)
        if !f.isEmpty {
            if f.contains(.unbalancedQuote) { throw RowProblem(column, .malformed, "unbalanced quote") }
            if f.contains(.badQuoting) { throw RowProblem(column, .malformed, "broken quoting (RFC 4180)") }
            if f.contains(.lineBreak) && !lineBreakAllowed {
                throw RowProblem(column, .malformed, "a line break inside a quoted field is allowed only in name")
            }
        }
        let b = field(i)
        if b.isEmpty {
            if required { throw RowProblem(column, .requiredEmpty, "\(column) is required") }
            return nil
        }
        return b
    }

    /// A rejection of the current record.
    func rejection(file: InputFile, _ p: RowProblem) -> Rejection {
        Rejection(file: file, line: recordLine, column: p.column, code: p.code, message: p.message, raw: rawRecord())
    }

    /// A problem of the whole record: an unbalanced quote (which cut the record at its first line), or a
    /// field count that differs from the header's.
    @inline(__always)
    func recordProblem<C>(_ header: Header<C>) -> RowProblem? {
        if let overlong = overlongLength {
            return RowProblem("", .malformed, "the line is \(overlong) bytes long; a line may hold at most \(maxRecordBytes) bytes (raw shows its first \(CSVReader.overlongRawBytes))")
        }
        if hasUnbalancedQuote {
            let column = unbalancedField >= 0 && unbalancedField < header.columns.count ? header.columns[unbalancedField].rawValue : ""
            return RowProblem(column, .malformed, "unbalanced quote")
        }
        return fieldCount == header.columns.count ? nil
            : RowProblem("", .fieldCount, "expected \(header.columns.count) fields, found \(fieldCount)")
    }
}
