// libFuzzer harness: the byte-level CSV reader with each input file's validation (issue 7).
//
// The first input byte picks the file (employers, register, payroll, collaborations) and the read-buffer
// size (so records straddle refills); the rest is the file. Beyond "no crash", it checks the invariants a
// run relies on: counts reconcile, rejected lines are physical lines in order, every rejection's raw text
// escapes to valid UTF-8, and no accepted employer name holds invalid UTF-8 or a control character.
#if canImport(Glibc)
import Glibc
#endif
import BanenafspraakCore
import BanenafspraakIngest

nonisolated(unsafe) let scratchPath: String = {
    let dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp"
    return dir + "/banenafspraak-fuzz-csv-\(getpid()).csv"
}()

nonisolated(unsafe) var employers: EmployerRegistry = {
    let path = scratchPath + ".employers"
    let text = "employer_id,name,sector,region,staffing_agency,prior_year_hours\nE1,,markt,AMR01,false,\nE2,,overheid,AMR02,true,10.00\n"
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    _ = text.withCString { write(fd, $0, strlen($0)) }
    close(fd)
    var c = RowCounts(), r: [Rejection] = []
    let reg = try! EmployersFile.read(path: path, counts: &c, rejections: &r)
    unlink(path)
    return reg
}()

func check(_ ok: Bool, _ what: @autoclosure () -> String) {
    if !ok { fatalError("invariant broken: \(what())") }
}

func checkRejections(_ rejections: [Rejection], counts: RowCounts?) {
    var last = 1
    for r in rejections {
        check(r.line > last || (r.line == last && last > 1), "rejected lines in order: \(r.line) after \(last)")
        last = r.line
        check(UTF8Text.isValid(UTF8Text.escapedBytes(r.raw)), "escaped raw is valid UTF-8")
        check(!UTF8Text.escapedBytes(r.raw).contains(0), "escaped raw holds no NUL")
    }
    if let counts { check(counts.reconciles, "counts reconcile: \(counts)") }
}

/// Every record as (line, unbalanced, fields, raw), read with `bufferSize`.
func records(bufferSize: Int, multilineField: Int) throws -> [(Int, Bool, [[UInt8]], [UInt8])] {
    let reader = try CSVReader(path: scratchPath, bufferSize: bufferSize)
    reader.multilineField = multilineField
    reader.multilineMaxLines = 3
    reader.multilineMaxBytes = 64
    var out: [(Int, Bool, [[UInt8]], [UInt8])] = []
    var lastLine = 0
    while try reader.next() {
        check(reader.recordLine > lastLine, "record lines increase")
        lastLine = reader.recordLine
        check(reader.fieldCount >= 1, "a record has a field")
        let fields = (0..<reader.fieldCount).map { Array(reader.field($0)) }
        for f in fields where multilineField < 0 { check(!f.contains(10), "no line feed in a field when none may span lines") }
        out.append((reader.recordLine, reader.hasUnbalancedQuote, fields, reader.rawRecord()))
    }
    return out
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 1 else { return 0 }
    let selector = data[0]
    let fd = open(scratchPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    if size > 1 { _ = write(fd, data + 1, size - 1) }
    close(fd)
    defer { unlink(scratchPath) }
    // The reader alone: the same records whatever the buffer size (records straddling refills).
    do {
        let multiline = Int(selector >> 2 & 3) - 1
        let big = try records(bufferSize: 1 << 16, multilineField: multiline)
        let small = try records(bufferSize: 1024, multilineField: multiline)
        check(big.count == small.count, "same record count for both buffer sizes")
        for (a, b) in zip(big, small) {
            check(a.0 == b.0 && a.1 == b.1 && a.2 == b.2 && a.3 == b.3, "same records for both buffer sizes (line \(a.0))")
        }
    } catch {
        check(error is IngestFileError, "only IngestFileError escapes: \(error)")
    }
    do {
        switch selector & 3 {
        case 0:
            var c = RowCounts(), r: [Rejection] = []
            let reg = try EmployersFile.read(path: scratchPath, counts: &c, rejections: &r)
            checkRejections(r, counts: c)
            check(reg.count == c.accepted, "one registry entry per accepted row")
            for name in reg.names {
                check(!name.unicodeScalars.contains { $0.value < 0x20 && $0 != "\t" && $0 != "\n" && $0 != "\r" }, "no control character in an accepted name")
                check(!name.contains("\u{FFFD}") || name.utf8.contains(0xEF), "no invalid UTF-8 in an accepted name")
            }
        case 1:
            var c = RowCounts(), r: [Rejection] = []
            let regs = try RegisterFile.read(path: scratchPath, counts: &c, rejections: &r)
            checkRejections(r, counts: c)
            check(regs.count == c.accepted, "one registration per accepted row")
            for g in regs { check(g.until.map { g.from <= $0 } ?? true, "from <= until") }
        case 2:
            let parser = try PayrollParser(path: scratchPath, employers: employers)
            var batch = PayrollBatch()
            let maxLines = Int(selector >> 2 & 7) + 1
            var read = 0, accepted = 0, rejected = 0
            while try parser.fill(&batch, maxLines: maxLines) {
                read += batch.rowsRead
                accepted += batch.lines.count
                rejected += batch.rejections.count
                checkRejections(batch.rejections, counts: nil)
                for l in batch.lines {
                    check(l.hours.rawValue >= 0 && l.hours.rawValue <= 74_400, "hours 0-744")
                    check(l.wage.rawValue >= 0, "wage >= 0")
                    check(l.employer >= 0 && Int(l.employer) < employers.count, "known employer")
                }
            }
            check(read == accepted + rejected, "payroll rows reconcile")
        default:
            var c = RowCounts(), r: [Rejection] = []
            let rows = try CollaborationsFile.read(path: scratchPath, employers: employers, counts: &c, rejections: &r)
            check(rows.count == c.accepted, "one collaboration per accepted row")
            check(c.reconciles, "counts reconcile")
            for x in rows { check((1...10_000).contains(x.percent.rawValue), "percent 0.01-100") }
        }
    } catch {
        // A fatal file error (empty file, bad header) is a valid outcome; it must be an IngestFileError.
        check(error is IngestFileError, "only IngestFileError escapes: \(error)")
    }
    return 0
}
