package com.controlpanel.provisioning.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Password checks for one admin email from one client (an IPv4 address, or an IPv6 /64: one subscriber's block):
 * at most {@link #ALLOWED_FAILURES} wrong ones within {@link #WINDOW}, then that pair is refused without a check until
 * the window ends. Each check takes its place before the password is compared ({@link #attempt}), so requests sent
 * at once can not all be checked before the first failures are counted. Guessing from one client then costs a
 * quarter of an hour per ten guesses, while the admin signing in from anywhere else is not locked out by someone who
 * only knows their email. Kept in this node's memory.
 */
public final class SignInThrottle {

    static final int ALLOWED_FAILURES = 10;
    static final Duration WINDOW = Duration.ofMinutes(15);
    private static final int MAX_TRACKED = 100_000;

    private record Key(String email, String client) {}

    /** Checks counted in the window started at {@code since}: failures, and those still running. */
    private record Count(Instant since, int checks) {}

    private final Clock clock;
    private final Consumer<String> onLock;
    private final Map<Key, Count> counts = new ConcurrentHashMap<>();

    /** @param onLock told of each pair as it locks (its email and client), for the log and the metrics */
    public SignInThrottle(Clock clock, Consumer<String> onLock) {
        this.clock = clock;
        this.onLock = onLock;
    }

    /**
     * Takes a place for one password check, counted as a failure unless {@link Attempt#passed} or
     * {@link Attempt#undone} gives it back.
     *
     * @throws SignInThrottledException while the pair is locked
     */
    public Attempt attempt(String email, String client) {
        Key key = key(email, client);
        Instant now = clock.instant();
        evictIfFull(now);
        Instant[] lockedUntil = {null};
        boolean[] locksNow = {false};
        counts.compute(key, (k, seen) -> {
            Count current = seen == null || !seen.since().plus(WINDOW).isAfter(now) ? new Count(now, 0) : seen;
            if (current.checks() >= ALLOWED_FAILURES) {
                lockedUntil[0] = current.since().plus(WINDOW);
                return current;
            }
            locksNow[0] = current.checks() + 1 == ALLOWED_FAILURES;
            return new Count(current.since(), current.checks() + 1);
        });
        if (lockedUntil[0] != null) {
            throw new SignInThrottledException(Duration.between(now, lockedUntil[0]));
        }
        return new Attempt(key, locksNow[0]);
    }

    /**
     * A check that has taken its place: {@link #passed} if the password was right, {@link #failed} if not,
     * {@link #undone} if there was no answer (the database out of reach).
     */
    public final class Attempt {
        private final Key key;
        private final boolean last;

        private Attempt(Key key, boolean last) {
            this.key = key;
            this.last = last;
        }

        /** The right password: the pair starts afresh. */
        public void passed() {
            counts.remove(key);
        }

        /** A wrong password (or an unknown email: the same to whoever guesses); the last allowed one locks. */
        public void failed() {
            if (last) {
                onLock.accept(key.email() + " from " + key.client());
            }
        }

        /** No answer either way: the place is given back. */
        public void undone() {
            counts.computeIfPresent(
                    key, (k, seen) -> seen.checks() <= 1 ? null : new Count(seen.since(), seen.checks() - 1));
        }
    }

    /** How long the pair is still refused, if it is. */
    Optional<Duration> lockedFor(String email, String client) {
        Count seen = counts.get(key(email, client));
        if (seen == null || seen.checks() < ALLOWED_FAILURES) {
            return Optional.empty();
        }
        Duration left = Duration.between(clock.instant(), seen.since().plus(WINDOW));
        return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
    }

    private void evictIfFull(Instant now) {
        if (counts.size() >= MAX_TRACKED) {
            counts.values().removeIf(seen -> !seen.since().plus(WINDOW).isAfter(now));
            if (counts.size() >= MAX_TRACKED) {
                counts.clear();
            }
        }
    }

    private static Key key(String email, String client) {
        return new Key(email == null ? "" : email.strip().toLowerCase(Locale.ROOT), clientKey(client));
    }

    /** An IPv4 address as it is; an IPv6 address by its /64, however it was written; anything else as given. */
    static String clientKey(String client) {
        if (client == null || client.isBlank()) {
            return "unknown";
        }
        if (client.indexOf(':') < 0) {
            return client;
        }
        try {
            // a literal: parsed, never looked up
            byte[] address =
                    InetAddress.getByName(client.replaceAll("^\\[|]$", "")).getAddress();
            if (address.length != 16) {
                return InetAddress.getByAddress(address).getHostAddress();
            }
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                prefix.append(Integer.toHexString(((address[i] & 0xff) << 8) | (address[i + 1] & 0xff)))
                        .append(':');
            }
            return prefix.append(":/64").toString();
        } catch (UnknownHostException e) {
            return client;
        }
    }
}
