import GRDB

/// The versioned schema of the SQLite store (GRDB `DatabaseMigrator`). Migrations are never edited once
/// released: a change is a new migration, so a store written by an older version opens in a newer one.
enum SQLiteSchema {
    static let format = "banenafspraak-results-store"

    /// v1: runs with their receipt, national and employer figures, aggregates, target-group lines and rejections.
    /// v2: bearer tokens for the server (hashes only).
    /// v3: sign-in sessions of the employer pages (hashes only, with their end).
    /// v4: `runs.pending_writer`: a run written by `quota --store` stays hidden until its outputs are in place
    /// (NULL: complete; every run of an older store is).
    /// v5: the legal calendar (spec section 13): a run's `as_of` and `stage`, and the row counts `after_cutoff` and `superseded`.
    /// v6: `calendar_lines`: per run, the corrected, late and after-cut-off target-group rows (spec section 13),
    /// persons by index into `persons` (pseudonyms only), for the employer's page and its explanation.
    /// v7: decisions, objections with their append-only events, the access log (spec section 14), and tokens for
    /// every role (`municipality` with its `region`, `auditor`).
    /// v8: `employers.subsector`: the overheid subsector from `employers.csv` (NULL: none given, and every employer
    /// of an older store), for the monitor (spec section 16).
    /// v9: indexes for the paged lists of the API: decisions in the order they were kept (`seq`), an employer's objections.
    static let versions = ["v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9"]

    static func migrator(secret: @escaping @Sendable () -> [UInt8]) -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE store_meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
                CREATE TABLE runs (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    year INTEGER NOT NULL, regime TEXT NOT NULL, created_at TEXT NOT NULL, engine_version TEXT NOT NULL,
                    receipt_json TEXT NOT NULL, employers INTEGER NOT NULL,
                    quota_percent_markt INTEGER NOT NULL, quota_percent_overheid INTEGER NOT NULL, quota_percent_total INTEGER NOT NULL,
                    provenance_markt TEXT NOT NULL, provenance_overheid TEXT NOT NULL, provenance_total TEXT NOT NULL,
                    sum_a_markt INTEGER NOT NULL, sum_a_overheid INTEGER NOT NULL, sum_a_total INTEGER NOT NULL,
                    surcharge_percent INTEGER NOT NULL, surcharge_provenance TEXT NOT NULL, sum_premium_base INTEGER NOT NULL,
                    hours_december_markt INTEGER NOT NULL, hours_december_overheid INTEGER NOT NULL,
                    override_markt INTEGER, override_overheid INTEGER, override_total INTEGER, override_surcharge INTEGER,
                    parameters_text TEXT NOT NULL, national_json TEXT NOT NULL);
                CREATE TABLE run_row_counts (
                    run_id INTEGER NOT NULL REFERENCES runs(id), file TEXT NOT NULL, read INTEGER NOT NULL, accepted INTEGER NOT NULL,
                    rejected INTEGER NOT NULL, outside_year INTEGER NOT NULL, PRIMARY KEY (run_id, file)) WITHOUT ROWID;
                CREATE TABLE run_rejection_counts (
                    run_id INTEGER NOT NULL REFERENCES runs(id), file TEXT NOT NULL, code TEXT NOT NULL, count INTEGER NOT NULL,
                    PRIMARY KEY (run_id, file, code)) WITHOUT ROWID;
                CREATE TABLE run_rejection_sample (
                    run_id INTEGER NOT NULL REFERENCES runs(id), seq INTEGER NOT NULL, file TEXT NOT NULL, line INTEGER NOT NULL,
                    column_name TEXT NOT NULL, code TEXT NOT NULL, message TEXT NOT NULL, raw BLOB NOT NULL,
                    PRIMARY KEY (run_id, seq)) WITHOUT ROWID;
                CREATE TABLE run_files (
                    run_id INTEGER NOT NULL REFERENCES runs(id), name TEXT NOT NULL, content BLOB NOT NULL,
                    PRIMARY KEY (run_id, name)) WITHOUT ROWID;
                CREATE TABLE employers (
                    run_id INTEGER NOT NULL REFERENCES runs(id), idx INTEGER NOT NULL, employer_id TEXT NOT NULL, name TEXT NOT NULL,
                    sector TEXT NOT NULL, region INTEGER NOT NULL, staffing_agency INTEGER NOT NULL, prior_year_hours INTEGER,
                    hours_total INTEGER NOT NULL, hours_a INTEGER NOT NULL, hours_c INTEGER NOT NULL, premium_base INTEGER NOT NULL,
                    liable INTEGER NOT NULL, required_hours INTEGER NOT NULL, shortfall_tenths INTEGER NOT NULL, levy INTEGER NOT NULL,
                    surcharge INTEGER NOT NULL, lkv INTEGER NOT NULL, bonus INTEGER NOT NULL, transfers_out INTEGER NOT NULL,
                    transfers_in INTEGER NOT NULL, net INTEGER NOT NULL,
                    lines_a INTEGER NOT NULL, lines_premium_base INTEGER NOT NULL, lines_capped INTEGER NOT NULL,
                    PRIMARY KEY (run_id, idx)) WITHOUT ROWID;
                CREATE UNIQUE INDEX employers_by_id ON employers(run_id, employer_id);
                CREATE TABLE collaborations (
                    run_id INTEGER NOT NULL REFERENCES runs(id), seq INTEGER NOT NULL, from_idx INTEGER NOT NULL, to_idx INTEGER NOT NULL,
                    year INTEGER NOT NULL, percent INTEGER NOT NULL, line INTEGER NOT NULL, PRIMARY KEY (run_id, seq)) WITHOUT ROWID;
                CREATE TABLE persons (
                    run_id INTEGER NOT NULL REFERENCES runs(id), idx INTEGER NOT NULL, pseudonym TEXT NOT NULL, routes TEXT NOT NULL,
                    PRIMARY KEY (run_id, idx)) WITHOUT ROWID;
                CREATE INDEX persons_by_pseudonym ON persons(run_id, pseudonym);
                CREATE TABLE target_group_hours (
                    run_id INTEGER NOT NULL REFERENCES runs(id), employer_idx INTEGER NOT NULL, person_idx INTEGER NOT NULL,
                    hours INTEGER NOT NULL, PRIMARY KEY (run_id, employer_idx, person_idx)) WITHOUT ROWID;
                CREATE TABLE target_group_lines (
                    run_id INTEGER NOT NULL REFERENCES runs(id), seq INTEGER NOT NULL, employer_idx INTEGER NOT NULL,
                    hirer_idx INTEGER, person_idx INTEGER NOT NULL, period INTEGER NOT NULL, hours INTEGER NOT NULL,
                    wage INTEGER NOT NULL, scheme INTEGER NOT NULL, line INTEGER NOT NULL, PRIMARY KEY (run_id, seq)) WITHOUT ROWID;
                CREATE INDEX lines_by_employer ON target_group_lines(run_id, employer_idx);
                CREATE INDEX lines_by_hirer ON target_group_lines(run_id, hirer_idx) WHERE hirer_idx IS NOT NULL;
                """)
            try db.execute(sql: "INSERT INTO store_meta (key, value) VALUES ('format', ?), ('pseudonym_secret', ?)",
                           arguments: [format, hex(secret())])
        }
        migrator.registerMigration("v2") { db in
            try db.execute(sql: """
                CREATE TABLE tokens (
                    hash TEXT PRIMARY KEY NOT NULL, employer_id TEXT, role TEXT NOT NULL CHECK (role IN ('employer', 'analyst')),
                    created_at TEXT NOT NULL, revoked_at TEXT) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v3") { db in
            try db.execute(sql: """
                CREATE TABLE sessions (
                    hash TEXT PRIMARY KEY NOT NULL, token_hash TEXT NOT NULL REFERENCES tokens(hash),
                    created_at TEXT NOT NULL, expires_at TEXT NOT NULL) WITHOUT ROWID;
                CREATE INDEX sessions_by_end ON sessions(expires_at);
                """)
        }
        migrator.registerMigration("v4") { db in
            try db.execute(sql: "ALTER TABLE runs ADD COLUMN pending_writer TEXT")
        }
        migrator.registerMigration("v5") { db in
            try db.execute(sql: """
                ALTER TABLE runs ADD COLUMN as_of TEXT;
                ALTER TABLE runs ADD COLUMN stage TEXT;
                ALTER TABLE run_row_counts ADD COLUMN after_cutoff INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE run_row_counts ADD COLUMN superseded INTEGER NOT NULL DEFAULT 0;
                """)
        }
        migrator.registerMigration("v6") { db in
            try db.execute(sql: """
                CREATE TABLE calendar_lines (
                    run_id INTEGER NOT NULL REFERENCES runs(id), seq INTEGER NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('correction', 'late', 'after_cutoff')),
                    employer_idx INTEGER NOT NULL, hirer_idx INTEGER, person_idx INTEGER NOT NULL, period INTEGER NOT NULL,
                    received TEXT NOT NULL, hours_before INTEGER, hours INTEGER NOT NULL, line INTEGER NOT NULL, replaced_line INTEGER,
                    PRIMARY KEY (run_id, seq)) WITHOUT ROWID;
                CREATE INDEX calendar_lines_by_employer ON calendar_lines(run_id, employer_idx);
                CREATE INDEX calendar_lines_by_hirer ON calendar_lines(run_id, hirer_idx) WHERE hirer_idx IS NOT NULL;
                """)
        }
        migrator.registerMigration("v7") { db in
            // SQLite cannot alter a CHECK: the tokens table is rebuilt. Foreign keys are checked when the migration
            // ends (GRDB), so `sessions.token_hash` points at the new table by its name.
            try db.execute(sql: """
                CREATE TABLE tokens_v7 (
                    hash TEXT PRIMARY KEY NOT NULL, employer_id TEXT,
                    role TEXT NOT NULL CHECK (role IN ('employer', 'analyst', 'municipality', 'auditor')),
                    created_at TEXT NOT NULL, revoked_at TEXT, region TEXT) WITHOUT ROWID;
                INSERT INTO tokens_v7 (hash, employer_id, role, created_at, revoked_at)
                    SELECT hash, employer_id, role, created_at, revoked_at FROM tokens;
                DROP TABLE tokens;
                ALTER TABLE tokens_v7 RENAME TO tokens;
                """ + SchemaV7.tables)
        }
        migrator.registerMigration("v8") { db in
            try db.execute(sql: "ALTER TABLE employers ADD COLUMN subsector TEXT")
        }
        migrator.registerMigration("v9") { db in
            try db.execute(sql: """
                CREATE INDEX decisions_by_seq ON decisions(seq);
                CREATE INDEX objections_by_employer ON objections(employer_id, id);
                """)
        }
        return migrator
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] }, as: UTF8.self)
    }
}

/// The tables of schema v7 (spec section 14), the same columns as in PostgreSQL. Decisions, objections, their
/// events and the access log are only ever inserted into, never updated or deleted.
enum SchemaV7 {
    static let tables = """
        CREATE TABLE decisions (
            id TEXT PRIMARY KEY NOT NULL, seq INTEGER NOT NULL, run_id INTEGER NOT NULL REFERENCES runs(id),
            employer_id TEXT NOT NULL, year INTEGER NOT NULL, levy INTEGER NOT NULL, hours_total INTEGER NOT NULL,
            hours_c INTEGER NOT NULL, receipt TEXT NOT NULL, as_of TEXT, stage TEXT, date TEXT NOT NULL,
            revises TEXT REFERENCES decisions(id), simulation INTEGER NOT NULL, figures_json TEXT NOT NULL) WITHOUT ROWID;
        CREATE INDEX decisions_by_employer ON decisions(employer_id, year, seq);
        CREATE TABLE objections (
            id INTEGER PRIMARY KEY AUTOINCREMENT, decision_id TEXT NOT NULL REFERENCES decisions(id),
            employer_id TEXT NOT NULL, grounds TEXT NOT NULL, disputed TEXT, late INTEGER NOT NULL,
            register_ground INTEGER NOT NULL);
        CREATE TABLE objection_events (
            objection_id INTEGER NOT NULL REFERENCES objections(id), seq INTEGER NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('submitted', 'upheld', 'rejected')), reason TEXT,
            actor TEXT NOT NULL, at TEXT NOT NULL, PRIMARY KEY (objection_id, seq)) WITHOUT ROWID;
        CREATE TABLE access_log (
            seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, token_id TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('employer', 'analyst', 'municipality', 'auditor')),
            endpoint TEXT NOT NULL, run_id INTEGER, employer_id TEXT, ground TEXT NOT NULL);
        CREATE INDEX access_log_by_time ON access_log(at);
        """
}
