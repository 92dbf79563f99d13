-- Accounts, chats, messages and the event log. Times are Unix milliseconds (UTC).

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT    NOT NULL,
    username_key  TEXT    NOT NULL UNIQUE,       -- lower-case: usernames are unique ignoring case
    display_name  TEXT    NOT NULL,
    about         TEXT    NOT NULL DEFAULT '',
    password_hash TEXT    NOT NULL,
    is_admin      INTEGER NOT NULL DEFAULT 0,
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL,
    last_seen_at  INTEGER
);

CREATE TABLE sessions (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash   BLOB    NOT NULL UNIQUE,        -- SHA-256 of the token; the token is never stored
    created_at   INTEGER NOT NULL,
    last_used_at INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    user_agent   TEXT,
    address      TEXT
);
CREATE INDEX sessions_by_user ON sessions (user_id, created_at);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

CREATE TABLE contacts (
    owner_id   INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    contact_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (owner_id, contact_id)
) WITHOUT ROWID;

CREATE TABLE chats (
    id          INTEGER PRIMARY KEY,
    kind        TEXT    NOT NULL CHECK (kind IN ('direct', 'group', 'channel', 'lobby')),
    title       TEXT    NOT NULL DEFAULT '',
    description TEXT    NOT NULL DEFAULT '',
    created_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at  INTEGER NOT NULL,
    last_seq    INTEGER NOT NULL DEFAULT 0,      -- the seq of the chat's newest message
    direct_key  TEXT    UNIQUE                   -- 'min:max' user ids: one direct chat per pair
);

CREATE TABLE members (
    chat_id   INTEGER NOT NULL REFERENCES chats (id) ON DELETE CASCADE,
    user_id   INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role      TEXT    NOT NULL CHECK (role IN ('owner', 'admin', 'member')),
    joined_at INTEGER NOT NULL,
    read_seq  INTEGER NOT NULL DEFAULT 0,        -- read up to and including this seq
    muted     INTEGER NOT NULL DEFAULT 0,
    hidden    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (chat_id, user_id)
) WITHOUT ROWID;
CREATE INDEX members_by_user ON members (user_id, chat_id);

CREATE TABLE messages (
    id          INTEGER PRIMARY KEY,
    chat_id     INTEGER NOT NULL REFERENCES chats (id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    sender_id   INTEGER NOT NULL REFERENCES users (id),
    client_id   TEXT    NOT NULL,
    text        TEXT    NOT NULL,                -- Markdown source; '' once deleted
    reply_to_id INTEGER,
    created_at  INTEGER NOT NULL,
    edited_at   INTEGER,
    deleted_at  INTEGER,
    deleted_by  INTEGER,
    UNIQUE (chat_id, seq),
    UNIQUE (sender_id, client_id)                -- a retried send finds its original
);

CREATE TABLE reactions (
    message_id INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    emoji      TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (message_id, user_id, emoji)
) WITHOUT ROWID;

-- The append-only log every client replays from. AUTOINCREMENT: ids are never reused.
CREATE TABLE events (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    chat_id    INTEGER,
    user_id    INTEGER,
    type       TEXT    NOT NULL,
    payload    TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    CHECK ((chat_id IS NULL) <> (user_id IS NULL))
);
CREATE INDEX events_by_chat ON events (chat_id, id) WHERE chat_id IS NOT NULL;
CREATE INDEX events_by_user ON events (user_id, id) WHERE user_id IS NOT NULL;

INSERT INTO chats (kind, title, description, created_at)
VALUES ('lobby', 'Lobby', 'Everyone on this server.', CAST(strftime('%s', 'now') AS INTEGER) * 1000);
