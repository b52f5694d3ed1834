package com.controlpanel.provisioning.security;

import com.controlpanel.provisioning.security.SignInThrottle.Pair;
import com.controlpanel.provisioning.security.SignInThrottle.Window;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sign-in throttle's failures in one process's memory, at most {@link #MAX_TRACKED} pairs: for a throttle of its
 * own (the tests of its rules); the service counts in the database ({@link StoredSignInFailures}).
 */
final class InMemorySignInFailures implements SignInThrottle.Failures {

    static final int MAX_TRACKED = 100_000;

    private final Map<Pair, Window> windows = new ConcurrentHashMap<>();

    @Override
    public Optional<Window> open(Pair pair, Instant now) {
        return Optional.ofNullable(windows.get(pair))
                .filter(window -> window.ends().isAfter(now));
    }

    @Override
    public Window add(Pair pair, Instant now) {
        evictIfFull(now);
        return windows.compute(
                pair,
                (k, seen) -> seen == null || !seen.ends().isAfter(now)
                        ? new Window(now, 1)
                        : new Window(seen.since(), seen.failures() + 1));
    }

    @Override
    public void clear(Pair pair) {
        windows.remove(pair);
    }

    @Override
    public void clearEmail(String email) {
        windows.keySet().removeIf(pair -> pair.email().equals(email));
    }

    /**
     * Keeps the memory bounded when a flood of guesses on many emails fills it: first the pairs that are not locked
     * go (a window ended, or a few failures forgotten), so that a lock already set holds; only a memory full of locked
     * pairs is emptied.
     */
    private void evictIfFull(Instant now) {
        if (windows.size() >= MAX_TRACKED) {
            windows.values()
                    .removeIf(window ->
                            !window.ends().isAfter(now) || window.failures() < SignInThrottle.ALLOWED_FAILURES);
            if (windows.size() >= MAX_TRACKED) {
                windows.clear();
            }
        }
    }
}
