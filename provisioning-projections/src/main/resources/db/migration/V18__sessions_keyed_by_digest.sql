-- The Control Panel's sessions are stored under the SHA-256 digest of their ids from this version on (the API's
-- security.DigestKeyedSessions), never under the id a browser's cookie holds. The sessions stored before, under their
-- ids, are found by no cookie now; they are deleted here rather than left to expire, so that a table read from now on
-- (a backup, a dump) holds no id that signs a browser in, and so that no version before this one, which would look a
-- session up by its cookie's id, starts on this database. Every admin signs in once more after this upgrade.
DELETE FROM SPRING_SESSION;
