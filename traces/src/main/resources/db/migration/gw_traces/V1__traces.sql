-- The traces table as in SQLite's traces.db (docs/TRACES.md): the whole record as JSON text, plus
-- copies of the fields queries filter on. Text keys sort bytewise (COLLATE "C"), as SQLite's do,
-- so keyset pages are ordered the same on both stores whatever the database's locale.
CREATE TABLE traces (
  trace_id        TEXT COLLATE "C" PRIMARY KEY,
  ts              TEXT NOT NULL,
  ts_ms           BIGINT NOT NULL,
  environment     TEXT NOT NULL,
  tenant          TEXT NOT NULL,
  team            TEXT,
  feature         TEXT,
  session_id      TEXT,
  request_id      TEXT,
  conversation_id TEXT,
  model_requested TEXT,
  model_served    TEXT,
  prompt_id       TEXT,
  prompt_version  TEXT,
  status          TEXT NOT NULL,
  http_status     INTEGER NOT NULL,
  latency_ms      DOUBLE PRECISION NOT NULL,
  total_tokens    BIGINT,
  cost_usd        DOUBLE PRECISION,
  replay_of       TEXT,
  record          TEXT NOT NULL
);

CREATE INDEX traces_time ON traces (ts_ms, trace_id);
CREATE INDEX traces_tenant_time ON traces (tenant, ts_ms);
CREATE INDEX traces_model_requested_time ON traces (model_requested, ts_ms);
CREATE INDEX traces_model_served_time ON traces (model_served, ts_ms);
CREATE INDEX traces_prompt_version_time ON traces (prompt_version, ts_ms) WHERE prompt_version IS NOT NULL;
CREATE INDEX traces_status_time ON traces (status, ts_ms) WHERE status <> 'ok';
CREATE INDEX traces_session_time ON traces (session_id, ts_ms) WHERE session_id IS NOT NULL;
CREATE INDEX traces_replay_of ON traces (replay_of) WHERE replay_of IS NOT NULL;
