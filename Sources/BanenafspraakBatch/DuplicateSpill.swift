#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BanenafspraakCore
import Dispatch
import BanenafspraakIngest

/// Exact duplicate detection for payroll lines in bounded memory (input contract: docs/contracts-internal.md; reading R6 in docs/readings.md).
///
/// Used for the lines of persons met in more than one person run (``PersonRunDuplicates``: normally none, so
/// normally never created); each such line leaves a 24-byte key record (a hash of the person id, the employer, the period, its line
/// and file offset) in one of 64 partition files, chosen by the hash. After the pass each partition is
/// read on its own and records with an equal key are grouped. A group is only a *candidate*: the caller
/// verifies it exactly by re-reading the lines' raw text, so a hash collision never merges two persons.
/// Memory holds one partition at a time, however many payroll lines there are.
final class DuplicateSpill {
    /// A key record, packed: the person hash; employer (23 bits), period (17 bits) and the file offset's high
    /// 24 bits; the offset's low 24 bits and the line (40 bits).
    struct Record: Equatable {
        var personHash: UInt64
        private var a: UInt64
        private var b: UInt64

        static let maximumEmployers = 1 << 23

        init(personHash: UInt64, employer: Int32, period: YearMonth, line: Int, fileOffset: Int64) {
            precondition(Int(employer) < Record.maximumEmployers && period.index < 1 << 17 && line < 1 << 40 && fileOffset < 1 << 48)
            self.personHash = personHash
            a = UInt64(employer) << 41 | UInt64(period.index) << 24 | UInt64(fileOffset) >> 24
            b = (UInt64(fileOffset) & 0xFF_FFFF) << 40 | UInt64(line)
        }

        /// Employer and period, the rest of the duplicate key.
        var employerPeriod: UInt64 { a >> 24 }
        var line: Int { Int(b & 0xFF_FFFF_FFFF) }

        /// The same record with its line number moved by `offset` (a later part numbered its lines from a base).
        func shifted(by offset: Int) -> Record {
            var r = self
            let line = self.line + offset
            precondition(line >= 0 && line < 1 << 40)
            r.b = b & ~0xFF_FFFF_FFFF | UInt64(line)
            return r
        }
        var fileOffset: Int64 { Int64((a & 0xFF_FFFF) << 24 | b >> 40) }
    }

    static let partitionCount = 64
    private static let bufferRecords = 8192
    private let directory: String
    private var fds: [Int32] = []
    /// One flat buffer of `partitionCount × bufferRecords` records, and the fill of each partition's part.
    private let buffer: UnsafeMutablePointer<Record>
    private var filled: UnsafeMutablePointer<Int>
    private(set) var recordCount = 0
    /// The first write failure (a full `TMPDIR`, say); ``candidateGroups()`` throws it.
    private var failure: IngestFileError?

    /// Creates the 64 partition files in a folder of the run's ``RunWorkspace``.
    init() throws {
        directory = try RunWorkspace.shared().newPath("dedup")
        guard mkdir(directory, 0o700) == 0 else {
            throw IngestFileError(file: directory, message: "cannot create a temporary folder for duplicate detection: \(systemError(errno))")
        }
        buffer = .allocate(capacity: DuplicateSpill.partitionCount * DuplicateSpill.bufferRecords)
        filled = .allocate(capacity: DuplicateSpill.partitionCount)
        filled.initialize(repeating: 0, count: DuplicateSpill.partitionCount)
        for p in 0..<DuplicateSpill.partitionCount {
            let fd = open(directory + "/\(p)", O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw IngestFileError(file: directory + "/\(p)", message: "cannot create a temporary file for duplicate detection: \(systemError(errno))") }
            fds.append(fd)
        }
    }

    deinit {
        for (p, fd) in fds.enumerated() {
            close(fd)
            unlink(directory + "/\(p)")
        }
        rmdir(directory)
        buffer.deallocate()
        filled.deallocate()
    }

    @inline(__always)
    func append(_ r: Record) {
        let p = Int(r.personHash >> 58)
        let n = filled[p]
        (buffer + p * DuplicateSpill.bufferRecords + n).initialize(to: r)
        filled[p] = n + 1
        recordCount += 1
        if n + 1 == DuplicateSpill.bufferRecords { flush(p) }
    }

    /// Writes partition `p`'s buffer out. A failure is kept (later records are dropped) and thrown by
    /// ``candidateGroups()``, so the hot path needs no `throws`.
    private func flush(_ p: Int) {
        let total = filled[p] * MemoryLayout<Record>.stride
        filled[p] = 0
        guard failure == nil, total > 0 else { return }
        do {
            try FileIO.writeAll(fd: fds[p], path: directory + "/\(p)", UnsafeRawPointer(buffer + p * DuplicateSpill.bufferRecords), total)
        } catch {
            failure = IngestFileError(file: error.file, message: error.message + " (temporary file for duplicate detection; set TMPDIR to a folder with more room)")
        }
    }

    /// Groups of records with an equal (person hash, employer, period), each sorted by line; singletons are left out.
    func candidateGroups() throws -> [[Record]] { try DuplicateSpill.candidateGroups(of: [self]) }

    /// Writes every buffer out; throws the first write failure.
    private func finishWriting() throws {
        for p in 0..<DuplicateSpill.partitionCount { flush(p) }
        if let failure { throw failure }
    }

    /// The records of partition `p`.
    private func records(ofPartition p: Int) throws -> [Record] {
        let size = Int(lseek(fds[p], 0, SEEK_END))
        let count = size / MemoryLayout<Record>.stride
        guard count > 0 else { return [] }
        var records = [Record](repeating: Record(personHash: 0, employer: 0, period: YearMonth(index: 0), line: 0, fileOffset: 0), count: count)
        var readError: Int32 = 0
        records.withUnsafeMutableBytes { raw in
            var done = 0
            while done < size {
                let n = pread(fds[p], raw.baseAddress! + done, size - done, off_t(done))
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { readError = n < 0 ? errno : EIO; break }
                done += n
            }
        }
        if readError != 0 {
            throw IngestFileError(file: directory + "/\(p)", message: "cannot read the temporary file for duplicate detection: \(systemError(readError))")
        }
        return records
    }

    /// Candidate groups over several spills (one per worker that parsed a part of the file): the records of
    /// partition `p` of every spill are grouped together, so duplicates across parts are found too.
    static func candidateGroups(of spills: [DuplicateSpill]) throws -> [[Record]] {
        for spill in spills { try spill.finishWriting() }
        // The partitions are independent: two threads take every other one.
        let lanes = 2
        var groups: [[Record]] = []
        var laneGroups = [[[Record]]](repeating: [], count: lanes)
        var laneFailures = [IngestFileError?](repeating: nil, count: lanes)
        laneGroups.withUnsafeMutableBufferPointer { groupsOut in
            laneFailures.withUnsafeMutableBufferPointer { failuresOut in
                nonisolated(unsafe) let groupsOut = groupsOut, failuresOut = failuresOut, spills = spills
                DispatchQueue.concurrentPerform(iterations: lanes) { lane in
                    do {
                        for p in stride(from: lane, to: DuplicateSpill.partitionCount, by: lanes) {
                            groupsOut[lane] += try candidateGroups(ofPartition: p, in: spills)
                        }
                    } catch let error as IngestFileError {
                        failuresOut[lane] = error
                    } catch {
                        failuresOut[lane] = IngestFileError(file: "duplicate detection", message: "\(error)")
                    }
                }
            }
        }
        if let failure = laneFailures.compactMap({ $0 }).first { throw failure }
        for g in laneGroups { groups += g }
        return groups.sorted { $0[0].line < $1[0].line }
    }

    /// The candidate groups of partition `p` over `spills`.
    private static func candidateGroups(ofPartition p: Int, in spills: [DuplicateSpill]) throws -> [[Record]] {
        var groups: [[Record]] = []
        do {
            var records: [Record] = []
            for spill in spills { records += try spill.records(ofPartition: p) }
            let count = records.count
            guard count > 1 else { return [] }
            var capacity = 16
            while capacity < count * 2 { capacity <<= 1 }
            let mask = capacity - 1
            var slots = [Int32](repeating: -1, count: capacity)
            var extra: [Int32: [Int32]] = [:]
            for i in 0..<count {
                let r = records[i]
                let mixed = (r.personHash ^ (r.employerPeriod &* 0x9E37_79B9_7F4A_7C15)) &* 0xFF51_AFD7_ED55_8CCD
                var s = Int(truncatingIfNeeded: mixed >> 20) & mask
                while true {
                    let j = slots[s]
                    if j < 0 { slots[s] = Int32(i); break }
                    let o = records[Int(j)]
                    if o.personHash == r.personHash && o.employerPeriod == r.employerPeriod {
                        extra[j, default: []].append(Int32(i))
                        break
                    }
                    s = (s + 1) & mask
                }
            }
            for (first, others) in extra {
                groups.append(([first] + others).map { records[Int($0)] }.sorted { $0.line < $1.line })
            }
        }
        return groups
    }
}
