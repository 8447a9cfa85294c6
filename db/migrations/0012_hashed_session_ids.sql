-- Sessions are now keyed by the SHA-256 of the cookie's token (server/auth/sessions.ts). Rows written
-- before held the token itself: end them (their users sign in again) so that no live token stays stored.
DELETE FROM `sessions`;
