import BanenafspraakCore

/// One accepted registration interval of the doelgroepregister.
public struct Registration: Sendable, Equatable {
    public var personId: [UInt8]
    public var route: RegisterRoute
    public var from: LocalDate
    /// Inclusive; `nil` when open.
    public var until: LocalDate?
    public var line: Int
    /// When UWV received the registration (``ReceivedDate``; spec section 13), ``ReceivedDate/known`` when blank.
    public var received: Int32 = ReceivedDate.known
}

/// Reads and validates `register.csv` (input contract: docs/contracts-internal.md).
public enum RegisterFile {
    public enum Column: String, CaseIterable, Sendable {
        case person_id, route, registered_from, registered_until, received
    }
    public static let fileName = InputFile.register.rawValue

    public static func read(path: String, counts: inout RowCounts, rejections: inout [Rejection]) throws -> [Registration] {
        var receivedColumn = false
        return try read(path: path, asOf: ReceivedDate.noCutoff, counts: &counts, rejections: &rejections, receivedColumn: &receivedColumn)
    }

    /// Reads the register as known on `asOf` (``ReceivedDate``): a valid row received after it is counted in
    /// `after_cutoff` and not used (spec section 13). `receivedColumn` tells whether the header has `received`.
    public static func read(path: String, asOf: Int32, counts: inout RowCounts, rejections: inout [Rejection],
                            receivedColumn: inout Bool) throws -> [Registration] {
        let reader = try CSVReader(path: path, bufferSize: 1 << 20)
        let header = try Header<Column>(reader: reader, fileName: fileName, required: [.person_id, .route, .registered_from])
        receivedColumn = header.index(of: .received) != nil
        var result: [Registration] = []
        while try reader.next() {
            counts.read += 1
            do throws(RowProblem) {
                if let p = reader.recordProblem(header) { throw p }
                var person: [UInt8] = [], route = RegisterRoute.pwetWml
                var from: LocalDate?, until: LocalDate?
                var received = ReceivedDate.known
                for (i, column) in header.columns.enumerated() {
                    let c = column.rawValue
                    switch column {
                    case .person_id:
                        let b = try reader.checkedField(i, column: c, required: true)!
                        guard FieldParsing.isId(b, maxLength: 64) else {
                            throw RowProblem(c, .malformed, "\"\(FieldParsing.text(b))\" is not 1-64 characters of [A-Za-z0-9]")
                        }
                        person = Array(b)
                    case .route:
                        let b = try reader.checkedField(i, column: c, required: true)!
                        guard let r = RegisterRoute(rawValue: String(decoding: b, as: UTF8.self)) else {
                            throw RowProblem(c, .malformed, "\"\(FieldParsing.text(b))\" is not a known route")
                        }
                        route = r
                    case .registered_from:
                        let b = try reader.checkedField(i, column: c, required: true)!
                        guard let d = FieldParsing.date(b) else { throw RowProblem(c, .malformed, "\"\(FieldParsing.text(b))\" is not a date YYYY-MM-DD") }
                        from = d
                    case .registered_until:
                        if let b = try reader.checkedField(i, column: c, required: false) {
                            guard let d = FieldParsing.date(b) else { throw RowProblem(c, .malformed, "\"\(FieldParsing.text(b))\" is not a date YYYY-MM-DD") }
                            until = d
                        }
                    case .received:
                        if let b = try reader.checkedField(i, column: c, required: false) {
                            guard let r = ReceivedDate.parse(b) else { throw RowProblem(c, .malformed, "\"\(FieldParsing.text(b))\" is not a date YYYY-MM-DD") }
                            received = r
                        }
                    }
                }
                if let from, let until, from > until {
                    throw RowProblem(Column.registered_until.rawValue, .fromAfterUntil, "registered_from \(from) is after registered_until \(until)")
                }
                if received > asOf {
                    counts.afterCutoff += 1
                    continue
                }
                result.append(Registration(personId: person, route: route, from: from!, until: until, line: reader.recordLine, received: received))
                counts.accepted += 1
            } catch {
                counts.rejected += 1
                rejections.append(reader.rejection(file: .register, error))
            }
        }
        return result
    }
}
