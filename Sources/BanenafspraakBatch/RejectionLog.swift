#if canImport(Glibc)
import Glibc
#endif
import BanenafspraakCore
import BanenafspraakIngest

/// Streams rejections to `rejected.csv` (`file,line,column,reason,raw`) as they are found, so memory does not
/// grow with bad rows; keeps per-code counts and the first rows for the report.
final class RejectionLog {
    private let writer: BufferedWriter
    private(set) var byCode: [InputFile: [RejectionCode: Int]] = [:]
    private(set) var sample: [Rejection] = []
    static let sampleSize = 200

    /// Payroll rejections found in the pass wait in a side file, so duplicates (settled after the pass) can be
    /// merged in by line.
    private let deferredPath: String
    private let deferred: BufferedWriter
    /// Each deferred row's file and line, and where the rest of it (`,column,reason,raw`) lies in the side file,
    /// so a later part's line numbers can still be moved (``absorbDeferred(_:lineOffset:)``).
    private var deferredRows: [(file: InputFile, line: Int, start: Int64, end: Int64)] = []
    private var deferredBytes: Int64 = 0

    init(path: String) throws {
        writer = try BufferedWriter(path: path)
        writer.write("file,line,column,reason,raw\n")
        deferredPath = try RunWorkspace.shared().newPath("rejected-payroll") + ".csv"
        deferred = try BufferedWriter(path: deferredPath)
    }

    deinit { unlink(deferredPath) }

    /// Writes a rejection now.
    func add(_ r: Rejection) {
        count(r)
        write(r, to: writer)
    }

    /// Keeps a payroll rejection aside until ``flushDeferred(merging:)``.
    func addDeferred(_ r: Rejection) {
        count(r)
        let before = deferred.bytesWritten
        writeTail(r, to: deferred)
        deferredRows.append((r.file, r.line, before, deferred.bytesWritten))
    }

    /// Takes over `other`'s deferred rejections, counts and sample, as if they had been added here now (the
    /// rejections of a later part of `payroll.csv`, parsed by another worker into its own log), with their line
    /// numbers moved by `lineOffset`.
    func absorbDeferred(_ other: RejectionLog, lineOffset: Int = 0) throws {
        try other.deferred.flush()
        for (file, codes) in other.byCode {
            for (code, n) in codes { byCode[file, default: [:]][code, default: 0] += n }
        }
        for r in other.sample where sample.count < RejectionLog.sampleSize {
            var moved = r
            moved.line += lineOffset
            sample.append(moved)
        }
        let source = other.deferredRows.isEmpty ? nil : try ByteFileReader(path: other.deferredPath)
        for row in other.deferredRows {
            let before = deferred.bytesWritten
            deferred.write(bytes: try source!.read(offset: row.start, length: Int(row.end - row.start)))
            deferredRows.append((row.file, row.line + lineOffset, before, deferred.bytesWritten))
        }
        other.deferredRows = []
    }

    /// Writes the deferred rejections and `extra` (sorted by line) in line order.
    func flushDeferred(merging extra: [Rejection]) throws {
        try deferred.flush()
        var k = 0
        let source = deferredRows.isEmpty ? nil : try ByteFileReader(path: deferredPath)
        for row in deferredRows {
            while k < extra.count && extra[k].line < row.line { add(extra[k]); k += 1 }
            writeHead(file: row.file, line: row.line, to: writer)
            writer.write(bytes: try source!.read(offset: row.start, length: Int(row.end - row.start)))
        }
        while k < extra.count { add(extra[k]); k += 1 }
        deferredRows = []
    }

    private func count(_ r: Rejection) {
        byCode[r.file, default: [:]][r.code, default: 0] += 1
        if sample.count < RejectionLog.sampleSize { sample.append(r) }
    }

    private func write(_ r: Rejection, to writer: BufferedWriter) {
        writeHead(file: r.file, line: r.line, to: writer)
        writeTail(r, to: writer)
    }

    /// `file,line` of a row.
    private func writeHead(file: InputFile, line: Int, to writer: BufferedWriter) {
        writer.writeCSVField(Array(file.rawValue.utf8))
        writer.write(",\(line)")
    }

    /// The rest of a row: `,column,reason,raw` and the line end.
    private func writeTail(_ r: Rejection, to writer: BufferedWriter) {
        writer.write(",")
        writer.writeCSVField(Array(r.column.utf8))
        writer.write(",")
        writer.writeCSVField(Array(r.reason.utf8))
        writer.write(",")
        writer.writeCSVField(SpreadsheetCell.neutralised(bytes: UTF8Text.escapedBytes(r.raw)))
        writer.write("\n")
    }

    func finish() throws { try writer.flush() }
}
