package com.controlpanel.provisioning.storage;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Stops threads that may be reading the database without interrupting them: an interrupt that comes while H2 reads
 * its file closes the file, and the database with it. What they run now may end; only what still runs after the
 * patience is interrupted.
 */
public final class QuietStop {

    private QuietStop() {}

    /**
     * Shuts the executors down (nothing new starts), waits for what they run, all within {@code patience}, and
     * interrupts what has not ended by then; returns whether everything ended in time.
     */
    public static boolean stop(Duration patience, ExecutorService... executors) {
        List<ExecutorService> all = List.of(executors);
        all.forEach(ExecutorService::shutdown);
        long deadline = System.nanoTime() + patience.toNanos();
        boolean ended = true;
        try {
            for (ExecutorService executor : all) {
                if (!executor.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    executor.shutdownNow();
                    ended = false;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            all.forEach(ExecutorService::shutdownNow);
            return false;
        }
        return ended;
    }
}
