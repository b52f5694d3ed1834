package com.controlpanel.provisioning.config;

import com.controlpanel.provisioning.storage.DatabaseBackups;
import com.controlpanel.provisioning.storage.DatabaseBackups.BackupRefusedException;
import com.controlpanel.provisioning.storage.DatabaseBackups.Kept;
import com.controlpanel.provisioning.storage.DatabaseBackups.Refusal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Backs the embedded database up by itself with {@code PROVISIONING_BACKUP_EVERY}: whenever the newest backup in the
 * backup directory began that long ago (as its name says), or there is none; it first looks shortly after the service
 * is ready. The newest backup counts whoever took it (a backup asked for resets
 * the interval), and a restart does not: a service restarted more often than the interval is still backed up. A backup
 * that fails is logged and tried again after a pause (the interval, ten minutes at most); one that is being taken
 * when the time comes is the one of that turn.
 */
class ScheduledBackups implements ApplicationListener<ApplicationReadyEvent>, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ScheduledBackups.class);

    /** The longest pause after a backup that failed. */
    static final Duration MOST_PAUSE = Duration.ofMinutes(10);

    private final DatabaseBackups backups;
    private final Duration every;
    private final Clock clock;
    private final Duration first;
    private final Duration look;
    private final ScheduledExecutorService timer;

    /** No backup is tried before this, after one failed. */
    private Instant pausedUntil = Instant.MIN;

    /**
     * @param every null: never looks
     * @param first how long after the service is ready it first looks
     * @param look how often it looks from then on
     */
    ScheduledBackups(DatabaseBackups backups, Duration every, Clock clock, Duration first, Duration look) {
        this.backups = backups;
        this.every = every;
        this.clock = clock;
        this.first = first;
        this.look = look;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "scheduled-backup");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts looking once the service is ready: after the start's compaction and schema migration. */
    @Override
    public void onApplicationEvent(ApplicationReadyEvent ready) {
        if (every == null) {
            return;
        }
        log.info(
                "A backup of the embedded database is taken whenever the newest in {} is {} old (PROVISIONING_BACKUP_EVERY)",
                backups.directory(),
                every.toString().substring(2).toLowerCase(Locale.ROOT));
        timer.scheduleWithFixedDelay(this::tick, first.toMillis(), look.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One look: takes a backup if one is due; never throws (the next look comes all the same). */
    void tick() {
        try {
            Instant now = clock.instant();
            if (now.isBefore(pausedUntil) || backups.running() || !due(now)) {
                return;
            }
            DatabaseBackups.Taken taken = backups.take();
            log.info(
                    "Scheduled backup written: {} ({} ms)",
                    taken.file(),
                    taken.took().toMillis());
        } catch (BackupRefusedException e) {
            if (e.refusal() == Refusal.RUNNING) {
                return;
            }
            log.warn("The scheduled backup was not taken: {}. Next try in {}", e.getMessage(), pause());
        } catch (RuntimeException | Error e) {
            pause();
            log.warn("The scheduled backup was not taken", e);
        }
    }

    /** Pauses the tries after a failure: for the interval, {@link #MOST_PAUSE} at most; how long. */
    private Duration pause() {
        Duration pause = every.compareTo(MOST_PAUSE) < 0 ? every : MOST_PAUSE;
        pausedUntil = clock.instant().plus(pause);
        return pause;
    }

    /** Whether the newest backup began {@code every} ago (as its name says), or there is none. */
    private boolean due(Instant now) {
        List<Kept> newest = backups.kept(1);
        return newest.isEmpty() || !newest.get(0).takenAt().plus(every).isAfter(now);
    }

    /**
     * Lets a backup being taken end (30 s at most), without interrupting it: an interrupt during a read of H2's file
     * would close H2's own channel to it. One still running then is cut short with the process; its {@code .partial}
     * file is deleted by the next backup.
     */
    @Override
    public void destroy() throws InterruptedException {
        timer.shutdown();
        if (!timer.awaitTermination(30, TimeUnit.SECONDS)) {
            log.warn("A scheduled backup was still being taken at the stop: it is left unfinished");
        }
    }
}
