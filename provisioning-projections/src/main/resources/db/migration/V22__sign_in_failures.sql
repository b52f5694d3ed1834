-- Wrong admin passwords counted per email and client (SignInThrottle): kept in the database rather than in one node's
-- memory, so that guesses sent through every node behind a load balancer meet the same lock. One row per email key
-- (an email longer than any valid one: its SHA-256) and client (an IPv4 address, an IPv6 /64, or the admin's own
-- password change) with failures in a window of 15 minutes from window_start (milliseconds since 1970, UTC); rows of
-- windows that are over are deleted as new failures come. Never a password or a hash of one.
CREATE TABLE sign_in_failure (
    email_key    VARCHAR(320) NOT NULL,
    client       VARCHAR(100) NOT NULL,
    window_start BIGINT       NOT NULL,
    failures     INT          NOT NULL,
    CONSTRAINT sign_in_failure_pk PRIMARY KEY (email_key, client)
);

CREATE INDEX sign_in_failure_window ON sign_in_failure (window_start);
