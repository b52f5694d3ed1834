package com.controlpanel.provisioning.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * Gives back, while the service runs, the disk space the embedded H2 database's file holds for nothing: once no command
 * has written for a while (an Okta push has ended), and the file is larger than {@code provisioning.h2.compact-above}
 * and at most two thirds in use, it has H2 move its live pages together and cut the file, in short steps.
 *
 * <p>Each step holds H2's store for a moment (200 ms asked; a write that came during one waited 346 to 526 ms here,
 * {@code bench/idle_compaction.py}): a write that comes meanwhile waits for it, and the next step is not taken once
 * any command has asked to write, or while a rebuild runs or a backup is taken (after one, the file is looked at again once the service has
 * been idle since). H2's compaction drops the time it keeps replaced pages ({@code RETENTION_TIME}) to nothing and
 * syncs the file before it overwrites anything; the setting is put back after the last step. A try that leaves the
 * file mostly unused is made again after another quiet spell, three at most until commands write again. The start's
 * full compaction ({@link H2StartCompaction}) gets further, as it also compresses the pages (4.2 GB to 83 MB against
 * 330 MB here), but needs the database closed.
 */
class H2IdleCompaction implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(H2IdleCompaction.class);

    private static final long MB = 1024 * 1024;
    /** How long H2 may hold its store in one step (it overruns it by up to a second on a large file). */
    private static final int STEP_MILLIS = 200;
    /**
     * Steps in a row that neither made the file smaller nor filled its chunks further, after which it is as compact as
     * H2 makes it while open. (H2 first rewrites the pages of sparse chunks into new ones, several steps on a large
     * file, and only then cuts the file: a step that fills the chunks is progress.)
     */
    private static final int STEPS_WITHOUT_GAIN = 3;
    /** No compaction runs longer than this, whatever it gains. */
    private static final int MOST_STEPS = 1000;
    /** Compactions in one quiet spell that may leave the file mostly unused before it waits for the next writes. */
    private static final int MOST_PARTLY = 3;

    private final String url;
    private final String user;
    private final String password;
    private final long above;
    private final Duration idleAfter;
    private final LongSupplier commandsAsked;
    private final BooleanSupplier rebuildRunning;
    private final ScheduledExecutorService timer;

    private volatile boolean stopping;
    /** Compactions of this quiet spell that left the file still mostly unused. */
    private int partly;

    private long lastAsked = -1;
    private long quietSince;
    /** The commands asked when it last compacted (or found nothing to do): not again until they change. */
    private long settledAt = -1;

    /**
     * @param commandsAsked how many commands have asked for their writes to be made durable so far
     * @param rebuildRunning whether a rebuild runs (it writes without commands) or a backup is being taken (H2 moves
     *     nothing while it copies the file)
     */
    H2IdleCompaction(
            String url,
            String user,
            String password,
            long above,
            Duration idleAfter,
            LongSupplier commandsAsked,
            BooleanSupplier rebuildRunning) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.above = above;
        this.idleAfter = idleAfter;
        this.commandsAsked = commandsAsked;
        this.rebuildRunning = rebuildRunning;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "h2-idle-compaction");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Looks every quarter of {@code idleAfter} (at least every second) whether the time has come. */
    H2IdleCompaction start() {
        long every = Math.max(1000, idleAfter.toMillis() / 4);
        timer.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
        return this;
    }

    /** One look: compacts if no command has written since {@code idleAfter} and the file is worth it. */
    void tick() {
        try {
            long asked = commandsAsked.getAsLong();
            long now = System.nanoTime();
            if (rebuildRunning.getAsBoolean()) {
                // a rebuild writes without commands (a whole copy of the read models, when it replaces them): the
                // file is looked at again once it has ended and the service has been idle since
                quietSince = now;
                settledAt = -1;
                partly = 0;
                return;
            }
            if (asked != lastAsked) {
                lastAsked = asked;
                quietSince = now;
                partly = 0;
                return;
            }
            if (asked == settledAt || now - quietSince < idleAfter.toNanos()) {
                return;
            }
            Outcome outcome = compact(asked);
            if (outcome == Outcome.PARTLY && ++partly < MOST_PARTLY) {
                // steps may stop gaining before the file is compact (seen once right after a push, not explained):
                // the next try, after another quiet spell, may get further
                quietSince = System.nanoTime();
            } else if (outcome != Outcome.WRITES_RESUMED) {
                settledAt = asked;
            }
        } catch (RuntimeException | Error e) {
            // the next look tries again; the service never stops for this
            log.warn("Could not compact the embedded database's file while idle", e);
        }
    }

    enum Outcome {
        /** The file is small enough or mostly in use. */
        NOT_NEEDED,
        COMPACTED,
        /** Steps no longer gained, yet H2 still counts at most two thirds of the file in use. */
        PARTLY,
        /**
         * A command wrote, a rebuild or backup began or the service stops, between two steps: the next quiet spell goes
         * on.
         */
        WRITES_RESUMED,
        FAILED
    }

    /** Compacts the file in steps as long as no command asks to write after {@code asked}. */
    Outcome compact(long asked) {
        Path file = H2StartCompaction.file(url).orElse(null);
        if (file == null) {
            return Outcome.NOT_NEEDED;
        }
        try {
            if (!H2StartCompaction.worthCompacting(Files.size(file), above, 0)) {
                // not even opened: too small whatever its use
                return Outcome.NOT_NEEDED;
            }
        } catch (IOException e) {
            log.warn("Could not read the size of the embedded database's file {} while idle ({})", file, e.toString());
            return Outcome.FAILED;
        }
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            MVStore store = H2GroupCommit.store(connection);
            FileStore<?> fileStore = store == null ? null : store.getFileStore();
            if (fileStore == null) {
                return Outcome.NOT_NEEDED;
            }
            long before = Files.size(file);
            int inUse = H2StartCompaction.inUsePercent(fileStore);
            if (!H2StartCompaction.worthCompacting(before, above, inUse)) {
                return Outcome.NOT_NEEDED;
            }
            log.info(
                    "The embedded database's file {} ({} MB) is {} % in use and no command has written for {} s:"
                            + " compacting it in steps while the service is idle (PROVISIONING_H2_COMPACT_WHEN_IDLE"
                            + "=false turns it off)",
                    file, before / MB, inUse, idleAfter.toSeconds());
            long started = System.nanoTime();
            int retention = store.getRetentionTime();
            Outcome outcome = Outcome.COMPACTED;
            int steps = 0;
            try {
                long smallest = before;
                int fullest = fileStore.getChunksFillRate();
                for (int withoutGain = 0; withoutGain < STEPS_WITHOUT_GAIN && steps < MOST_STEPS; ) {
                    if (stopping || commandsAsked.getAsLong() != asked || rebuildRunning.getAsBoolean()) {
                        outcome = Outcome.WRITES_RESUMED;
                        break;
                    }
                    store.compactFile(STEP_MILLIS);
                    steps++;
                    long size = Files.size(file);
                    int chunksFill = fileStore.getChunksFillRate();
                    withoutGain = size < smallest || chunksFill > fullest ? 0 : withoutGain + 1;
                    smallest = Math.min(smallest, size);
                    fullest = Math.max(fullest, chunksFill);
                }
            } finally {
                // H2's compaction sets it to nothing for good
                store.setRetentionTime(retention);
            }
            int inUseAfter = H2StartCompaction.inUsePercent(fileStore);
            if (outcome == Outcome.COMPACTED
                    && H2StartCompaction.worthCompacting(Files.size(file), above, inUseAfter)) {
                outcome = Outcome.PARTLY;
            }
            log.info(
                    "{} the embedded database's file {}: {} MB to {} MB ({} % in use), {} steps in {} s",
                    switch (outcome) {
                        case COMPACTED -> "Compacted";
                        case PARTLY -> "Compacted part of";
                        default ->
                            "Paused compacting (a command wrote, a rebuild or backup began or the service stops)";
                    },
                    file,
                    before / MB,
                    Files.size(file) / MB,
                    inUseAfter,
                    steps,
                    String.format(Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e9));
            return outcome;
        } catch (SQLException | IOException | RuntimeException e) {
            log.warn("Could not compact the embedded database's file {} while idle ({})", file, e.toString());
            return Outcome.FAILED;
        }
    }

    /**
     * Lets the step under way end, and takes no other. Never interrupts it: H2 closes a file whose writing thread is
     * interrupted, and the database with it.
     */
    @Override
    public void destroy() throws InterruptedException {
        stopping = true;
        timer.shutdown();
        if (!timer.awaitTermination(30, TimeUnit.SECONDS)) {
            log.warn("A step of the embedded database's compaction was still running at the stop");
        }
    }
}
