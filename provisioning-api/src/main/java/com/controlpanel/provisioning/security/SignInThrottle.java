package com.controlpanel.provisioning.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Wrong passwords for one admin email from one client address: after {@link #ALLOWED_FAILURES} within
 * {@link #WINDOW}, that pair is refused without a password check until the window ends. Guessing a password from one
 * address then costs a quarter of an hour per ten guesses (instead of one bcrypt each), while the admin signing in from
 * anywhere else is not locked out by someone who only knows their email. Kept in this node's memory.
 */
final class SignInThrottle {

    static final int ALLOWED_FAILURES = 10;
    static final Duration WINDOW = Duration.ofMinutes(15);
    private static final int MAX_TRACKED = 100_000;

    private record Key(String email, String client) {}

    private record Failures(Instant since, int count) {}

    private final Clock clock;
    private final Map<Key, Failures> failures = new ConcurrentHashMap<>();

    SignInThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long this email is still refused from this client, if it is. */
    Optional<Duration> lockedFor(String email, String client) {
        Failures seen = failures.get(key(email, client));
        if (seen == null || seen.count() < ALLOWED_FAILURES) {
            return Optional.empty();
        }
        Duration left = Duration.between(clock.instant(), seen.since().plus(WINDOW));
        return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
    }

    /** A wrong password (or an unknown email: the same to whoever guesses). */
    void failed(String email, String client) {
        Instant now = clock.instant();
        if (failures.size() >= MAX_TRACKED) {
            failures.values().removeIf(seen -> !seen.since().plus(WINDOW).isAfter(now));
            if (failures.size() >= MAX_TRACKED) {
                failures.clear();
            }
        }
        failures.merge(
                key(email, client),
                new Failures(now, 1),
                (before, one) -> before.since().plus(WINDOW).isAfter(now)
                        ? new Failures(before.since(), before.count() + 1)
                        : one);
    }

    /** The right password: the pair starts afresh. */
    void succeeded(String email, String client) {
        failures.remove(key(email, client));
    }

    private static Key key(String email, String client) {
        return new Key(
                email == null ? "" : email.strip().toLowerCase(Locale.ROOT), client == null ? "unknown" : client);
    }
}
