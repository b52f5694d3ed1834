package com.controlpanel.provisioning.ui;

import java.time.Duration;

/** How long a refusal lasts, as told to a client: whole seconds for {@code Retry-After}, minutes for a message. */
public final class RetryAfter {

    private RetryAfter() {}

    /** Whole seconds, rounded up, at least one. */
    public static long seconds(Duration left) {
        return Math.max(1, (left.toMillis() + 999) / 1000);
    }

    /** "a minute" or "N minutes", rounded up from {@link #seconds}. */
    public static String inWords(Duration left) {
        long minutes = (seconds(left) + 59) / 60;
        return minutes == 1 ? "a minute" : minutes + " minutes";
    }
}
