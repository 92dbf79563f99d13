-- Roles (admin, teacher, student) replace the admin flag, and server-wide settings an admin
-- changes at run time (the direct-message policy first) get a table of their own.

ALTER TABLE users ADD COLUMN role TEXT NOT NULL DEFAULT 'student'
    CHECK (role IN ('student', 'teacher', 'admin'));
UPDATE users SET role = 'admin' WHERE is_admin = 1;
ALTER TABLE users DROP COLUMN is_admin;

CREATE TABLE server_settings (
    key   TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
