import BanenafspraakCore

/// The accepted employers (loonheffingennummer level), with dense ids in order of acceptance.
public struct EmployerRegistry: Sendable {
    public var ids = ByteStringTable(expectedCount: 1024)
    public var sector: [Sector] = []
    public var region: [UInt8] = []
    public var staffingAgency: [Bool] = []
    public var priorYearHours: [CentiHours?] = []
    public var names: [String] = []
    /// The overheid subsector per employer (nil: blank, or no `subsector` column).
    public var subsector: [OverheidSubsector?] = []
    /// Whether the file had a `subsector` column at all (without it every output stays as it was).
    public var hasSubsectorColumn = false
    public var count: Int { ids.count }
    /// The subsector of employer `e`, nil when blank or not known (a registry built without the column).
    public func subsectorOf(_ e: Int) -> OverheidSubsector? { e < subsector.count ? subsector[e] : nil }
    public init() {}
}

/// Reads and validates `employers.csv` (input contract: docs/contracts-internal.md).
public enum EmployersFile {
    public enum Column: String, CaseIterable, Sendable {
        case employer_id, name, sector, region, staffing_agency, prior_year_hours, subsector
    }
    public static let fileName = InputFile.employers.rawValue
    /// A quoted `name` may span at most this many physical lines ...
    public static let nameMaxLines = 8
    /// ... and hold at most this many bytes; past either bound the record is rejected as an unbalanced quote.
    public static let nameMaxBytes = 4096

    public static func read(path: String, counts: inout RowCounts, rejections: inout [Rejection]) throws -> EmployerRegistry {
        let reader = try CSVReader(path: path, bufferSize: 1 << 20)
        let header = try Header<Column>(reader: reader, fileName: fileName,
                                        required: [.employer_id, .sector, .region, .staffing_agency])
        // Only `name` may span lines (reading R2 in docs/readings.md), within the bound stated by ``nameMaxLines`` and ``nameMaxBytes``.
        reader.multilineField = header.index(of: .name) ?? -1
        reader.multilineMaxLines = nameMaxLines
        reader.multilineMaxBytes = nameMaxBytes
        var registry = EmployerRegistry()
        registry.hasSubsectorColumn = header.index(of: .subsector) != nil
        while try reader.next() {
            counts.read += 1
            do throws(RowProblem) {
                if let p = reader.recordProblem(header) { throw p }
                var id: UnsafeBufferPointer<UInt8>?
                var name = "", sector = Sector.markt, region: UInt8 = 0, staffing = false
                var prior: CentiHours?
                var subsector: OverheidSubsector?
                for (i, column) in header.columns.enumerated() {
                    let c = column.rawValue
                    switch column {
                    case .employer_id:
                        let b = try reader.checkedField(i, column: c, required: true)!
                        guard FieldParsing.isId(b, maxLength: 32) else {
                            throw RowProblem(c, .malformed, "\"\(FieldParsing.text(b))\" is not 1-32 characters of [A-Za-z0-9]")
                        }
                        id = b
                    case .name:
                        if let b = try reader.checkedField(i, column: c, required: false, lineBreakAllowed: true) {
                            // Quoted or not, a name holds at most nameMaxBytes bytes.
                            guard b.count <= EmployersFile.nameMaxBytes else {
                                throw RowProblem(c, .malformed, "the name is \(b.count) bytes long; a name may hold at most \(EmployersFile.nameMaxBytes) bytes")
                            }
                            guard FieldParsing.isText(b) else {
                                throw RowProblem(c, .malformed, "\"\(FieldParsing.text(b))\" is not valid UTF-8 text (invalid bytes or control characters)")
                            }
                            name = String(decoding: b, as: UTF8.self)
                        }
                    case .sector:
                        let b = try reader.checkedField(i, column: c, required: true)!
                        if FieldParsing.equals(b, "markt") { sector = .markt }
                        else if FieldParsing.equals(b, "overheid") { sector = .overheid }
                        else { throw RowProblem(c, .malformed, "\"\(FieldParsing.text(b))\" is not markt or overheid") }
                    case .region:
                        let b = try reader.checkedField(i, column: c, required: true)!
                        guard let r = regionCode(b) else {
                            throw RowProblem(c, .malformed, "\"\(FieldParsing.text(b))\" is not an arbeidsmarktregio AMR01-AMR35")
                        }
                        region = r
                    case .staffing_agency:
                        let b = try reader.checkedField(i, column: c, required: true)!
                        if FieldParsing.equals(b, "true") { staffing = true }
                        else if FieldParsing.equals(b, "false") { staffing = false }
                        else { throw RowProblem(c, .malformed, "\"\(FieldParsing.text(b))\" is not true or false") }
                    case .prior_year_hours:
                        if let b = try reader.checkedField(i, column: c, required: false) {
                            guard let v = FieldParsing.decimal2(b), v >= 0 else {
                                throw RowProblem(c, .malformed, "\"\(FieldParsing.text(b))\" is not a non-negative number of hours with at most 2 decimals")
                            }
                            prior = CentiHours(v)
                        }
                    case .subsector:
                        if let b = try reader.checkedField(i, column: c, required: false) {
                            guard let v = OverheidSubsector.parse(b) else {
                                throw RowProblem(c, .malformed, "\"\(FieldParsing.text(b))\" is not one of the overheidssectoren \(OverheidSubsector.allCases.map(\.rawValue).joined(separator: ", "))")
                            }
                            subsector = v
                        }
                    }
                }
                if subsector != nil && sector != .overheid {
                    throw RowProblem(Column.subsector.rawValue, .malformed, "a subsector is given for overheid employers only; this employer is markt")
                }
                let b = id!
                if registry.ids.find(b) != nil {
                    throw RowProblem(Column.employer_id.rawValue, .duplicate, "employer \(FieldParsing.text(b)) already appeared on an earlier accepted row")
                }
                _ = registry.ids.intern(b)
                registry.sector.append(sector)
                registry.region.append(region)
                registry.staffingAgency.append(staffing)
                registry.priorYearHours.append(prior)
                registry.names.append(name)
                registry.subsector.append(subsector)
                counts.accepted += 1
            } catch {
                counts.rejected += 1
                rejections.append(reader.rejection(file: .employers, error))
            }
        }
        return registry
    }

    /// `AMR01`…`AMR35` → 1…35.
    static func regionCode(_ b: UnsafeBufferPointer<UInt8>) -> UInt8? {
        guard b.count == 5, b[0] == UInt8(ascii: "A"), b[1] == UInt8(ascii: "M"), b[2] == UInt8(ascii: "R"),
              b[3] >= 48, b[3] <= 57, b[4] >= 48, b[4] <= 57 else { return nil }
        let n = Int(b[3] - 48) * 10 + Int(b[4] - 48)
        return (1...35).contains(n) ? UInt8(n) : nil
    }
}
