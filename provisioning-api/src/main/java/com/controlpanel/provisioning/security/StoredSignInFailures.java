package com.controlpanel.provisioning.security;

import com.controlpanel.provisioning.security.SignInThrottle.Pair;
import com.controlpanel.provisioning.security.SignInThrottle.Window;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sign-in throttle's failures in table {@code sign_in_failure} (schema version 22): one row per email and client
 * with a failure in a window not yet over, read by every node that shares the database, so that guesses sent through
 * several nodes are counted together. Each count is its own transaction (a refused change of one's password rolls
 * back, its failure stays counted), an atomic increment of the row: concurrent failures on different nodes are all
 * counted, and exactly one of them reaches the tenth. Rows of windows over are deleted by the next failure counted on
 * a node, at most once a {@link #PURGE_EVERY}: the table holds the pairs guessed at in the last quarter of an hour.
 */
public final class StoredSignInFailures implements SignInThrottle.Failures {

    private static final Logger log = LoggerFactory.getLogger(StoredSignInFailures.class);

    static final Duration PURGE_EVERY = Duration.ofMinutes(1);
    /** The longest email key and client stored as they are (an email is at most 254 characters); longer ones hashed. */
    static final int EMAIL_KEY_LENGTH = 320;

    static final int CLIENT_LENGTH = 100;

    private static final String OPEN =
            "SELECT window_start, failures FROM sign_in_failure WHERE email_key = ? AND client = ? AND window_start > ?";
    // every expression of SET reads the row as it was before the update
    private static final String INCREMENT = "UPDATE sign_in_failure"
            + " SET failures = CASE WHEN window_start > ? THEN failures + 1 ELSE 1 END,"
            + " window_start = CASE WHEN window_start > ? THEN window_start ELSE ? END"
            + " WHERE email_key = ? AND client = ?";
    private static final String READ =
            "SELECT window_start, failures FROM sign_in_failure WHERE email_key = ? AND client = ?";
    private static final String INSERT =
            "INSERT INTO sign_in_failure (email_key, client, window_start, failures) VALUES (?, ?, ?, 1)";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final AtomicReference<Instant> lastPurge = new AtomicReference<>(Instant.MIN);

    public StoredSignInFailures(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public Optional<Window> open(Pair pair, Instant now) {
        List<Window> found = jdbc.query(
                OPEN,
                (row, i) -> new Window(Instant.ofEpochMilli(row.getLong(1)), row.getInt(2)),
                emailKey(pair),
                clientKey(pair),
                openAfter(now));
        return found.stream().findFirst();
    }

    @Override
    public Window add(Pair pair, Instant now) {
        String email = emailKey(pair);
        String client = clientKey(pair);
        long at = now.toEpochMilli();
        long openAfter = openAfter(now);
        Window counted = null;
        for (int tries = 0; counted == null; tries++) {
            counted = ownTransaction.execute(status ->
                    jdbc.update(INCREMENT, openAfter, openAfter, at, email, client) == 0
                            ? null
                            : jdbc.query(
                                            READ,
                                            (row, i) -> new Window(Instant.ofEpochMilli(row.getLong(1)), row.getInt(2)),
                                            email,
                                            client)
                                    .get(0));
            if (counted == null) {
                try {
                    ownTransaction.executeWithoutResult(status -> jdbc.update(INSERT, email, client, at));
                    counted = new Window(Instant.ofEpochMilli(at), 1);
                } catch (DuplicateKeyException raced) {
                    // another check counted the pair's first failure meanwhile: counted in its window, once more round
                    if (tries >= 2) {
                        throw raced;
                    }
                }
            }
        }
        purgeNowAndThen(now);
        return counted;
    }

    @Override
    public void clear(Pair pair) {
        jdbc.update("DELETE FROM sign_in_failure WHERE email_key = ? AND client = ?", emailKey(pair), clientKey(pair));
    }

    @Override
    public void clearEmail(String email) {
        jdbc.update("DELETE FROM sign_in_failure WHERE email_key = ?", stored(email, EMAIL_KEY_LENGTH));
    }

    /** Deletes the rows of windows over, once a {@link #PURGE_EVERY} per node; a failure to is only logged. */
    private void purgeNowAndThen(Instant now) {
        Instant last = lastPurge.get();
        if (last.plus(PURGE_EVERY).isAfter(now) || !lastPurge.compareAndSet(last, now)) {
            return;
        }
        try {
            int purged = jdbc.update("DELETE FROM sign_in_failure WHERE window_start <= ?", openAfter(now));
            log.debug("Deleted {} sign-in failure windows that are over", purged);
        } catch (DataAccessException e) {
            log.warn("Could not delete the sign-in failure windows that are over: {}", e.toString());
        }
    }

    private static long openAfter(Instant now) {
        return now.minus(SignInThrottle.WINDOW).toEpochMilli();
    }

    private static String emailKey(Pair pair) {
        return stored(pair.email(), EMAIL_KEY_LENGTH);
    }

    private static String clientKey(Pair pair) {
        return stored(pair.client(), CLIENT_LENGTH);
    }

    /**
     * The value as it is when it fits its column; a longer one (anything typed as an email), or one holding a NUL
     * (which PostgreSQL's text does not take), by its SHA-256.
     */
    static String stored(String value, int length) {
        if (value.length() <= length && value.indexOf('\0') < 0) {
            return value;
        }
        try {
            return "sha256:"
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256")
                                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
