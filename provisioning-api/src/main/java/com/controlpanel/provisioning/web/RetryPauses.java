package com.controlpanel.provisioning.web;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The pause before a change caught by the member's version (changed meanwhile) is made again on the member as it is
 * now: of random length, so that two requests (or two nodes) retrying at once do not meet again and again, and longer
 * with each attempt.
 */
public final class RetryPauses {

    private RetryPauses() {}

    /** Sleeps 1 ms to {@code 5 × attempt} ms, at most {@code longestMillis}. */
    public static void pause(int attempt, int longestMillis) throws InterruptedException {
        int bound = Math.max(1, Math.min(longestMillis, 5 * attempt));
        Thread.sleep(ThreadLocalRandom.current().nextInt(1, bound + 1));
    }
}
