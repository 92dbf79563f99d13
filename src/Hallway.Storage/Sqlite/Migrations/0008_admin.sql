-- Administration: the audit log of admin actions, message reports, and removed (anonymised)
-- accounts. Times are Unix milliseconds (UTC).

-- One row per admin action, written in the same transaction as the change it records, so the log
-- can never claim something that did not happen or miss something that did. No foreign keys: the
-- log outlives what it names, and actor 0 is the operator (the command line), who is no user.
-- detail is a small JSON object of ids, names and settings; never a secret or a message's text.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    at          INTEGER NOT NULL,
    actor_id    INTEGER NOT NULL,
    action      TEXT    NOT NULL,
    target_type TEXT    NOT NULL,
    target_id   INTEGER,
    detail      TEXT    NOT NULL DEFAULT '{}'
);

-- A person flags a message for the admins. One open report per person per message; a resolved
-- report stays as the record of what was decided.
CREATE TABLE reports (
    id          INTEGER PRIMARY KEY,
    message_id  INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    reporter_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    reason      TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    resolved_at INTEGER,
    resolved_by INTEGER,                          -- 0: the operator
    resolution  TEXT    CHECK (resolution IN ('dismiss', 'delete_message'))
);
CREATE UNIQUE INDEX reports_open_once ON reports (message_id, reporter_id) WHERE resolved_at IS NULL;
CREATE INDEX reports_open ON reports (id) WHERE resolved_at IS NULL;
CREATE INDEX reports_resolved ON reports (id) WHERE resolved_at IS NOT NULL;

-- A removed account keeps its row (its messages still need a sender) but loses everything that
-- was the person's: set when an admin removes it.
ALTER TABLE users ADD COLUMN deleted_at INTEGER;

-- The retention sweep looks for the oldest live messages.
CREATE INDEX messages_by_created ON messages (created_at) WHERE deleted_at IS NULL;
