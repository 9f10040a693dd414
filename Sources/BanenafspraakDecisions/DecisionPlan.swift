#if canImport(Glibc)
import Glibc
#endif
import BanenafspraakAssessment
import BanenafspraakCore
import BanenafspraakIngest
import BanenafspraakStore
import Foundation

/// Which decisions `decide` makes for a run, before any is written: per employer with a levy a new decision; when
/// an earlier run of the same year already has a decision for it, a herziening when the levy changed (checked
/// against Wfsv art. 38h lid 5), nothing when it did not; a decision of this very run already kept is written again
/// as kept.
public struct DecisionPlan {
    public enum Outcome: String, Sendable {
        /// A first decision for this employer and year.
        case decided
        /// A herziening of an earlier decision (Wfsv art. 38h lid 5).
        case herziening
        /// This run's decision was already kept: written again, not changed.
        case kept
        /// The levy equals the earlier decision's: that decision stands.
        case unchanged
        /// A herziening the law does not allow (art. 38h lid 5).
        case refused
    }

    public struct Row {
        public var employer: StoredEmployer
        public var outcome: Outcome
        public var previous: StoredDecision?
        public var existing: StoredDecision?
        public var refusal: Herziening.Refusal?
    }

    public let maker: DecisionMaker
    public let store: any ResultsStore
    public let simulation: Bool
    public let date: LocalDate
    public let attributable: Bool
    public var rows: [Row]

    public static func make(store: any ResultsStore, maker: DecisionMaker, employer: String?, simulation: Bool,
                            date: LocalDate, attributable: Bool) throws -> DecisionPlan {
        let run = maker.run
        let employers: [StoredEmployer]
        if let employer {
            guard let e = try store.employer(run: run.id, id: employer) else {
                throw StoreError(.unknownEmployer, "employer \(employer) is not in run \(run.id) of \(store.location)")
            }
            employers = [e]
        } else {
            employers = try store.employers(run: run.id)
        }
        var latest: [String: StoredDecision] = [:]
        var existing: [String: StoredDecision] = [:]
        for d in try store.decisions(employer: employer) where d.year == run.year && d.simulation == simulation {
            if d.run == run.id { existing[d.employerId] = d } else { latest[d.employerId] = d }
        }
        var rows: [Row] = []
        for e in employers {
            let levy = e.figures.levy
            if let kept = existing[e.id] {
                rows.append(Row(employer: e, outcome: .kept, previous: nil, existing: kept))
            } else if let previous = latest[e.id] {
                if previous.levy == levy {
                    rows.append(Row(employer: e, outcome: .unchanged, previous: previous))
                } else if let refusal = Herziening.refusal(year: run.year, before: previous.levy, after: levy, date: date, attributable: attributable) {
                    rows.append(Row(employer: e, outcome: .refused, previous: previous, refusal: refusal))
                } else {
                    rows.append(Row(employer: e, outcome: .herziening, previous: previous))
                }
            } else if levy > .zero {
                rows.append(Row(employer: e, outcome: .decided))
            }
        }
        return DecisionPlan(maker: maker, store: store, simulation: simulation, date: date, attributable: attributable, rows: rows)
    }

    /// The rows received between each herziening's two runs' cut-offs that touch its employer (`diff --causes`),
    /// persons by the store's pseudonym: the store keeps no person id. `find` is the pass over the input files
    /// (`DiffCauses.find` in Batch, given by the CLI) for a year, the two cut-offs and the changed employer ids.
    public func causes(pseudonymizer: Pseudonymizer,
                       find: (_ year: Int, _ lo: Int32, _ hi: Int32, _ changed: Set<String>) throws -> [String: [DiffCauses.Cause]])
        throws -> [String: [DiffCauses.Cause]] {
        let revised = rows.filter { $0.outcome == .herziening }
        var out: [String: [DiffCauses.Cause]] = [:]
        for (previousRun, group) in Dictionary(grouping: revised, by: { $0.previous!.run }) {
            let a = try store.run(previousRun)
            func key(_ s: RunSummary) -> Int32 { s.asOf.flatMap { LocalDate($0) }.map(ReceivedDate.key) ?? ReceivedDate.noCutoff }
            let (ka, kb) = (key(a), key(maker.run))
            let found = try find(maker.run.year, min(ka, kb), max(ka, kb), Set(group.map(\.employer.id)))
            for (employer, causes) in found {
                out[employer] = causes.map { var c = $0; c.personId = pseudonymizer.pseudonym(c.personId); return c }
            }
        }
        return out
    }

    /// Writes every decision of the plan into `folder` and then keeps the new ones in the store in one transaction;
    /// returns how many were made and how many were already kept.
    public func write(into folder: String, causes: [String: [DiffCauses.Cause]], renderer: DecisionRenderer) throws -> (made: Int, kept: Int) {
        var index = "employer_id,decision_id,outcome,levy,revises,difference,reason\n"
        var made: [StoredDecision] = [], kept = 0
        for row in rows {
            let e = row.employer
            switch row.outcome {
            case .unchanged, .refused:
                let reason = row.refusal?.dutch ?? "Heffing gelijk aan beschikking \(row.previous?.id ?? ""): die blijft staan."
                index += csv([e.id, "", row.outcome.rawValue, e.figures.levy.description, row.previous?.id ?? "", "", reason])
                continue
            case .kept, .decided, .herziening:
                break
            }
            let stored = row.existing
            let previous = try stored?.revises.flatMap { try store.decision(id: $0) } ?? row.previous
            let decision = try maker.decision(e, date: stored.flatMap { LocalDate($0.date) } ?? date, simulation: simulation,
                                              previous: previous, attributable: attributable, causes: causes[e.id] ?? [])
            let document: String
            if let stored {
                document = stored.document
                kept += 1
            } else {
                let record = decision.record
                document = record.document
                made.append(record)
            }
            try Self.writeFile(folder + "/\(e.id).json", document)
            try Self.writeFile(folder + "/\(e.id).html", renderer.page(DecisionView(decision)))
            index += csv([e.id, decision.id, row.outcome.rawValue, e.figures.levy.description, previous?.id ?? "",
                          decision.revision?.difference.description ?? "", ""])
        }
        try Self.writeFile(folder + "/index.csv", index)
        return (try store.insertDecisions(made), kept)
    }

    /// Writes `text` into a new file at `path`. Not flushed here: `Data.write` flushed every file on its own (two
    /// disk flushes per decision at national, each waited for), while the output folder flushes every file once
    /// before it takes the place of `--out` (`OutputFolder.commit`), so a decision on disk is as durable as before.
    static func writeFile(_ path: String, _ text: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw IngestFileError(file: path, message: "cannot create: \(systemError(errno))") }
        defer { close(fd) }
        var text = text
        try text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            var done = 0
            while done < bytes.count {
                let n = Glibc.write(fd, base + done, bytes.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw IngestFileError(file: path, message: "cannot write: \(systemError(errno))")
                }
                done += n
            }
        }
    }

    /// One CSV record; a field with a comma or quote is quoted.
    func csv(_ fields: [String]) -> String {
        fields.map { f in f.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : f }
            .joined(separator: ",") + "\n"
    }
}
