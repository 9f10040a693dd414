#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BanenafspraakIngest
import Dispatch

/// One part of `payroll.csv`, parsed and aggregated on its own thread (``QuotaRun``). Used by one thread at a
/// time: its worker thread while it runs, then the run's thread after joining it.
final class PayrollWorker: @unchecked Sendable {
    let parser: PayrollParser
    var aggregator: PayrollAggregator
    let log: RejectionLog
    let progress: (@Sendable (Int64, Int64, Int) -> Void)?
    /// For a later part: its byte range. Its lines are numbered from ``PayrollWorker/lineBase`` on, since the
    /// lines ahead of it are only known when the earlier part is done; ``QuotaRun`` then moves them into place
    /// (no pass over the earlier part just to count its lines).
    var split: (from: Int64, to: Int64)?
    /// The line number a later part gives its first line.
    static let lineBase = 1
    private(set) var failure: Error?
    /// How long ``run()`` took (diagnostics).
    private(set) var elapsedMilliseconds: UInt64 = 0

    init(parser: PayrollParser, aggregator: PayrollAggregator, log: RejectionLog, progress: (@Sendable (Int64, Int64, Int) -> Void)?) {
        self.parser = parser
        self.aggregator = aggregator
        self.log = log
        self.progress = progress
    }

    func run() {
        let started = DispatchTime.now()
        defer { elapsedMilliseconds = (DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1_000_000 }
        do {
            if let split {
                parser.restrict(from: split.from, line: PayrollWorker.lineBase, to: split.to)
            }
            let size = parser.fileSize
            var batch = PayrollBatch()
            while try parser.fill(&batch) {
                aggregator.add(batch, log: log)
                progress?(batch.bytesConsumed, size, aggregator.counts.read)
            }
            aggregator.finishPart()
        } catch { failure = error }
    }
}

/// Where to split `payroll.csv` between workers, and the physical line numbers of the parts.
enum PayrollSplit {
    /// The offset just after the first newline at or after the middle of `start..<size`; `nil` when there is none
    /// before the end (a file too small to split).
    static func middle(path: String, from start: Int64, size: Int64) throws -> Int64? {
        guard size - start >= 2 else { return nil }
        let fd = try openForReading(path)
        defer { close(fd) }
        var at = start + (size - start) / 2
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while at < size {
            let n = try readAt(fd, path: path, &buffer, at)
            if n == 0 { return nil }
            if let i = buffer[0..<n].firstIndex(of: UInt8(ascii: "\n")) {
                let split = at + Int64(i) + 1
                return split < size ? split : nil
            }
            at += Int64(n)
        }
        return nil
    }

    private static func openForReading(_ path: String) throws -> Int32 {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw IngestFileError(file: path, message: "cannot open the file: \(systemError(errno))") }
        return fd
    }

    private static func readAt(_ fd: Int32, path: String, _ buffer: inout [UInt8], _ at: Int64, limit: Int? = nil) throws -> Int {
        let want = limit ?? buffer.count
        while true {
            let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, want, off_t(at)) }
            if n >= 0 { return n }
            if errno != EINTR { throw IngestFileError(file: path, message: "cannot read the file: \(systemError(errno))") }
        }
    }
}
