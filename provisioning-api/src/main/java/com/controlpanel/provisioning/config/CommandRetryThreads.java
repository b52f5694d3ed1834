package com.controlpanel.provisioning.config;

import com.controlpanel.provisioning.storage.QuietStop;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * The threads retried commands are handled in (several: an attempt may itself wait for a lock). At the stop, a retry
 * under way, and one already due, ends as it would (its asker waits for it) rather than being interrupted: an
 * interrupt that comes while H2 writes its file closes the file, and the database with it, failing the other writes
 * of that moment too. Only what still runs after {@link #STOP_PATIENCE} is interrupted.
 */
public final class CommandRetryThreads implements DisposableBean {

    static final Duration STOP_PATIENCE = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(CommandRetryThreads.class);

    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "command-retry");
        thread.setDaemon(true);
        return thread;
    });

    public ScheduledExecutorService executor() {
        return executor;
    }

    @Override
    public void destroy() {
        if (!QuietStop.stop(STOP_PATIENCE, executor)) {
            log.warn("A retried command still ran {} s after the stop began: interrupted", STOP_PATIENCE.toSeconds());
        }
    }
}
