package com.controlpanel.provisioning.ui.settings;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Forms that must make something once, however many times they are sent (a double click, a resend after a slow
 * answer), on whichever node each sending arrives: each rendered form carries an id of its own, and its first sending
 * claims it in table {@code sent_form} (schema version 23) before it makes anything, then records what it made. A
 * second sending of the same form waits for the first (polling the row), then is told what it made; one sent after a
 * first that made nothing (refused, failed) runs again.
 *
 * <p>In the database, not in the session: sessions live there too, but each request works on its own copy of one, so
 * two requests at once would not see each other's mark; a row's primary key does. A claim whose sending never ended
 * (its node stopped) is taken over after {@link #ABANDONED}; rows are forgotten after {@link #KEPT}.
 */
final class SentForms {

    private static final Logger log = LoggerFactory.getLogger(SentForms.class);

    static final Duration KEPT = Duration.ofMinutes(10);
    /** Longer than any sending takes: a command waits for a rebuild's hold at most 15 s, then is refused. */
    static final Duration ABANDONED = Duration.ofSeconds(30);

    private static final Duration POLL = Duration.ofMillis(50);
    private static final int FORM_ID_LENGTH = 64;

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final AtomicReference<Instant> lastPurge = new AtomicReference<>(Instant.MIN);

    SentForms(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** What a form sent once made: its first sending's answer, and the id of what it made (none if it made nothing). */
    record Outcome(String view, Optional<String> made) {}

    private record Claim(long sentAt, String made) {}

    /**
     * The answer to this sending of the form: {@code first} run if no earlier sending of the same form (same admin,
     * same form id) made something; else {@code again} given the id of what it made.
     */
    String send(String admin, String formId, Supplier<Outcome> first, Function<String, String> again) {
        String form = stored(formId);
        purgeNowAndThen();
        while (true) {
            long sentAt = clock.millis();
            try {
                jdbc.update(
                        "INSERT INTO sent_form (admin_id, form_id, sent_at, made) VALUES (?, ?, ?, NULL)",
                        admin,
                        form,
                        sentAt);
                return firstSending(admin, form, sentAt, first);
            } catch (DuplicateKeyException sentBefore) {
                Optional<String> made = awaitEarlier(admin, form);
                if (made.isPresent()) {
                    return again.apply(made.get());
                }
                // the earlier sending made nothing, or was abandoned: this one is the first now
            }
        }
    }

    private String firstSending(String admin, String form, long sentAt, Supplier<Outcome> first) {
        Outcome outcome;
        try {
            outcome = first.get();
        } catch (RuntimeException e) {
            release(admin, form, sentAt);
            throw e;
        }
        if (outcome.made().isPresent()) {
            jdbc.update(
                    "UPDATE sent_form SET made = ? WHERE admin_id = ? AND form_id = ? AND sent_at = ?",
                    outcome.made().get(),
                    admin,
                    form,
                    sentAt);
        } else {
            release(admin, form, sentAt);
        }
        return outcome.view();
    }

    /** Gives the form back (its sending made nothing): a later sending runs again. */
    private void release(String admin, String form, long sentAt) {
        try {
            jdbc.update(
                    "DELETE FROM sent_form WHERE admin_id = ? AND form_id = ? AND sent_at = ? AND made IS NULL",
                    admin,
                    form,
                    sentAt);
        } catch (DataAccessException e) {
            // a later sending takes the claim over once it is abandoned
            log.warn("Could not release the sending of form {}: {}", form, e.toString());
        }
    }

    /**
     * Waits for the earlier sending of the form to end: what it made, or nothing when it made nothing (its claim
     * released) or was abandoned (its claim taken away here).
     */
    private Optional<String> awaitEarlier(String admin, String form) {
        while (true) {
            List<Claim> claims = jdbc.query(
                    "SELECT sent_at, made FROM sent_form WHERE admin_id = ? AND form_id = ?",
                    (row, i) -> new Claim(row.getLong(1), row.getString(2)),
                    admin,
                    form);
            if (claims.isEmpty()) {
                return Optional.empty();
            }
            Claim claim = claims.get(0);
            if (claim.made() != null) {
                return Optional.of(claim.made());
            }
            if (claim.sentAt() + ABANDONED.toMillis() <= clock.millis()) {
                log.warn("Took over form {}: its first sending did not end in {} s", form, ABANDONED.toSeconds());
                release(admin, form, claim.sentAt());
                return Optional.empty();
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the form's first sending", e);
            }
        }
    }

    /** Deletes the rows older than {@link #KEPT}, once a minute per node; a failure to is only logged. */
    private void purgeNowAndThen() {
        Instant now = clock.instant();
        Instant last = lastPurge.get();
        if (last.plus(Duration.ofMinutes(1)).isAfter(now) || !lastPurge.compareAndSet(last, now)) {
            return;
        }
        try {
            jdbc.update(
                    "DELETE FROM sent_form WHERE sent_at <= ?", now.minus(KEPT).toEpochMilli());
        } catch (DataAccessException e) {
            log.warn("Could not delete the forms sent more than {} minutes ago: {}", KEPT.toMinutes(), e.toString());
        }
    }

    /** The form id as sent when it fits its column (the page writes a UUID); anything longer by its SHA-256. */
    private static String stored(String formId) {
        if (formId.length() <= FORM_ID_LENGTH && formId.indexOf('\0') < 0) {
            return formId;
        }
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(formId.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
