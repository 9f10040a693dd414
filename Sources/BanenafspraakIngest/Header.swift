/// The header of an input file, resolved against its allowed columns (input contract: docs/contracts-internal.md; reading R1 in docs/readings.md).
///
/// Unknown, missing required or duplicate column names are fatal, and so is an empty file.
/// Names are exact and case-sensitive: a UTF-8 BOM makes the first name unknown.
public struct Header<Column: RawRepresentable & CaseIterable & Hashable>: Sendable
where Column.RawValue == String, Column: Sendable {
    /// Physical column index → column.
    public let columns: [Column]

    public init(reader: CSVReader, fileName: String, required: Set<Column>) throws {
        let fileName = reader.path
        guard try reader.next() else {
            throw IngestFileError(file: fileName, message: "the file is empty: a header row is required")
        }
        if let overlong = reader.overlongLength {
            throw IngestFileError(file: fileName, message: "the header line is \(overlong) bytes long; a line may hold at most \(reader.maxRecordBytes) bytes")
        }
        var cols: [Column] = []
        var unknown: [String] = [], dupes: [String] = []
        var seen = Set<Column>()
        for i in 0..<reader.fieldCount {
            let name = UTF8Text.escaped(reader.field(i))
            guard let c = Column(rawValue: name) else { unknown.append(FieldParsing.text(reader.field(i))); continue }
            if !seen.insert(c).inserted { dupes.append(name) }
            cols.append(c)
        }
        if !unknown.isEmpty {
            // At most the first ten names, each shortened: a header of a million columns gives a short message.
            let shown = unknown.prefix(Self.unknownShown).map { "\"\($0)\"" }.joined(separator: ", ")
            let more = unknown.count > Self.unknownShown ? " and \(unknown.count - Self.unknownShown) more" : ""
            throw IngestFileError(file: fileName, message: "unknown column(s) in the header: \(shown)\(more); allowed: \(Column.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if !dupes.isEmpty {
            let more = dupes.count > Self.unknownShown ? " and \(dupes.count - Self.unknownShown) more" : ""
            throw IngestFileError(file: fileName, message: "duplicate column(s) in the header: \(dupes.prefix(Self.unknownShown).joined(separator: ", "))\(more)")
        }
        let missing = Column.allCases.filter { required.contains($0) && !seen.contains($0) }
        if !missing.isEmpty {
            throw IngestFileError(file: fileName, message: "missing required column(s): \(missing.map(\.rawValue).joined(separator: ", "))")
        }
        columns = cols
    }

    /// How many unknown or duplicate names an error message shows.
    static var unknownShown: Int { 10 }

    /// Physical index of `column`, or `nil` when the file leaves it out.
    public func index(of column: Column) -> Int? { columns.firstIndex(of: column) }
}
