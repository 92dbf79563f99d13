-- Account security (docs/PROTOCOL.md §4.1, §4.8): invites, recovery codes, admin-issued password
-- reset links and TOTP two-factor sign-in. Codes and tokens are stored as their SHA-256 only,
-- like session tokens; the TOTP secret itself must be kept to check codes.

CREATE TABLE invites (
    id         INTEGER PRIMARY KEY,
    code_hash  BLOB    NOT NULL UNIQUE,
    role       TEXT    NOT NULL DEFAULT 'student' CHECK (role IN ('student', 'teacher', 'admin')),
    max_uses   INTEGER NOT NULL CHECK (max_uses >= 1),
    -- Raised in the same transaction as the account it admits; the CHECK backs the WHERE of that UPDATE.
    used_count INTEGER NOT NULL DEFAULT 0 CHECK (used_count >= 0 AND used_count <= max_uses),
    created_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    revoked_at INTEGER
);

-- Ten a user, replaced whole when regenerated; a used code's row is deleted.
CREATE TABLE recovery_codes (
    user_id   INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash BLOB    NOT NULL,
    PRIMARY KEY (user_id, code_hash)
) WITHOUT ROWID;

-- One live link a user: a new link replaces the older one, using it deletes it.
CREATE TABLE password_resets (
    user_id    INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    token_hash BLOB    NOT NULL UNIQUE,
    created_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);

-- enabled = 0 between set-up and the first code that confirms the secret. last_step is the newest
-- TOTP time step accepted, so a code cannot be used twice (RFC 6238 §5.2).
CREATE TABLE two_factor (
    user_id    INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    secret     BLOB    NOT NULL,
    enabled    INTEGER NOT NULL DEFAULT 0 CHECK (enabled IN (0, 1)),
    last_step  INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);
