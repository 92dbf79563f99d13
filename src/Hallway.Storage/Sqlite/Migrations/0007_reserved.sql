-- Placeholder for 0007, which the account-security branch owns. The migrator needs 1, 2, 3...
-- without gaps, and this branch's own migration is 0008; the branches are merged in order. When
-- account-security's 0007 is merged, DELETE THIS FILE: two version-7 files make the migrator refuse
-- to start ("Migrations must be numbered 1, 2, 3..."), so a forgotten placeholder cannot pass unseen.
SELECT 1;
