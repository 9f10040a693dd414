import BanenafspraakCore

/// One accepted collaboration row: a share of `from`'s bonus for `year` goes to `to` (Kamerbrief vereenvoudiging banenafspraak (2019)).
public struct Collaboration: Sendable, Equatable {
    public var from: Int32
    public var to: Int32
    public var year: Int
    public var percent: BasisPoints
    public var line: Int
    public init(from: Int32, to: Int32, year: Int, percent: BasisPoints, line: Int) {
        self.from = from
        self.to = to
        self.year = year
        self.percent = percent
        self.line = line
    }
}

/// Reads and validates `collaborations.csv` (input contract: docs/contracts-internal.md; reading R8 in docs/readings.md). The file is optional.
public enum CollaborationsFile {
    public enum Column: String, CaseIterable, Sendable {
        case from_employer, to_employer, year, percent
    }
    public static let fileName = InputFile.collaborations.rawValue

    public static func read(path: String, employers: EmployerRegistry, counts: inout RowCounts,
                            rejections: inout [Rejection]) throws -> [Collaboration] {
        let reader = try CSVReader(path: path, bufferSize: 1 << 20)
        let header = try Header<Column>(reader: reader, fileName: fileName, required: Set(Column.allCases))
        var candidates: [(Collaboration, Rejection)] = []
        var fileRejections: [Rejection] = []
        while try reader.next() {
            counts.read += 1
            do throws(RowProblem) {
                if let p = reader.recordProblem(header) { throw p }
                var from: Int32 = -1, to: Int32 = -1, year = 0, percent = BasisPoints.zero
                for (i, column) in header.columns.enumerated() {
                    let c = column.rawValue
                    let b = try reader.checkedField(i, column: c, required: true)!
                    switch column {
                    case .from_employer, .to_employer:
                        guard FieldParsing.isId(b, maxLength: 32) else {
                            throw RowProblem(c, .malformed, "\"\(FieldParsing.text(b))\" is not 1-32 characters of [A-Za-z0-9]")
                        }
                        guard let id = employers.ids.find(b) else {
                            throw RowProblem(c, .unknownEmployer, "employer \(FieldParsing.text(b)) is not among the accepted employers")
                        }
                        if column == .from_employer { from = id } else { to = id }
                    case .year:
                        guard b.count == 4, b.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
                            throw RowProblem(c, .malformed, "\"\(FieldParsing.text(b))\" is not a year of exactly 4 digits")
                        }
                        year = b.reduce(0) { $0 * 10 + Int($1 - 48) }
                    case .percent:
                        guard let v = FieldParsing.decimal2(b) else {
                            throw RowProblem(c, .malformed, "\"\(FieldParsing.text(b))\" is not a percentage with at most 2 decimals")
                        }
                        guard (1...10_000).contains(v) else {
                            throw RowProblem(c, .outOfRange, "\(FieldParsing.text(b)) is outside 0.01-100.00")
                        }
                        percent = BasisPoints(v)
                    }
                }
                let row = Collaboration(from: from, to: to, year: year, percent: percent, line: reader.recordLine)
                let ifOver = reader.rejection(file: .collaborations, RowProblem(Column.percent.rawValue, .percentSumOver100,
                    "the percentages from this employer for \(year) add up to more than 100"))
                candidates.append((row, ifOver))
            } catch {
                counts.rejected += 1
                fileRejections.append(reader.rejection(file: .collaborations, error))
            }
        }
        // Input contract and reading R8 (docs/readings.md): when one employer's valid rows for one year add up to more than 100, reject them all.
        var sums: [Int64: Int64] = [:]
        for (row, _) in candidates { sums[Int64(row.from) << 16 | Int64(row.year), default: 0] += row.percent.rawValue }
        var accepted: [Collaboration] = []
        for (row, ifOver) in candidates {
            if sums[Int64(row.from) << 16 | Int64(row.year)]! > 10_000 {
                counts.rejected += 1
                fileRejections.append(ifOver)
            } else {
                counts.accepted += 1
                accepted.append(row)
            }
        }
        rejections.append(contentsOf: fileRejections.sorted { $0.line < $1.line })
        return accepted
    }
}
