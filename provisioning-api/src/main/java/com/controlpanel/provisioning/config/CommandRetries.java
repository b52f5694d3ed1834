package com.controlpanel.provisioning.config;

import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.RetryScheduler;

/**
 * Sends a command again, a few times, when its failure is one that passes ({@link TransientCommandFailures}), after a
 * short pause with some randomness (two nodes that collided on one aggregate do not collide again in step). The whole
 * failure is judged at once: Axon's own schedulers also judge each of its causes alone, and a conflict whose innermost
 * cause is the database's plain "duplicate key" was then taken for a refusal and never sent again.
 */
final class CommandRetries implements RetryScheduler {

    private final ScheduledExecutorService executor;
    private final Predicate<Throwable> transientFailure;
    private final int maxRetries;
    private final long pauseMillis;

    CommandRetries(
            ScheduledExecutorService executor,
            Predicate<Throwable> transientFailure,
            int maxRetries,
            long pauseMillis) {
        this.executor = executor;
        this.transientFailure = transientFailure;
        this.maxRetries = maxRetries;
        this.pauseMillis = pauseMillis;
    }

    @Override
    public boolean scheduleRetry(
            CommandMessage commandMessage,
            RuntimeException lastFailure,
            List<Class<? extends Throwable>[]> failures,
            Runnable commandDispatch) {
        if (failures.size() > maxRetries || !transientFailure.test(lastFailure)) {
            return false;
        }
        long pause = pauseMillis / 2 + ThreadLocalRandom.current().nextLong(pauseMillis + 1);
        try {
            executor.schedule(commandDispatch, pause, TimeUnit.MILLISECONDS);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }
}
