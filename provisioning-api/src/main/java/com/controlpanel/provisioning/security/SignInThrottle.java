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
 * in from anywhere else is not locked out by someone who only knows their email. The wrong ones are counted in
 * {@link Failures}: in the service, the database ({@link StoredSignInFailures}), which every node sharing it reads, so
 * that guesses spread over the nodes behind a load balancer meet one lock.
 *
 * <p>Checks still running on this node count too ({@link #attempt} takes a place before the password is compared), so
 * that requests sent at once are not all checked before the first failures are counted: with the places full of
 * running checks, a request waits for them (at most {@link #WAIT_FOR_RUNNING}); a script sending many requests at once
 * with the right password goes on as each check passes, a burst of guesses meets the lock its first ten set.
 */
public final class SignInThrottle {

    static final int ALLOWED_FAILURES = 10;
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final Duration WAIT_FOR_RUNNING = Duration.ofSeconds(5);

    /** One admin email (its case-insensitive key) from one client (see {@link #clientKey}). */
    record Pair(String email, String client) {}

    /** The failures of one pair in the window that started at {@code since} and ends {@link #WINDOW} later. */
    record Window(Instant since, int failures) {

        Instant ends() {
            return since.plus(WINDOW);
        }
    }

    /** Where the wrong passwords of each pair are counted. */
    interface Failures {

        /** The pair's failures in its window open at {@code now}, if it has one. */
        Optional<Window> open(Pair pair, Instant now);

        /** Counts one more failure of the pair, in its open window or in a new one from {@code now}; returns it. */
        Window add(Pair pair, Instant now);

        /** Forgets the pair's failures. */
        void clear(Pair pair);

        /** Forgets the failures of this email (its key) from every client. */
        void clearEmail(String email);
    }

    private final Clock clock;
    private final Consumer<String> onLock;
    private final Failures failures;
    /** The checks running on this node, per pair (a pair with none has no entry). */
    private final Map<Pair, Integer> running = new ConcurrentHashMap<>();

    /** A throttle counting in this node's memory only ({@link InMemorySignInFailures}). */
    public SignInThrottle(Clock clock, Consumer<String> onLock) {
        this(clock, onLock, new InMemorySignInFailures());
    }

    /**
     * @param onLock told of each pair as it locks (its email and client), for the log and the metrics: once per lock,
     *     on the node whose failure set it
     */
    public SignInThrottle(Clock clock, Consumer<String> onLock, Failures failures) {
        this.clock = clock;
        this.onLock = onLock;
        this.failures = failures;
    }

    /**
     * Takes a place for one password check; the caller then says how it went.
     *
     * @throws SignInThrottledException while the pair is locked, or its places stay full of running checks
     * @throws org.springframework.dao.DataAccessException when its failures can not be read (the database out of
     *     reach): no place is taken
     */
    public Attempt attempt(String email, String client) {
        Pair pair = key(email, client);
        long waitUntil = System.nanoTime() + WAIT_FOR_RUNNING.toNanos();
        while (true) {
            Instant now = clock.instant();
            Window open = failures.open(pair, now).orElse(null);
            int failed = open == null ? 0 : open.failures();
            if (failed >= ALLOWED_FAILURES) {
                throw new SignInThrottledException(Duration.between(now, open.ends()));
            }
            boolean[] taken = {false};
            running.compute(pair, (k, checks) -> {
                int current = checks == null ? 0 : checks;
                if (failed + current >= ALLOWED_FAILURES) {
                    return checks;
                }
                taken[0] = true;
                return current + 1;
            });
            if (taken[0]) {
                return new Attempt(pair, failed > 0);
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
     * {@link #undone} if there was no answer (the database out of reach). Exactly one of them, once; each gives the
     * place back, also when it throws.
     */
    public final class Attempt {
        private final Pair pair;
        private final boolean failedBefore;

        private Attempt(Pair pair, boolean failedBefore) {
            this.pair = pair;
            this.failedBefore = failedBefore;
        }

        /** The right password: the pair's failures start afresh. */
        public void passed() {
            try {
                if (failedBefore) {
                    failures.clear(pair);
                }
            } finally {
                release(pair);
            }
        }

        /**
         * A wrong password (or an unknown email: the same to whoever guesses); the tenth locks the pair.
         *
         * @throws org.springframework.dao.DataAccessException when it can not be counted (the database out of reach)
         */
        public void failed() {
            Window after;
            try {
                after = failures.add(pair, clock.instant());
            } finally {
                release(pair);
            }
            if (after.failures() == ALLOWED_FAILURES) {
                onLock.accept(pair.email() + " from " + pair.client());
            }
        }

        /** No answer either way: the place is given back. */
        public void undone() {
            release(pair);
        }
    }

    private void release(Pair pair) {
        running.computeIfPresent(pair, (k, checks) -> checks <= 1 ? null : checks - 1);
    }

    /** How long the pair is still refused, if it is. */
    Optional<Duration> lockedFor(String email, String client) {
        Instant now = clock.instant();
        return failures.open(key(email, client), now)
                .filter(open -> open.failures() >= ALLOWED_FAILURES)
                .map(open -> Duration.between(now, open.ends()));
    }

    /**
     * Forgets the failures of this email from every address (a new password was given to its account: the one handed
     * over must not meet a lock earned by the forgotten one). The checks running keep their places.
     */
    public void forgive(String email) {
        failures.clearEmail(key(email, null).email());
    }

    private static Pair key(String email, String client) {
        return new Pair(email == null ? "" : CaseInsensitive.key(email.strip()), clientKey(client));
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
