package com.controlpanel.provisioning.ui.settings;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Forms that must make something once, however many times they are sent (a double click, a resend after a slow
 * answer): each rendered form carries an id of its own, and what the first sending made is remembered for a while,
 * on this node. A second sending of the same form waits for the first, then is told what it made.
 *
 * <p>Kept in memory, not in the session: sessions live in the database and each request works on its own copy of
 * one, so two requests at once would not see each other's mark. A resend that a load balancer sends to another node
 * is not recognised there.
 */
final class SentForms {

    private static final Duration KEPT = Duration.ofMinutes(10);

    private final ConcurrentHashMap<String, Sent> byForm = new ConcurrentHashMap<>();
    private final Clock clock;

    SentForms(Clock clock) {
        this.clock = clock;
    }

    /** What a form sent once made: its first sending's answer, and the id of what it made (none if it made nothing). */
    record Outcome(String view, Optional<String> made) {}

    /**
     * The answer to this sending of the form: {@code first} run if no earlier sending of the same form (same admin,
     * same form id) made something; else {@code again} given the id of what it made.
     */
    String send(
            String admin, String formId, Supplier<Outcome> first, java.util.function.Function<String, String> again) {
        Instant now = clock.instant();
        byForm.values().removeIf(sent -> sent.at.plus(KEPT).isBefore(now));
        Sent sent = byForm.computeIfAbsent(admin + "\n" + formId, key -> new Sent(now));
        synchronized (sent) {
            if (sent.made != null) {
                return again.apply(sent.made);
            }
            Outcome outcome = first.get();
            outcome.made().ifPresent(made -> sent.made = made);
            return outcome.view();
        }
    }

    private static final class Sent {
        private final Instant at;
        private String made;

        private Sent(Instant at) {
            this.at = at;
        }
    }
}
