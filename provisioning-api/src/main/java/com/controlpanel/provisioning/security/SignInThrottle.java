package com.controlpanel.provisioning.security;

import com.controlpanel.provisioning.domain.api.CaseInsensitive;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Password checks for one admin email from one client (an IPv4 address, or an IPv6 /64: one subscriber's block):
 * at most {@link #ALLOWED_FAILURES} wrong ones within {@link #WINDOW}, then that pair is refused without a check until
 * the window ends. Guessing from one client then costs a quarter of an hour per ten guesses, while the admin signing
 * in from anywhere else is not locked out by someone who only knows their email. Kept in this node's memory.
 *
 * <p>Checks still running count too ({@link #attempt} takes a place before the password is compared), so that
 * requests sent at once are not all checked before the first failures are counted: with the places full of running
 * checks, a request waits for them (at most {@link #WAIT_FOR_RUNNING}); a script sending many requests at once with the
 * right password goes on as each check passes, a burst of guesses meets the lock its first ten set.
 */
public final class SignInThrottle {

    static final int ALLOWED_FAILURES = 10;
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final Duration WAIT_FOR_RUNNING = Duration.ofSeconds(5);
    static final int MAX_TRACKED = 100_000;

    private record Key(String email, String client) {}

    /** The window started at {@code since}: its failures, and the checks running now. */
    private record Count(Instant since, int failures, int running) {

        boolean expiredAt(Instant now) {
            return !since.plus(WINDOW).isAfter(now);
        }
    }

    private final Clock clock;
    private final Consumer<String> onLock;
    private final Map<Key, Count> counts = new ConcurrentHashMap<>();

    /** @param onLock told of each pair as it locks (its email and client), for the log and the metrics */
    public SignInThrottle(Clock clock, Consumer<String> onLock) {
        this.clock = clock;
        this.onLock = onLock;
    }

    /**
     * Takes a place for one password check; the caller then says how it went.
     *
     * @throws SignInThrottledException while the pair is locked, or its places stay full of running checks
     */
    public Attempt attempt(String email, String client) {
        Key key = key(email, client);
        long waitUntil = System.nanoTime() + WAIT_FOR_RUNNING.toNanos();
        while (true) {
            Instant now = clock.instant();
            evictIfFull(now);
            Instant[] lockedUntil = {null};
            boolean[] taken = {false};
            counts.compute(key, (k, seen) -> {
                Count current = seen == null || (seen.expiredAt(now) && seen.running() == 0)
                        ? new Count(now, 0, 0)
                        : seen.expiredAt(now) ? new Count(now, 0, seen.running()) : seen;
                if (current.failures() >= ALLOWED_FAILURES) {
                    lockedUntil[0] = current.since().plus(WINDOW);
                    return current;
                }
                if (current.failures() + current.running() >= ALLOWED_FAILURES) {
                    return current;
                }
                taken[0] = true;
                return new Count(current.since(), current.failures(), current.running() + 1);
            });
            if (lockedUntil[0] != null) {
                throw new SignInThrottledException(Duration.between(now, lockedUntil[0]));
            }
            if (taken[0]) {
                return new Attempt(key);
            }
            if (System.nanoTime() > waitUntil) {
                throw new SignInThrottledException(WAIT_FOR_RUNNING);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SignInThrottledException(WAIT_FOR_RUNNING);
            }
        }
    }

    /**
     * A check that has taken its place: {@link #passed} if the password was right, {@link #failed} if not,
     * {@link #undone} if there was no answer (the database out of reach). Exactly one of them, once.
     */
    public final class Attempt {
        private final Key key;

        private Attempt(Key key) {
            this.key = key;
        }

        /** The right password: the pair's failures start afresh. */
        public void passed() {
            counts.computeIfPresent(
                    key, (k, seen) -> seen.running() <= 1 ? null : new Count(seen.since(), 0, seen.running() - 1));
        }

        /** A wrong password (or an unknown email: the same to whoever guesses); the tenth locks the pair. */
        public void failed() {
            boolean[] locks = {false};
            counts.compute(key, (k, seen) -> {
                Count current = seen == null ? new Count(clock.instant(), 0, 1) : seen;
                locks[0] = current.failures() + 1 == ALLOWED_FAILURES;
                return new Count(current.since(), current.failures() + 1, Math.max(0, current.running() - 1));
            });
            if (locks[0]) {
                onLock.accept(key.email() + " from " + key.client());
            }
        }

        /** No answer either way: the place is given back. */
        public void undone() {
            counts.computeIfPresent(
                    key,
                    (k, seen) -> seen.failures() == 0 && seen.running() <= 1
                            ? null
                            : new Count(seen.since(), seen.failures(), Math.max(0, seen.running() - 1)));
        }
    }

    /** How long the pair is still refused, if it is. */
    Optional<Duration> lockedFor(String email, String client) {
        Count seen = counts.get(key(email, client));
        if (seen == null || seen.failures() < ALLOWED_FAILURES) {
            return Optional.empty();
        }
        Duration left = Duration.between(clock.instant(), seen.since().plus(WINDOW));
        return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
    }

    /**
     * Keeps the memory bounded when a flood of guesses on many emails fills it: first the pairs at rest that are not
     * locked go (a window ended, or a few failures forgotten), so that a lock already set holds; only a memory full
     * of locked pairs is emptied.
     */
    private void evictIfFull(Instant now) {
        if (counts.size() >= MAX_TRACKED) {
            counts.values()
                    .removeIf(
                            seen -> seen.running() == 0 && (seen.expiredAt(now) || seen.failures() < ALLOWED_FAILURES));
            if (counts.size() >= MAX_TRACKED) {
                counts.clear();
            }
        }
    }

    /**
     * Forgets the failures of this email from every address (a new password was given to its account: the one handed
     * over must not meet a lock earned by the forgotten one). The checks running keep their places.
     */
    public void forgive(String email) {
        String forgiven = key(email, null).email();
        counts.replaceAll(
                (key, count) -> key.email().equals(forgiven) ? new Count(count.since(), 0, count.running()) : count);
    }

    private static Key key(String email, String client) {
        return new Key(email == null ? "" : CaseInsensitive.key(email.strip()), clientKey(client));
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
