-- The control tables of SQLite's control.db (docs/STATE.md), for several gateway instances sharing
-- one database. Text keys sort bytewise (COLLATE "C"), as SQLite's do.

-- The audit log: append-only and hash-chained (docs/SECURITY.md#the-hash-chained-audit-log).
CREATE TABLE audit (
  id        BIGINT PRIMARY KEY,
  at        TEXT NOT NULL,
  at_ms     BIGINT NOT NULL,
  actor     TEXT NOT NULL,
  role      TEXT NOT NULL,
  action    TEXT NOT NULL,
  target    TEXT,
  reason    TEXT,
  details   TEXT NOT NULL CHECK (details::json IS NOT NULL),
  tenant    TEXT,
  prev_hash TEXT NOT NULL,
  hash      TEXT NOT NULL
);
CREATE INDEX audit_actor ON audit (actor, id);
CREATE INDEX audit_tenant ON audit (tenant, id);
CREATE INDEX audit_action ON audit (action, id);
CREATE INDEX audit_target ON audit (target, id);

-- The newest row's hash and the highest id ever issued. Every append locks this one row first, so
-- appends from any number of instances take their turn: ids without gaps, one chain.
CREATE TABLE audit_head (
  one     BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (one),
  last_id BIGINT NOT NULL,
  hash    TEXT
);
INSERT INTO audit_head (last_id, hash) VALUES (0, NULL);

-- Append-only for every client, psql included.
CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit is append-only: % is refused', TG_OP;
END $$;
CREATE TRIGGER audit_no_update BEFORE UPDATE OR DELETE ON audit
  FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

-- A new row must take the next id and carry the newest row's hash; it then becomes the head.
CREATE FUNCTION audit_link() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  head audit_head%ROWTYPE;
BEGIN
  SELECT * INTO head FROM audit_head FOR UPDATE;
  IF NEW.id <> head.last_id + 1
      OR NEW.prev_hash IS DISTINCT FROM coalesce(head.hash, repeat('0', 64)) THEN
    RAISE EXCEPTION 'audit is a hash chain: a new entry must carry the next id (%) and the hash of the newest one',
      head.last_id + 1;
  END IF;
  UPDATE audit_head SET last_id = NEW.id, hash = NEW.hash;
  RETURN NEW;
END $$;
CREATE TRIGGER audit_chain_link BEFORE INSERT ON audit
  FOR EACH ROW EXECUTE FUNCTION audit_link();

CREATE TABLE breaker_modes (
  incident_class TEXT COLLATE "C" PRIMARY KEY,
  mode           TEXT NOT NULL,
  reason         TEXT,
  actor          TEXT NOT NULL,
  at             TEXT NOT NULL,
  at_ms          BIGINT NOT NULL
);

CREATE TABLE spend (
  day               TEXT COLLATE "C" NOT NULL,
  tenant            TEXT COLLATE "C" NOT NULL,
  team              TEXT COLLATE "C" NOT NULL,
  feature           TEXT COLLATE "C" NOT NULL,
  model             TEXT COLLATE "C" NOT NULL,
  cost_usd          DOUBLE PRECISION NOT NULL CHECK (cost_usd >= 0),
  prompt_tokens     BIGINT NOT NULL CHECK (prompt_tokens >= 0),
  completion_tokens BIGINT NOT NULL CHECK (completion_tokens >= 0),
  requests          BIGINT NOT NULL CHECK (requests >= 0),
  PRIMARY KEY (day, tenant, team, feature, model)
);
CREATE INDEX spend_tenant_day ON spend (tenant, day);

CREATE TABLE spend_by_tag (
  day               TEXT COLLATE "C" NOT NULL,
  tenant            TEXT COLLATE "C" NOT NULL,
  tag_key           TEXT COLLATE "C" NOT NULL,
  tag_value         TEXT COLLATE "C" NOT NULL,
  cost_usd          DOUBLE PRECISION NOT NULL CHECK (cost_usd >= 0),
  prompt_tokens     BIGINT NOT NULL CHECK (prompt_tokens >= 0),
  completion_tokens BIGINT NOT NULL CHECK (completion_tokens >= 0),
  requests          BIGINT NOT NULL CHECK (requests >= 0),
  PRIMARY KEY (day, tenant, tag_key, tag_value)
);
CREATE INDEX spend_by_tag_key ON spend_by_tag (tag_key, tag_value, day);

CREATE TABLE prompt_state (
  prompt_id TEXT COLLATE "C" PRIMARY KEY,
  state     TEXT NOT NULL CHECK (state::json IS NOT NULL),
  at        TEXT NOT NULL,
  at_ms     BIGINT NOT NULL
);

CREATE TABLE incidents (
  id             TEXT COLLATE "C" PRIMARY KEY,
  incident_class TEXT NOT NULL,
  status         TEXT NOT NULL,
  opened_ms      BIGINT NOT NULL,
  doc            TEXT NOT NULL CHECK (doc::json IS NOT NULL)
);
CREATE INDEX incidents_opened ON incidents (opened_ms);
