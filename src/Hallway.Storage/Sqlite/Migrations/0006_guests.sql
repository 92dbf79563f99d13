-- Guests of the text gateway (async_chat's "login <name>"): user rows with no password that only
-- that gateway signs in. Their username_key is '~' + the name exactly as typed: async_chat names are
-- case-sensitive, and '~' never appears in an account's key, so a guest can never sign in as,
-- or block the registration of, an account.

ALTER TABLE users ADD COLUMN is_guest INTEGER NOT NULL DEFAULT 0 CHECK (is_guest IN (0, 1));
