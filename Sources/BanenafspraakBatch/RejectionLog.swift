import BanenafspraakIngest

/// Streams rejections to `rejected.csv` (`file,line,column,reason,raw`) as they are found, so memory does not
/// grow with bad rows; keeps per-code counts and the first rows for the report.
final class RejectionLog {
    private let writer: BufferedWriter
    private(set) var byCode: [String: [RejectionCode: Int]] = [:]
    private(set) var sample: [Rejection] = []
    static let sampleSize = 200

    init(path: String) throws {
        writer = try BufferedWriter(path: path)
        writer.write("file,line,column,reason,raw\n")
    }

    func add(_ r: Rejection) {
        writer.writeCSVField(Array(r.file.utf8))
        writer.write(",\(r.line),")
        writer.writeCSVField(Array(r.column.utf8))
        writer.write(",")
        writer.writeCSVField(Array(r.reason.utf8))
        writer.write(",")
        writer.writeCSVField(r.raw)
        writer.write("\n")
        byCode[r.file, default: [:]][r.code, default: 0] += 1
        if sample.count < RejectionLog.sampleSize { sample.append(r) }
    }

    func finish() throws { try writer.flush() }
}
