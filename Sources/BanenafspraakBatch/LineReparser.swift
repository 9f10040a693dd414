import BanenafspraakCore
import BanenafspraakIngest
#if canImport(Glibc)
import Glibc
#endif

/// Re-reads accepted payroll lines by file offset and parses them again with the same ``PayrollParser``,
/// for the few lines that duplicate detection needs to look at twice.
enum LineReparser {
    struct Reparsed {
        var line: ParsedPayrollLine
        var person: [UInt8]
        var raw: [UInt8]
    }

    /// - Parameters:
    ///   - offsets: file offsets of the lines' first bytes.
    ///   - lines: their physical line numbers, carried into the result.
    static func reparse(payrollPath: String, offsets: [Int64], lines originalLines: [Int64], employers: EmployerRegistry) throws -> [Reparsed] {
        // An accepted line never holds a line break (reading R2 in docs/readings.md), so its raw text runs to the next LF.
        let file = try ByteFileReader(path: payrollPath)
        let header = try rawLine(file, offset: 0)
        var raws: [[UInt8]] = []
        var text = header + [10]
        for offset in offsets {
            let raw = try rawLine(file, offset: offset)
            raws.append(raw)
            text += raw + [10]
        }
        let temp = try RunWorkspace.shared().newPath("reparse") + ".csv"
        try FileIO.writeFile(path: temp, bytes: text)
        defer { unlink(temp) }
        let parser = try PayrollParser(path: temp, employers: employers)
        var result: [Reparsed] = []
        while let batch = try parser.nextBatch() {
            guard batch.rejections.isEmpty else { throw changedDuringRun(payrollPath) }
            for l in batch.lines {
                var line = l
                let k = result.count
                let person = Array(batch.personBytes[Int(l.personStart)..<Int(l.personStart + l.personLength)])
                // Back to the original file's line number.
                line.line = Int(originalLines[k])
                result.append(Reparsed(line: line, person: person, raw: raws[k]))
            }
        }
        guard result.count == offsets.count else { throw changedDuringRun(payrollPath) }
        return result
    }

    private static func changedDuringRun(_ path: String) -> IngestFileError {
        IngestFileError(file: path, message: "the file changed while the run was reading it (a line accepted once was different when read again); run again on a file that stays unchanged")
    }

    private static func rawLine(_ file: ByteFileReader, offset: Int64) throws -> [UInt8] {
        var out: [UInt8] = []
        var at = offset
        while true {
            let chunk = try file.read(offset: at, length: 512)
            if let nl = chunk.firstIndex(of: 10) { out += chunk[..<nl]; break }
            out += chunk
            if chunk.count < 512 { break }
            at += 512
        }
        if out.last == 13 { out.removeLast() }
        return out
    }
}
