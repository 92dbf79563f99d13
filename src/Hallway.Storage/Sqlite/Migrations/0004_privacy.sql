-- Privacy settings (docs/PROTOCOL.md §4.2): who may message a user directly, who finds them by
-- search. Existing users keep the old behaviour through the defaults.

ALTER TABLE users ADD COLUMN who_can_message TEXT NOT NULL DEFAULT 'everyone'
    CHECK (who_can_message IN ('everyone', 'contacts'));

ALTER TABLE users ADD COLUMN who_can_find TEXT NOT NULL DEFAULT 'everyone'
    CHECK (who_can_find IN ('everyone', 'contacts', 'nobody'));
