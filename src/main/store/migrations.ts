/**
 * Ordered schema migrations. Append only: never edit a migration that has shipped (its hash
 * is recorded, and a changed hash refuses to open). Each runs in one transaction.
 */
export interface Migration {
  id: number;
  name: string;
  sql: string;
}

export const migrations: Migration[] = [
  {
    id: 1,
    name: 'initial',
    sql: `
      CREATE TABLE projects (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        path TEXT NOT NULL UNIQUE,
        example INTEGER NOT NULL DEFAULT 0,
        added_at TEXT NOT NULL,
        last_opened_at TEXT
      );
      CREATE TABLE runs (
        id TEXT PRIMARY KEY,
        project_id TEXT NOT NULL REFERENCES projects(id),
        eval TEXT,
        version TEXT,
        git_commit TEXT,
        git_dirty INTEGER,
        command_json TEXT,
        cwd TEXT,
        env_json TEXT,
        status TEXT NOT NULL,
        exit_code INTEGER,
        started_at TEXT,
        ended_at TEXT,
        log_path TEXT,
        run_dir TEXT,
        hardware TEXT,
        tier TEXT,
        decision TEXT,
        failure_class TEXT,
        scorecard TEXT,
        owner_pid INTEGER,
        created_at TEXT NOT NULL
      );
      CREATE INDEX runs_project ON runs(project_id, created_at);
      CREATE INDEX runs_status ON runs(status);
      CREATE INDEX runs_decision ON runs(decision);
      CREATE INDEX runs_version ON runs(version);
      CREATE TABLE artefacts (
        id INTEGER PRIMARY KEY,
        run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        path TEXT NOT NULL,
        sha256 TEXT,
        copy_path TEXT
      );
      CREATE INDEX artefacts_run ON artefacts(run_id);
      CREATE TABLE metrics (
        id INTEGER PRIMARY KEY,
        run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        value REAL,
        json TEXT NOT NULL
      );
      CREATE INDEX metrics_run ON metrics(run_id);
      CREATE TABLE gate_results (
        id INTEGER PRIMARY KEY,
        run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        status TEXT NOT NULL,
        json TEXT NOT NULL
      );
      CREATE INDEX gate_results_run ON gate_results(run_id);
    `,
  },
  {
    // Runs (issue 5): what the runner records beyond the first table, GPU telemetry samples,
    // and indexes for the filtered, newest-first run list.
    id: 2,
    name: 'runs',
    sql: `
      ALTER TABLE runs ADD COLUMN child_pid INTEGER;
      ALTER TABLE runs ADD COLUMN gpu TEXT;
      ALTER TABLE runs ADD COLUMN timeout_ms INTEGER;
      ALTER TABLE runs ADD COLUMN progress_json TEXT;
      ALTER TABLE runs ADD COLUMN log_bytes INTEGER;
      ALTER TABLE runs ADD COLUMN notes_json TEXT;
      ALTER TABLE runs ADD COLUMN aggregate_json TEXT;
      CREATE INDEX runs_created ON runs(created_at, id);
      CREATE INDEX runs_status_created ON runs(status, created_at);
      CREATE INDEX runs_decision_created ON runs(decision, created_at);
      CREATE INDEX runs_version_created ON runs(version, created_at);
      CREATE INDEX runs_project_status ON runs(project_id, status, created_at);
      CREATE INDEX metrics_name ON metrics(name, run_id);
      CREATE TABLE run_telemetry (
        id INTEGER PRIMARY KEY,
        run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        json TEXT NOT NULL
      );
      CREATE INDEX run_telemetry_run ON run_telemetry(run_id, at);
    `,
  },
  {
    // Publishing (issue 6): one publish per project and version, each step's outcome so a
    // failed publish resumes where it stopped, and the audit log of overrides and refusals.
    // No secrets: the hub token never reaches these tables.
    id: 3,
    name: 'publishes',
    sql: `
      CREATE TABLE publishes (
        id TEXT PRIMARY KEY,
        project_id TEXT NOT NULL REFERENCES projects(id),
        run_id TEXT REFERENCES runs(id) ON DELETE SET NULL,
        version TEXT NOT NULL,
        tag TEXT NOT NULL,
        card_path TEXT NOT NULL,
        card_sha256 TEXT NOT NULL,
        status TEXT NOT NULL,
        override_reason TEXT,
        release_commit TEXT,
        hub_url TEXT,
        scorecard_url TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (project_id, version)
      );
      CREATE TABLE publish_steps (
        publish_id TEXT NOT NULL REFERENCES publishes(id) ON DELETE CASCADE,
        step TEXT NOT NULL,
        ord INTEGER NOT NULL,
        status TEXT NOT NULL,
        message TEXT,
        detail_json TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        started_at TEXT,
        ended_at TEXT,
        PRIMARY KEY (publish_id, step)
      );
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        action TEXT NOT NULL,
        project_id TEXT,
        run_id TEXT,
        publish_id TEXT,
        version TEXT,
        decision TEXT,
        reason TEXT,
        actor TEXT,
        detail_json TEXT
      );
      CREATE INDEX audit_log_project ON audit_log(project_id, at);
    `,
  },
  {
    id: 4,
    name: 'publish leases',
    // One publish per project at a time, across processes (the console and a CLI may both try).
    sql: `
      CREATE TABLE publish_leases (
        project_id TEXT PRIMARY KEY,
        owner_pid INTEGER NOT NULL,
        acquired_at TEXT NOT NULL
      );
    `,
  },
  {
    id: 5,
    name: 'runs search index',
    // Runs search (issue 14): a trigram FTS5 index over what the search box matches (run id,
    // eval, version, project name), so a search looks up a few rows instead of scanning every
    // run with four LIKEs. Keyed by run id, not rowid: a VACUUM may renumber the runs' rowids.
    // The triggers keep it in step with every insert, update and delete, and with renames.
    sql: `
      CREATE VIRTUAL TABLE runs_search USING fts5(run_id UNINDEXED, id_text, eval, version, project, tokenize = 'trigram');
      INSERT INTO runs_search (run_id, id_text, eval, version, project)
        SELECT r.id, r.id, r.eval, r.version, p.name FROM runs r JOIN projects p ON p.id = r.project_id;
      CREATE TRIGGER runs_search_insert AFTER INSERT ON runs BEGIN
        INSERT INTO runs_search (run_id, id_text, eval, version, project)
          VALUES (new.id, new.id, new.eval, new.version, (SELECT name FROM projects WHERE id = new.project_id));
      END;
      CREATE TRIGGER runs_search_update AFTER UPDATE OF id, eval, version, project_id ON runs BEGIN
        DELETE FROM runs_search WHERE run_id = old.id;
        INSERT INTO runs_search (run_id, id_text, eval, version, project)
          VALUES (new.id, new.id, new.eval, new.version, (SELECT name FROM projects WHERE id = new.project_id));
      END;
      CREATE TRIGGER runs_search_delete AFTER DELETE ON runs BEGIN
        DELETE FROM runs_search WHERE run_id = old.id;
      END;
      CREATE TRIGGER runs_search_project AFTER UPDATE OF name ON projects BEGIN
        UPDATE runs_search SET project = new.name WHERE run_id IN (SELECT id FROM runs WHERE project_id = new.id);
      END;
    `,
  },
  {
    // Items (issue 13): every sample of every run, with bounded excerpts of its texts (the full
    // text is read from the artefact on demand). Indexes serve the items page's filters.
    id: 6,
    name: 'run items',
    sql: `
      CREATE TABLE run_items (
        id INTEGER PRIMARY KEY,
        run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        artefact_path TEXT NOT NULL,
        artefact_kind TEXT NOT NULL,
        item_id TEXT NOT NULL,
        epoch INTEGER,
        passed INTEGER,
        score REAL,
        category TEXT,
        metric TEXT,
        input TEXT,
        target TEXT,
        output TEXT,
        explanation TEXT,
        error TEXT,
        truncated INTEGER NOT NULL DEFAULT 0,
        pointer TEXT,
        fields_json TEXT
      );
      CREATE INDEX run_items_run ON run_items(run_id, id);
      CREATE INDEX run_items_passed ON run_items(run_id, passed, id);
      CREATE INDEX run_items_category ON run_items(run_id, category, id);
      CREATE INDEX run_items_key ON run_items(run_id, item_id, epoch);
    `,
  },
  {
    // Items page speed (issue 13): status with category in one index, so "failed items of
    // one category" reads only those rows.
    id: 7,
    name: 'run items filters',
    sql: `
      DROP INDEX run_items_passed;
      CREATE INDEX run_items_passed_category ON run_items(run_id, passed, category, id);
    `,
  },
  {
    id: 8,
    name: 'forgotten projects',
    // Forgetting a project hides it from the list; its runs stay (they reference it), and
    // opening the folder again brings it back with its history.
    sql: `ALTER TABLE projects ADD COLUMN forgotten_at TEXT;`,
  },
  {
    id: 9,
    name: 'pipelines',
    // Pipelines (issue 17): a pipeline run is one row in runs; its stages and their jobs live
    // here, with the Slurm job ids, nodes and states, so a restarted console finds the
    // cluster's jobs again instead of marking them interrupted.
    sql: `
      CREATE TABLE pipeline_stages (
        run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        ord INTEGER NOT NULL,
        status TEXT NOT NULL,
        decision TEXT,
        failure_class TEXT,
        stage_key TEXT NOT NULL,
        executor TEXT NOT NULL,
        gates_json TEXT NOT NULL DEFAULT '[]',
        artefacts_json TEXT NOT NULL DEFAULT '[]',
        notes_json TEXT NOT NULL DEFAULT '[]',
        started_at TEXT,
        ended_at TEXT,
        PRIMARY KEY (run_id, name)
      );
      CREATE TABLE pipeline_jobs (
        run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        stage TEXT NOT NULL,
        idx INTEGER NOT NULL,
        label TEXT NOT NULL,
        values_json TEXT NOT NULL,
        status TEXT NOT NULL,
        exit_code INTEGER,
        attempts INTEGER NOT NULL DEFAULT 0,
        slurm_job_id TEXT,
        slurm_state TEXT,
        node TEXT,
        log_path TEXT NOT NULL,
        note TEXT,
        progress_json TEXT,
        submitted_at TEXT,
        started_at TEXT,
        ended_at TEXT,
        PRIMARY KEY (run_id, stage, idx)
      );
      CREATE INDEX pipeline_jobs_slurm ON pipeline_jobs(slurm_job_id);
    `,
  },
  {
    id: 10,
    name: 'run items search index',
    // Items text search (issue 18): a word index (unicode61, case folded, accents kept) over an
    // item's id and texts, so a search reads the rows holding its words instead of scanning
    // every excerpt with LIKE. External content: the words point at run_items rows (their id is
    // the rowid, which a VACUUM keeps), so no text is stored twice. detail=none: which rows hold
    // a word, not where in them — a search is words anywhere in the item, and for 100,000 items
    // of ~650 characters the index is ~2.6 MB instead of ~19 MB with positions (the time to
    // store was about the same). No column sizes: nothing ranks by bm25. A trigram index made that store take 107 s; see
    // bench/items.bench.ts for this one.
    sql: `
      CREATE VIRTUAL TABLE run_items_search USING fts5(
        item_id, input, target, output, explanation, error,
        content = 'run_items', content_rowid = 'id', columnsize = 0, detail = none,
        tokenize = 'unicode61 remove_diacritics 0'
      );
      INSERT INTO run_items_search (run_items_search) VALUES ('rebuild');
      CREATE TRIGGER run_items_search_insert AFTER INSERT ON run_items BEGIN
        INSERT INTO run_items_search (rowid, item_id, input, target, output, explanation, error)
          VALUES (new.id, new.item_id, new.input, new.target, new.output, new.explanation, new.error);
      END;
      CREATE TRIGGER run_items_search_delete AFTER DELETE ON run_items BEGIN
        INSERT INTO run_items_search (run_items_search, rowid, item_id, input, target, output, explanation, error)
          VALUES ('delete', old.id, old.item_id, old.input, old.target, old.output, old.explanation, old.error);
      END;
      CREATE TRIGGER run_items_search_update AFTER UPDATE OF item_id, input, target, output, explanation, error ON run_items BEGIN
        INSERT INTO run_items_search (run_items_search, rowid, item_id, input, target, output, explanation, error)
          VALUES ('delete', old.id, old.item_id, old.input, old.target, old.output, old.explanation, old.error);
        INSERT INTO run_items_search (rowid, item_id, input, target, output, explanation, error)
          VALUES (new.id, new.item_id, new.input, new.target, new.output, new.explanation, new.error);
      END;
    `,
  },
  {
    id: 11,
    name: 'a/a pairs',
    // The noise floor (issue 16): `run --aa` (CLI or console) runs one eval twice on the same
    // version. Each of the two runs names the other, so the pair is found from either and its
    // noise floor is computed from the two runs' stored metrics and items.
    sql: `
      ALTER TABLE runs ADD COLUMN aa_partner TEXT;
      CREATE INDEX runs_aa ON runs(project_id, eval, created_at) WHERE aa_partner IS NOT NULL;
    `,
  },
];
