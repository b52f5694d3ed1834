package com.controlpanel.provisioning.config;

import com.controlpanel.provisioning.storage.DatabaseFailures;
import com.controlpanel.provisioning.storage.OutageLog;
import com.controlpanel.provisioning.storage.QuietStop;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * A task run again and again on a low-priority daemon thread of its own; a failed round is logged and the next one
 * tries again (a round that failed for the database being out of reach in one line, its trace at most once a minute
 * for the whole service: {@link OutageLog}). When the service stops, no round starts any more and the one under way is waited for (a task may look
 * at {@link #stopping()} to end it early), so that it does not read a database closing under it: an interrupt is
 * not used, as one that comes while H2 reads its file closes the file.
 */
final class BackgroundTask implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(BackgroundTask.class);
    private static final Duration STOP_PATIENCE = Duration.ofSeconds(10);

    private final String thread;
    private final ScheduledExecutorService executor;
    private volatile boolean stopping;

    BackgroundTask(String thread) {
        this.thread = thread;
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread background = new Thread(runnable, thread);
            background.setDaemon(true);
            background.setPriority(Thread.MIN_PRIORITY);
            return background;
        });
    }

    /** Runs {@code task} {@code first} after now, then {@code every} after each round ends. */
    BackgroundTask every(String what, long first, long every, TimeUnit unit, Runnable task) {
        executor.scheduleWithFixedDelay(
                () -> {
                    try {
                        task.run();
                    } catch (RuntimeException e) {
                        if (stopping) {
                            return;
                        }
                        if (DatabaseFailures.unavailable(e)) {
                            // every round fails alike until the database is back: its trace at most once a minute
                            OutageLog.SHARED.unavailable(
                                    log, what + " failed: the database is out of reach; the next round tries again", e);
                        } else {
                            log.warn("{} failed; the next round tries again", what, e);
                        }
                    }
                },
                first,
                every,
                unit);
        return this;
    }

    /** Whether the service stops: a long round should end where it can. */
    boolean stopping() {
        return stopping;
    }

    @Override
    public void destroy() {
        stopping = true;
        if (!QuietStop.stop(STOP_PATIENCE, executor)) {
            log.warn("The background task {} did not end within {} s of the stop", thread, STOP_PATIENCE.toSeconds());
        }
    }
}
