-- Uploaded files, message attachments, avatars and custom stickers.
-- A file's bytes live on disk under <data>/files, named by their SHA-256: the same bytes uploaded
-- twice are stored once. A row here is one upload by one user; its preview (made by the client) is
-- a second blob. Rows no message, avatar or sticker refers to are removed after a grace period, and
-- blobs no row refers to with them (Maintenance).

CREATE TABLE files (
    id             INTEGER PRIMARY KEY,
    owner_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name           TEXT    NOT NULL,
    size           INTEGER NOT NULL,
    media_type     TEXT    NOT NULL,             -- from the bytes: image/png|jpeg|gif|webp or application/octet-stream
    width          INTEGER,                      -- images only
    height         INTEGER,
    sha256         TEXT    NOT NULL,             -- lower-case hex: the blob's name
    preview_sha256 TEXT,
    preview_type   TEXT,
    created_at     INTEGER NOT NULL
);
CREATE INDEX files_by_sha ON files (sha256);
CREATE INDEX files_by_preview ON files (preview_sha256) WHERE preview_sha256 IS NOT NULL;
CREATE INDEX files_by_created ON files (created_at);

-- Files sent with a message, in order. A custom sticker is linked at position -1, so members of the
-- chat may fetch it, without being listed among the message's attachments.
CREATE TABLE message_files (
    message_id INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    file_id    INTEGER NOT NULL REFERENCES files (id),
    PRIMARY KEY (message_id, position)
) WITHOUT ROWID;
CREATE INDEX message_files_by_file ON message_files (file_id);

-- Each user's own sticker collection: images they uploaded.
CREATE TABLE stickers (
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    file_id    INTEGER NOT NULL REFERENCES files (id),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, file_id)
) WITHOUT ROWID;
CREATE INDEX stickers_by_file ON stickers (file_id);

ALTER TABLE messages ADD COLUMN sticker TEXT;                               -- 'builtin:NAME' or 'file:ID'
ALTER TABLE messages ADD COLUMN file_count INTEGER NOT NULL DEFAULT 0;      -- skips the attachment query for plain text
ALTER TABLE users ADD COLUMN avatar_id INTEGER REFERENCES files (id);
ALTER TABLE chats ADD COLUMN avatar_id INTEGER REFERENCES files (id);
CREATE INDEX users_by_avatar ON users (avatar_id) WHERE avatar_id IS NOT NULL;
CREATE INDEX chats_by_avatar ON chats (avatar_id) WHERE avatar_id IS NOT NULL;
