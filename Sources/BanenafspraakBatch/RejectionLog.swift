#if canImport(Glibc)
import Glibc
#endif
import BanenafspraakIngest

/// Streams rejections to `rejected.csv` (`file,line,column,reason,raw`) as they are found, so memory does not
/// grow with bad rows; keeps per-code counts and the first rows for the report.
final class RejectionLog {
    private let writer: BufferedWriter
    private(set) var byCode: [String: [RejectionCode: Int]] = [:]
    private(set) var sample: [Rejection] = []
    static let sampleSize = 200

    /// Payroll rejections found in the pass wait in a side file, so duplicates (settled after the pass) can be
    /// merged in by line.
    private let deferredPath: String
    private let deferred: BufferedWriter
    private var deferredRows: [(line: Int, start: Int64, end: Int64)] = []
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
        write(r, to: deferred)
        deferredRows.append((r.line, before, deferred.bytesWritten))
    }

    /// Takes over `other`'s deferred rejections, counts and sample, as if they had been added here now (the
    /// rejections of a later part of `payroll.csv`, parsed by another worker into its own log).
    func absorbDeferred(_ other: RejectionLog) throws {
        try other.deferred.flush()
        for (file, codes) in other.byCode {
            for (code, n) in codes { byCode[file, default: [:]][code, default: 0] += n }
        }
        for r in other.sample where sample.count < RejectionLog.sampleSize { sample.append(r) }
        for row in other.deferredRows {
            let before = deferred.bytesWritten
            deferred.write(bytes: try readBytes(path: other.deferredPath, offset: row.start, length: Int(row.end - row.start)))
            deferredRows.append((row.line, before, deferred.bytesWritten))
        }
        other.deferredRows = []
    }

    /// Writes the deferred rejections and `extra` (sorted by line) in line order.
    func flushDeferred(merging extra: [Rejection]) throws {
        try deferred.flush()
        var k = 0
        for row in deferredRows {
            while k < extra.count && extra[k].line < row.line { add(extra[k]); k += 1 }
            writer.write(bytes: try readBytes(path: deferredPath, offset: row.start, length: Int(row.end - row.start)))
        }
        while k < extra.count { add(extra[k]); k += 1 }
        deferredRows = []
    }

    private func count(_ r: Rejection) {
        byCode[r.file, default: [:]][r.code, default: 0] += 1
        if sample.count < RejectionLog.sampleSize { sample.append(r) }
    }

    private func write(_ r: Rejection, to writer: BufferedWriter) {
        writer.writeCSVField(Array(r.file.utf8))
        writer.write(",\(r.line),")
        writer.writeCSVField(Array(r.column.utf8))
        writer.write(",")
        writer.writeCSVField(Array(r.reason.utf8))
        writer.write(",")
        writer.writeCSVField(UTF8Text.escapedBytes(r.raw))
        writer.write("\n")
    }

    func finish() throws { try writer.flush() }
}
