/// The versioned schema of the PostgreSQL store: the same versions as the SQLite store (`v1` runs, `v2` tokens,
/// `v3` sessions, `v4` runs hidden until their outputs are in place, `v5` the legal calendar's as-of date, stage
/// and counts, `v6` the calendar lines of target-group rows, `v7` decisions, objections and the access log, `v8` the
/// employer's overheid `subsector`, `v9` the index of an employer's objections for the paged API lists),
/// recorded in `schema_migrations`. Migrations are never edited once released; a change is a new version.
enum PostgresSchema {
    static let format = "banenafspraak-results-store"

    static let versions = ["v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9"]

    /// Statements of each version, run in one transaction with the version's row in `schema_migrations`.
    static func statements(_ version: String) -> [String] {
        switch version {
        case "v1":
            return [
                "CREATE TABLE store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
                """
                CREATE TABLE runs (
                    id BIGINT PRIMARY KEY,
                    year BIGINT NOT NULL, regime TEXT NOT NULL, created_at TEXT NOT NULL, engine_version TEXT NOT NULL,
                    receipt_json TEXT NOT NULL, employers BIGINT NOT NULL,
                    quota_percent_markt BIGINT NOT NULL, quota_percent_overheid BIGINT NOT NULL, quota_percent_total BIGINT NOT NULL,
                    provenance_markt TEXT NOT NULL, provenance_overheid TEXT NOT NULL, provenance_total TEXT NOT NULL,
                    sum_a_markt BIGINT NOT NULL, sum_a_overheid BIGINT NOT NULL, sum_a_total BIGINT NOT NULL,
                    surcharge_percent BIGINT NOT NULL, surcharge_provenance TEXT NOT NULL, sum_premium_base BIGINT NOT NULL,
                    hours_december_markt BIGINT NOT NULL, hours_december_overheid BIGINT NOT NULL,
                    override_markt BIGINT, override_overheid BIGINT, override_total BIGINT, override_surcharge BIGINT,
                    parameters_text TEXT NOT NULL, national_json TEXT NOT NULL)
                """,
                """
                CREATE TABLE run_row_counts (
                    run_id BIGINT NOT NULL REFERENCES runs(id), file TEXT NOT NULL, read BIGINT NOT NULL, accepted BIGINT NOT NULL,
                    rejected BIGINT NOT NULL, outside_year BIGINT NOT NULL, PRIMARY KEY (run_id, file))
                """,
                """
                CREATE TABLE run_rejection_counts (
                    run_id BIGINT NOT NULL REFERENCES runs(id), file TEXT NOT NULL, code TEXT NOT NULL, count BIGINT NOT NULL,
                    PRIMARY KEY (run_id, file, code))
                """,
                """
                CREATE TABLE run_rejection_sample (
                    run_id BIGINT NOT NULL REFERENCES runs(id), seq BIGINT NOT NULL, file TEXT NOT NULL, line BIGINT NOT NULL,
                    column_name TEXT NOT NULL, code TEXT NOT NULL, message TEXT NOT NULL, raw BYTEA NOT NULL,
                    PRIMARY KEY (run_id, seq))
                """,
                """
                CREATE TABLE run_files (
                    run_id BIGINT NOT NULL REFERENCES runs(id), name TEXT NOT NULL, content BYTEA NOT NULL,
                    PRIMARY KEY (run_id, name))
                """,
                """
                CREATE TABLE employers (
                    run_id BIGINT NOT NULL REFERENCES runs(id), idx BIGINT NOT NULL, employer_id TEXT NOT NULL, name TEXT NOT NULL,
                    sector TEXT NOT NULL, region BIGINT NOT NULL, staffing_agency BOOLEAN NOT NULL, prior_year_hours BIGINT,
                    hours_total BIGINT NOT NULL, hours_a BIGINT NOT NULL, hours_c BIGINT NOT NULL, premium_base BIGINT NOT NULL,
                    liable BOOLEAN NOT NULL, required_hours BIGINT NOT NULL, shortfall_tenths BIGINT NOT NULL, levy BIGINT NOT NULL,
                    surcharge BIGINT NOT NULL, lkv BIGINT NOT NULL, bonus BIGINT NOT NULL, transfers_out BIGINT NOT NULL,
                    transfers_in BIGINT NOT NULL, net BIGINT NOT NULL,
                    lines_a BIGINT NOT NULL, lines_premium_base BIGINT NOT NULL, lines_capped BIGINT NOT NULL,
                    PRIMARY KEY (run_id, idx))
                """,
                "CREATE UNIQUE INDEX employers_by_id ON employers(run_id, employer_id)",
                """
                CREATE TABLE collaborations (
                    run_id BIGINT NOT NULL REFERENCES runs(id), seq BIGINT NOT NULL, from_idx BIGINT NOT NULL, to_idx BIGINT NOT NULL,
                    year BIGINT NOT NULL, percent BIGINT NOT NULL, line BIGINT NOT NULL, PRIMARY KEY (run_id, seq))
                """,
                """
                CREATE TABLE persons (
                    run_id BIGINT NOT NULL REFERENCES runs(id), idx BIGINT NOT NULL, pseudonym TEXT NOT NULL, routes TEXT NOT NULL,
                    PRIMARY KEY (run_id, idx))
                """,
                "CREATE INDEX persons_by_pseudonym ON persons(run_id, pseudonym)",
                """
                CREATE TABLE target_group_hours (
                    run_id BIGINT NOT NULL REFERENCES runs(id), employer_idx BIGINT NOT NULL, person_idx BIGINT NOT NULL,
                    hours BIGINT NOT NULL, PRIMARY KEY (run_id, employer_idx, person_idx))
                """,
                """
                CREATE TABLE target_group_lines (
                    run_id BIGINT NOT NULL REFERENCES runs(id), seq BIGINT NOT NULL, employer_idx BIGINT NOT NULL,
                    hirer_idx BIGINT, person_idx BIGINT NOT NULL, period BIGINT NOT NULL, hours BIGINT NOT NULL,
                    wage BIGINT NOT NULL, scheme BIGINT NOT NULL, line BIGINT NOT NULL, PRIMARY KEY (run_id, seq))
                """,
                "CREATE INDEX lines_by_employer ON target_group_lines(run_id, employer_idx)",
                "CREATE INDEX lines_by_hirer ON target_group_lines(run_id, hirer_idx) WHERE hirer_idx IS NOT NULL",
            ]
        case "v2":
            return [
                """
                CREATE TABLE tokens (
                    hash TEXT PRIMARY KEY, employer_id TEXT, role TEXT NOT NULL CHECK (role IN ('employer', 'analyst')),
                    created_at TEXT NOT NULL, revoked_at TEXT)
                """,
            ]
        case "v3":
            return [
                """
                CREATE TABLE sessions (
                    hash TEXT PRIMARY KEY, token_hash TEXT NOT NULL REFERENCES tokens(hash),
                    created_at TEXT NOT NULL, expires_at TEXT NOT NULL)
                """,
                "CREATE INDEX sessions_by_end ON sessions(expires_at)",
            ]
        case "v4":
            return ["ALTER TABLE runs ADD COLUMN pending_writer TEXT"]
        case "v5":
            // The legal calendar (spec section 13): a run's as-of date and stage, and the new row counts.
            return [
                "ALTER TABLE runs ADD COLUMN as_of TEXT",
                "ALTER TABLE runs ADD COLUMN stage TEXT",
                "ALTER TABLE run_row_counts ADD COLUMN after_cutoff BIGINT NOT NULL DEFAULT 0",
                "ALTER TABLE run_row_counts ADD COLUMN superseded BIGINT NOT NULL DEFAULT 0",
            ]
        case "v6":
            // The corrected, late and after-cut-off target-group rows of a run (spec section 13), persons by index.
            return [
                """
                CREATE TABLE calendar_lines (
                    run_id BIGINT NOT NULL REFERENCES runs(id), seq BIGINT NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('correction', 'late', 'after_cutoff')),
                    employer_idx BIGINT NOT NULL, hirer_idx BIGINT, person_idx BIGINT NOT NULL, period BIGINT NOT NULL,
                    received TEXT NOT NULL, hours_before BIGINT, hours BIGINT NOT NULL, line BIGINT NOT NULL, replaced_line BIGINT,
                    PRIMARY KEY (run_id, seq))
                """,
                "CREATE INDEX calendar_lines_by_employer ON calendar_lines(run_id, employer_idx)",
                "CREATE INDEX calendar_lines_by_hirer ON calendar_lines(run_id, hirer_idx) WHERE hirer_idx IS NOT NULL",
            ]
        case "v7":
            // Decisions, objections with their append-only events, the access log (spec section 14), and tokens
            // for every role (`municipality` with its `region`, `auditor`).
            return [
                "ALTER TABLE tokens DROP CONSTRAINT tokens_role_check",
                "ALTER TABLE tokens ADD CONSTRAINT tokens_role_check CHECK (role IN ('employer', 'analyst', 'municipality', 'auditor'))",
                "ALTER TABLE tokens ADD COLUMN region TEXT",
                """
                CREATE TABLE decisions (
                    id TEXT PRIMARY KEY, seq BIGINT NOT NULL UNIQUE, run_id BIGINT NOT NULL REFERENCES runs(id),
                    employer_id TEXT NOT NULL, year BIGINT NOT NULL, levy BIGINT NOT NULL, hours_total BIGINT NOT NULL,
                    hours_c BIGINT NOT NULL, receipt TEXT NOT NULL, as_of TEXT, stage TEXT, date TEXT NOT NULL,
                    revises TEXT REFERENCES decisions(id), simulation BOOLEAN NOT NULL, figures_json TEXT NOT NULL)
                """,
                "CREATE INDEX decisions_by_employer ON decisions(employer_id, year, seq)",
                """
                CREATE TABLE objections (
                    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, decision_id TEXT NOT NULL REFERENCES decisions(id),
                    employer_id TEXT NOT NULL, grounds TEXT NOT NULL, disputed TEXT, late BOOLEAN NOT NULL,
                    register_ground BOOLEAN NOT NULL)
                """,
                """
                CREATE TABLE objection_events (
                    objection_id BIGINT NOT NULL REFERENCES objections(id), seq BIGINT NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('submitted', 'upheld', 'rejected')), reason TEXT,
                    actor TEXT NOT NULL, at TEXT NOT NULL, PRIMARY KEY (objection_id, seq))
                """,
                """
                CREATE TABLE access_log (
                    seq BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, at TEXT NOT NULL, token_id TEXT NOT NULL,
                    role TEXT NOT NULL CHECK (role IN ('employer', 'analyst', 'municipality', 'auditor')),
                    endpoint TEXT NOT NULL, run_id BIGINT, employer_id TEXT, ground TEXT NOT NULL)
                """,
                "CREATE INDEX access_log_by_time ON access_log(at)",
            ]
        case "v8":
            // The overheid subsector from employers.csv (NULL: none given, and every employer of an older store).
            return ["ALTER TABLE employers ADD COLUMN subsector TEXT"]
        case "v9":
            // An employer's objections for the paged lists of the API (`decisions.seq` is UNIQUE since v7, so indexed).
            return ["CREATE INDEX objections_by_employer ON objections(employer_id, id)"]
        default:
            return []
        }
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] }, as: UTF8.self)
    }
}

/// Rows for `COPY … FROM STDIN` in PostgreSQL's text format: tab-separated, `\N` for NULL, with backslash,
/// tab, newline and carriage return escaped in text.
struct CopyText {
    var bytes: [UInt8] = []

    init(reserving: Int) { bytes.reserveCapacity(reserving) }

    mutating func int(_ v: Int64) {
        if v == 0 { bytes.append(48); return }
        var n = v.magnitude
        var digits: [UInt8] = []
        while n > 0 { digits.append(UInt8(48 + n % 10)); n /= 10 }
        if v < 0 { bytes.append(45) }
        bytes.append(contentsOf: digits.reversed())
    }

    mutating func int(_ v: Int64?) {
        if let v { int(v) } else { bytes.append(contentsOf: [92, 78]) }
    }

    mutating func text(_ s: String?) {
        if let s { text(s) } else { bytes.append(contentsOf: [92, 78]) }
    }

    mutating func bool(_ v: Bool) { bytes.append(v ? 116 : 102) }

    mutating func text(_ s: String) {
        for b in s.utf8 {
            switch b {
            case 92: bytes.append(contentsOf: [92, 92])
            case 9: bytes.append(contentsOf: [92, 116])
            case 10: bytes.append(contentsOf: [92, 110])
            case 13: bytes.append(contentsOf: [92, 114])
            default: bytes.append(b)
            }
        }
    }

    mutating func tab() { bytes.append(9) }
    mutating func endRow() { bytes.append(10) }
}
