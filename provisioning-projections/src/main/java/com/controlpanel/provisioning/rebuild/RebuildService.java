package com.controlpanel.provisioning.rebuild;

import com.controlpanel.provisioning.eventstore.EventStoreReader;
import com.controlpanel.provisioning.eventstore.StoredEvent;
import com.controlpanel.provisioning.slots.ProjectionSlot;
import com.controlpanel.provisioning.storage.QuietStop;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds every read model from the event store while the service keeps answering from the live slots:
 *
 * <ol>
 *   <li>bulk: read every event in store order and hand it to each read model's session (which folds or batches);
 *       positions skipped by transactions still in flight are remembered and read again;
 *   <li>catch up while writes go on, in rounds, until a few events are left or the writes outpace it;
 *   <li>hold: with writes stopped at the {@link WriteGate}, apply what is left, wait for the live asynchronous
 *       projections to reach the same head, compare, and switch each read model to its rebuilt slot;
 *   <li>after the switch, compare what no write can change any more (activity rows up to the head).
 * </ol>
 */
public class RebuildService implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RebuildService.class);
    private static final int PAGE = 5000;
    static final String REPLAYING = "Replaying events";
    /** The second pass of a rebuild whose comparison found read models that differ. */
    static final String REPLAYING_FRESH = "Replaying events into fresh tables";

    private static final Duration REPORT_EVERY = Duration.ofSeconds(1);
    private static final int OUTCOME_ATTEMPTS = 5;
    /** How long the live processors may take to reach the head: a backlog before the hold, a few events under it. */
    private static final Duration BEFORE_HOLD_PATIENCE = Duration.ofMinutes(10);

    private static final Duration UNDER_HOLD_PATIENCE = Duration.ofSeconds(60);
    /**
     * At most this many events left to apply after catching up while writes go on: the writes are held for them (a
     * fraction of a second on either store; every write waits meanwhile).
     */
    static final long HOLD_WHEN_LEFT = 20;

    private final EventStoreReader reader;
    private final WriteGate gate;
    private final DataSource dataSource;
    private final List<ReadModelRebuild> readModels;
    private final Runnable afterSwitch;
    private final RebuildJournal journal;
    private final TransactionTemplate transactions;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "rebuild");
        thread.setDaemon(true);
        return thread;
    });
    /** Reads the former live side of each table pair while the rebuild's thread reads the rebuilt one. */
    private final ExecutorService verifier = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "rebuild-verify");
        thread.setDaemon(true);
        return thread;
    });

    private final ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "rebuild-report");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private volatile Job running;
    /** The service stops: a rebuild replaying events ends at the next one, before any switch. */
    private volatile boolean stopping;

    public static final String STOPPED =
            "The service stopped before the rebuild ended: nothing was switched; start it again";
    /** How long the service's stop waits for a rebuild to end (it stops while it replays, not while it writes). */
    private static final Duration STOP_PATIENCE = Duration.ofSeconds(10);

    /**
     * @param afterSwitch run once the rebuilt read models are live: drops what is derived from the way events fold
     *     (the directory states kept for "as of an instant"), which may have changed with the code
     */
    public RebuildService(
            EventStoreReader reader,
            WriteGate gate,
            DataSource dataSource,
            List<ReadModelRebuild> readModels,
            Runnable afterSwitch,
            RebuildJournal journal) {
        this.reader = reader;
        this.gate = gate;
        this.dataSource = dataSource;
        this.readModels = List.copyOf(readModels);
        this.afterSwitch = afterSwitch;
        this.journal = journal;
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    /** Starts a rebuild in the background that replaces only the read models that differ; refuses while one runs. */
    public RebuildProgress start() {
        return start(false);
    }

    /**
     * Starts a rebuild in the background; refuses while one runs.
     *
     * @param fresh build every read model into fresh tables and switch to them, even those found equal to the events
     */
    public synchronized RebuildProgress start(boolean fresh) {
        if (running != null) {
            throw new RebuildAlreadyRunningException(running.id);
        }
        ClusterLocks.Lease lease = gate.cluster()
                .tryRebuild()
                .orElseThrow(() -> RebuildAlreadyRunningException.onAnotherNode(
                        journal.running().orElse(null)));
        Job job = new Job(UUID.randomUUID().toString(), fresh);
        jobs.put(job.id, job);
        running = job;
        try {
            report(job);
            job.reporting = reporter.scheduleWithFixedDelay(
                    () -> report(job), REPORT_EVERY.toMillis(), REPORT_EVERY.toMillis(), TimeUnit.MILLISECONDS);
            executor.execute(() -> run(job, lease));
        } catch (RuntimeException e) {
            if (job.reporting != null) {
                job.reporting.cancel(false);
            }
            running = null;
            lease.close();
            throw e;
        }
        return job.progress();
    }

    /** Whether a rebuild runs, on this node or (as the journal tells) on another one sharing the database. */
    public boolean anyRunning() {
        return running != null || journal.running().isPresent();
    }

    /** A rebuild of this node, or as the node running it reported it (also one from before a restart). */
    public Optional<RebuildProgress> progress(String id) {
        Job local = jobs.get(id);
        return local != null ? Optional.of(local.progress()) : journal.find(id);
    }

    /** Runs a rebuild in the caller's thread, for tests and tools. */
    public RebuildProgress runNow() {
        return runNow(false);
    }

    /** Runs a rebuild in the caller's thread, for tests and tools; {@code fresh} as for {@link #start(boolean)}. */
    public RebuildProgress runNow(boolean fresh) {
        RebuildProgress started = start(fresh);
        Job job = jobs.get(started.id());
        synchronized (job) {
            while (!job.settled) {
                try {
                    job.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        return job.progress();
    }

    private void run(Job job, ClusterLocks.Lease lease) {
        RebuildProgress.Status outcome = RebuildProgress.Status.FAILED;
        String failure = null;
        // the frozen read models to verify (the former live tables, the rebuilt ones), each on its own connection so
        // that both sides are read at once; opened under the hold, given back however the rebuild ends
        Snapshot[] snapshots = {null, null};
        boolean[] switched = {false};
        try {
            job.total = reader.count();
            Timings timings = new Timings(job);
            List<ReadModelRebuild> replacing = readModels;
            Map<String, List<TableComparison>> checked = job.fresh ? Map.of() : check(job, timings);
            if (!job.fresh) {
                replacing = readModels.stream()
                        .filter(readModel -> !checked.getOrDefault(readModel.name(), List.of()).stream()
                                .allMatch(TableComparison::equal))
                        .toList();
                if (replacing.isEmpty()) {
                    job.replaced = List.of();
                    job.verification =
                            checked.values().stream().flatMap(List::stream).toList();
                    // the kept directory states stay: the fold gives the same read models, and a change in how
                    // events fold that they would not show is told by the states' own format
                    outcome = RebuildProgress.Status.COMPLETED;
                    logCompleted(job, timings, "verified equal in place");
                    return;
                }
                // the read models that differ are built again into fresh tables, from the first event: a second
                // pass, counted on top of the first (the rate is that of the whole rebuild, both passes)
                job.total = job.done + reader.count();
            }
            List<String> replacingNames =
                    replacing.stream().map(ReadModelRebuild::name).toList();
            List<ReadModelRebuild.Session> sessions = new ArrayList<>();
            for (ReadModelRebuild readModel : replacing) {
                sessions.add(readModel.begin());
            }
            RebuildCursor cursor = new RebuildCursor();
            phase(job, job.fresh ? REPLAYING : REPLAYING_FRESH);
            Consumer<StoredEvent> apply = applying(sessions, job, ReadModelRebuild.Session::fold);
            Consumer<StoredEvent> fold = event -> {
                stopIfStopping();
                apply.accept(event);
            };
            for (boolean more = true; more; ) {
                RebuildCursor.Page page = cursor.next(reader, PAGE);
                page.events().forEach(fold);
                more = page.read() == PAGE;
                job.total = Math.max(job.total, job.done);
            }
            cursor.recheckAll(reader).forEach(fold);
            timings.mark("replay");
            phase(job, "Writing the rebuilt read models");
            sessions.forEach(ReadModelRebuild.Session::flush);
            timings.mark("write");

            long[] head = {0};
            List<TablePair> pairs = new ArrayList<>();
            // what came during the bulk is applied, and the live processors awaited, while writes still go on: the
            // pause below has only the last few events to apply and wait for (more only when the writes outpace it)
            phase(job, "Catching up");
            catchUpWhileWritesGoOn(cursor, sessions, job);
            long nearlyHead = cursor.last();
            sessions.forEach(session -> session.awaitLive(nearlyHead, BEFORE_HOLD_PATIENCE));
            timings.mark("catch-up");
            phase(job, "Switching (writes wait)");
            gate.closedWhile(() -> {
                catchUpWithWritesHeld(cursor, sessions, job);
                head[0] = cursor.last();
                job.total = Math.max(job.total, job.done);
                sessions.forEach(ReadModelRebuild.Session::finish);
                sessions.forEach(session -> session.awaitLive(head[0], UNDER_HOLD_PATIENCE));
                timings.mark("last-catch-up");
                sessions.forEach(session -> pairs.addAll(session.comparisons()));
                snapshots[0] = Snapshot.of(
                        dataSource, pairs.stream().map(TablePair::liveTable).toList());
                snapshots[1] = Snapshot.of(
                        dataSource, pairs.stream().map(TablePair::rebuiltTable).toList());
                // a lock whose session was cut is released: switch only while both are surely held
                gate.cluster().confirmWritesHeld();
                lease.confirm();
                sessions.forEach(ReadModelRebuild.Session::switchLive);
                switched[0] = true;
                job.replaced = replacingNames;
                timings.mark(RebuildProgress.SWITCH);
                if (gate.cluster().acrossNodes()) {
                    // told at once: should this node stop now, the rebuilt read models are live
                    report(job);
                    // other nodes may use the former live slot for a moment: nothing is written until they all
                    // have read the switch (were this node to stop, every write would wait for that by itself)
                    sleepThrough(ProjectionSlot.SWITCH_SETTLED);
                    timings.mark(RebuildProgress.SETTLE);
                }
            });
            dropFoldedStates(job);
            phase(job, "Verifying");
            List<TableComparison> verification = new ArrayList<>();
            for (TablePair pair : pairs) {
                verification.add(
                        TableComparer.compare(snapshots[0].connection(), snapshots[1].connection(), pair, verifier));
            }
            timings.mark("verify");
            // in the read models' order: those verified equal in place, and those replaced
            List<TableComparison> all = new ArrayList<>();
            for (ReadModelRebuild readModel : readModels) {
                List<TableComparison> own = verification.stream()
                        .filter(comparison -> comparison.readModel().equals(readModel.name()))
                        .toList();
                all.addAll(own.isEmpty() ? checked.getOrDefault(readModel.name(), List.of()) : own);
            }
            job.verification = List.copyOf(all);
            outcome = RebuildProgress.Status.COMPLETED;
            logCompleted(
                    job, timings, verification.stream().allMatch(TableComparison::equal) ? "verified equal" : "DIFFER");
        } catch (RuntimeException | Error e) {
            failure = e.getMessage() == null ? e.toString() : e.getMessage();
            if (switched[0]) {
                // an operator must not think the former read models still serve
                failure = "The rebuilt read models are live (the switch was done); what failed after it: " + failure;
            }
            log.error("Rebuild {} failed: {}", job.id, failure, e);
        } finally {
            // free for the next rebuild, on any node, before anyone waiting on this one is told it ended
            for (Snapshot snapshot : snapshots) {
                if (snapshot != null) {
                    try {
                        snapshot.close();
                    } catch (RuntimeException e) {
                        log.warn("Rebuild {}: could not give back a connection of its verification", job.id, e);
                    }
                }
            }
            try {
                lease.close();
            } finally {
                running = null;
                job.reporting.cancel(false);
                job.finish(outcome, failure);
                reportOutcome(job);
                job.settle();
            }
        }
    }

    private static void logCompleted(Job job, Timings timings, String verdict) {
        log.info(
                "Rebuild {} replayed {} events at {} events/s ({}); read models {}",
                job.id,
                job.done,
                Math.round(job.rate()),
                timings,
                verdict);
    }

    /**
     * Compares every read model's live tables with the rows the events make, writing nothing: with writes held for a
     * moment, takes the head of the store and a snapshot of the live tables, which the live processors have brought
     * to that head; then folds every event up to the head in memory into the checksums of the rows each table should
     * hold, while the verifier's thread reads the snapshot's. Returns each read model's comparisons, by name.
     */
    private Map<String, List<TableComparison>> check(Job job, Timings timings) {
        ExpectedRows expected = new ExpectedRows(dataSource);
        SecondaryIndexes indexes = new SecondaryIndexes(dataSource);
        List<ReadModelRebuild.Check> checks = new ArrayList<>();
        for (ReadModelRebuild readModel : readModels) {
            checks.add(readModel.check(expected));
        }
        List<TablePair> tables =
                checks.stream().flatMap(check -> check.tables().stream()).toList();
        phase(job, "Catching up");
        long nearlyHead = reader.head();
        checks.forEach(check -> check.awaitLive(nearlyHead, BEFORE_HOLD_PATIENCE));
        timings.mark("check-catch-up");
        phase(job, "Taking a snapshot of the read models (writes wait)");
        long[] head = {0};
        Snapshot[] live = {null};
        gate.closedWhile(() -> {
            head[0] = reader.head();
            checks.forEach(check -> check.awaitLive(head[0], UNDER_HOLD_PATIENCE));
            // a lock whose session was cut is released: other nodes may be writing, and the snapshot would not be
            // the head's
            gate.cluster().confirmWritesHeld();
            live[0] = Snapshot.of(
                    dataSource, tables.stream().map(TablePair::liveTable).toList());
        });
        try {
            timings.mark("check-snapshot");
            phase(job, REPLAYING);
            CompletableFuture<List<TableComparer.Checksum>> liveSums = CompletableFuture.supplyAsync(
                    () -> {
                        long began = System.nanoTime();
                        List<TableComparer.Checksum> sums = new ArrayList<>();
                        try {
                            for (TablePair table : tables) {
                                stopIfStopping();
                                sums.add(TableComparer.checksum(live[0].connection(), table.liveTable()));
                            }
                        } catch (SQLException e) {
                            throw new IllegalStateException("Reading the live read models failed", e);
                        } finally {
                            // read: its transaction need not hold old row versions while the fold goes on
                            closeQuietly(live[0], job);
                        }
                        log.info(
                                "Rebuild {}: read the live tables in {} ms",
                                job.id,
                                (System.nanoTime() - began) / 1_000_000);
                        return sums;
                    },
                    verifier);
            try {
                Consumer<StoredEvent> fold = event -> {
                    stopIfStopping();
                    checks.forEach(check -> check.fold(event));
                    job.done++;
                };
                long[] last = {0};
                for (boolean more = true; more; ) {
                    int read = reader.after(last[0], PAGE, event -> {
                        last[0] = event.position();
                        if (event.position() <= head[0]) {
                            fold.accept(event);
                        }
                    });
                    more = read == PAGE && last[0] < head[0];
                }
                timings.mark("check-replay");
                checks.forEach(ReadModelRebuild.Check::finish);
                job.total = job.done;
                timings.mark("check-rows");
                phase(job, "Comparing with the live read models");
            } catch (RuntimeException | Error e) {
                // the snapshot is closed only once its reading has ended; the replay's failure is the one told
                try {
                    liveSums.join();
                } catch (RuntimeException reading) {
                    e.addSuppressed(reading);
                }
                throw e;
            }
            List<TableComparer.Checksum> sums = join(liveSums);
            Map<String, List<TableComparison>> comparisons = new LinkedHashMap<>();
            for (int i = 0; i < tables.size(); i++) {
                TablePair table = tables.get(i);
                TableComparer.Checksum liveSum = sums.get(i);
                TableComparer.Checksum rebuiltSum = expected.checksum(table.liveTable());
                Optional<String> shape = expected.shapeDiffers(table.liveTable());
                List<String> missing =
                        indexes.missingFromLive(new SecondaryIndexes.Standby(table.rebuiltTable(), table.liveTable()));
                if (shape.isEmpty() && !missing.isEmpty()) {
                    shape = Optional.of("the live table lacks its indexes " + String.join(", ", missing)
                            + ": the read model is built again into fresh tables, which have them");
                }
                boolean equal = shape.isEmpty() && liveSum.equals(rebuiltSum);
                comparisons
                        .computeIfAbsent(table.readModel(), name -> new ArrayList<>())
                        .add(new TableComparison(
                                table.readModel(),
                                table.liveTable().replaceAll("_[ab]$", ""),
                                liveSum.rows(),
                                rebuiltSum.rows(),
                                liveSum.hex(),
                                rebuiltSum.hex(),
                                equal,
                                equal
                                        ? List.of()
                                        : List.of(shape.orElse(
                                                "the checksums differ: the read model is built again into fresh "
                                                        + "tables, compared row by row"))));
            }
            timings.mark("check-compare");
            return comparisons;
        } finally {
            closeQuietly(live[0], job);
        }
    }

    /** Gives a snapshot back (once, whoever asks first); a rebuild never fails, nor hides its failure, for it. */
    private static void closeQuietly(Snapshot snapshot, Job job) {
        try {
            snapshot.close();
        } catch (RuntimeException e) {
            log.warn("Rebuild {}: could not give back the connection of a snapshot", job.id, e);
        }
    }

    /**
     * Drops what is derived from the way events fold (the directory states kept for "as of an instant"): a read model
     * was replaced, so the fold may have changed with the code; they are folded again in the background.
     */
    private void dropFoldedStates(Job job) {
        try {
            afterSwitch.run();
        } catch (RuntimeException e) {
            // the read models are as the events make them; what is derived from the fold is only a cache
            log.error("Rebuild {}: could not drop the state derived from the former fold", job.id, e);
        }
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    private void phase(Job job, String phase) {
        job.phase = phase;
        report(job);
    }

    /**
     * Records the progress for every node (under the job's lock: a report never overwrites a later one); a rebuild
     * never fails for want of reporting it.
     */
    private void report(Job job) {
        tryReport(job);
    }

    private boolean tryReport(Job job) {
        synchronized (job) {
            try {
                journal.report(job.progress());
                return true;
            } catch (RuntimeException e) {
                log.warn("Rebuild {}: could not record its progress", job.id, e);
                return false;
            }
        }
    }

    /**
     * Records how the rebuild ended, trying again for a few seconds: unrecorded, it would be reported as lost by the
     * other nodes (and by this one after a restart) once its last report grows old.
     */
    private void reportOutcome(Job job) {
        for (int attempt = 1; !tryReport(job); attempt++) {
            if (attempt == OUTCOME_ATTEMPTS) {
                log.error("Rebuild {}: could not record how it ended; other nodes will report it lost", job.id);
                return;
            }
            sleepThrough(REPORT_EVERY);
        }
    }

    /**
     * Applies what was stored while the rebuild replayed and wrote, with writes going on, in rounds: each round applies
     * the events up to the store's head as it began. It stops when what is left is few enough to apply with the writes
     * held ({@link #HOLD_WHEN_LEFT}), or when a round gained nothing on the writes (they store events faster than the
     * rebuild applies them, so that only holding them ends the rebuild). Reading on until a page came back empty, as
     * it once did, never ended under writes that never pause. The events left count in the rebuild's total.
     */
    private void catchUpWhileWritesGoOn(RebuildCursor cursor, List<ReadModelRebuild.Session> sessions, Job job) {
        Consumer<StoredEvent> apply = applying(sessions, job, ReadModelRebuild.Session::catchUp);
        long applied = job.done;
        int rounds = 0;
        long left = left(cursor, job);
        for (long before = Long.MAX_VALUE; left > HOLD_WHEN_LEFT && left < before; rounds++) {
            stopIfStopping();
            long head = reader.head();
            for (boolean more = true; more; ) {
                RebuildCursor.Page page = cursor.next(reader, PAGE);
                inOneTransaction(page.events(), apply);
                more = page.read() > 0 && cursor.last() < head;
            }
            before = left;
            left = left(cursor, job);
        }
        log.info(
                "Rebuild {}: caught up {} events in {} rounds while writes went on; {} left to apply with them held",
                job.id,
                job.done - applied,
                rounds,
                left);
    }

    /** How many events are stored after the cursor; counted in the rebuild's total, as still to apply. */
    private long left(RebuildCursor cursor, Job job) {
        long left = reader.countAfter(cursor.last());
        job.total = Math.max(job.total, job.done + left);
        return left;
    }

    /**
     * Applies every event stored after the cursor, and those of its gaps committed meanwhile: with the writes held,
     * until none is left.
     */
    private void catchUpWithWritesHeld(RebuildCursor cursor, List<ReadModelRebuild.Session> sessions, Job job) {
        Consumer<StoredEvent> apply = applying(sessions, job, ReadModelRebuild.Session::catchUp);
        for (boolean more = true; more; ) {
            RebuildCursor.Page page = cursor.next(reader, PAGE);
            inOneTransaction(page.events(), apply);
            more = page.read() > 0;
        }
        inOneTransaction(cursor.recheckAll(reader), apply);
    }

    /**
     * Applies events to the rebuilt tables in one transaction: a commit for a page, not for each statement (on
     * PostgreSQL each commit waits for the write-ahead log to reach the disk).
     */
    private void inOneTransaction(List<StoredEvent> events, Consumer<StoredEvent> apply) {
        if (!events.isEmpty()) {
            transactions.executeWithoutResult(status -> events.forEach(apply));
        }
    }

    /** Hands each event to every read model's session (folded in bulk, or applied while catching up), and counts it. */
    private static Consumer<StoredEvent> applying(
            List<ReadModelRebuild.Session> sessions, Job job, BiConsumer<ReadModelRebuild.Session, StoredEvent> step) {
        return event -> {
            sessions.forEach(session -> step.accept(session, event));
            job.done++;
        };
    }

    /**
     * Sleeps the whole time even if interrupted (then keeps the interrupt): the hold is for the other nodes' writes,
     * which a shutdown of this node does not stop.
     */
    private static void sleepThrough(Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        boolean interrupted = false;
        for (long left = duration.toNanos(); left > 0; left = end - System.nanoTime()) {
            try {
                Thread.sleep(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** How long each phase took, for the log and the job's progress. */
    private static final class Timings {
        private final Job job;
        private long last = System.nanoTime();
        private long doneBefore;

        Timings(Job job) {
            this.job = job;
        }

        void mark(String phase) {
            long now = System.nanoTime();
            long millis = (now - last) / 1_000_000;
            long done = job.done;
            job.phases.add(new RebuildProgress.PhaseTime(phase, millis, done - doneBefore));
            doneBefore = done;
            last = now;
        }

        @Override
        public String toString() {
            return job.phases.stream()
                    .map(phase -> phase.name() + " " + phase.millis() + " ms")
                    .collect(Collectors.joining(", "));
        }
    }

    private static final class Job {
        final String id;
        final Instant startedAt = Instant.now();
        volatile RebuildProgress.Status status = RebuildProgress.Status.RUNNING;
        volatile String phase = "Starting";
        volatile long done;
        volatile long total;
        volatile Instant finishedAt;
        volatile List<TableComparison> verification;
        final List<RebuildProgress.PhaseTime> phases = new CopyOnWriteArrayList<>();
        volatile String error;
        volatile ScheduledFuture<?> reporting;
        /** Finished and its outcome recorded for every node: what {@link #runNow} waits for. */
        volatile boolean settled;

        final boolean fresh;
        /** The read models built into fresh tables and switched live; empty when none had to be; null until told. */
        volatile List<String> replaced;

        Job(String id, boolean fresh) {
            this.id = id;
            this.fresh = fresh;
        }

        double rate() {
            Instant end = finishedAt == null ? Instant.now() : finishedAt;
            double seconds = Math.max(0.001, Duration.between(startedAt, end).toNanos() / 1e9);
            return done / seconds;
        }

        synchronized void finish(RebuildProgress.Status outcome, String failure) {
            finishedAt = Instant.now();
            error = failure;
            phase = outcome == RebuildProgress.Status.COMPLETED ? "Done" : "Failed";
            status = outcome;
        }

        synchronized void settle() {
            settled = true;
            notifyAll();
        }

        RebuildProgress progress() {
            double rate = rate();
            Long eta = eta(status, phase, done, total, rate);
            List<TableComparison> checked = verification;
            return new RebuildProgress(
                    id,
                    status,
                    phase,
                    done,
                    Math.max(total, done),
                    Math.round(rate * 10) / 10.0,
                    eta,
                    startedAt,
                    finishedAt,
                    checked == null ? null : checked.stream().allMatch(TableComparison::equal),
                    checked,
                    error,
                    List.copyOf(phases),
                    fresh,
                    replaced);
        }
    }

    /**
     * Seconds left while the events are replayed, at the rate so far; none after (writing, catching up, switching and
     * verifying take as long as they take, which the events replayed do not tell: the phase says which runs).
     */
    static Long eta(RebuildProgress.Status status, String phase, long done, long total, double rate) {
        return status == RebuildProgress.Status.RUNNING
                        && (REPLAYING.equals(phase) || REPLAYING_FRESH.equals(phase))
                        && rate > 0
                ? Math.max(0, Math.round((total - done) / rate))
                : null;
    }

    /**
     * Stops a rebuild that replays events at the next one ({@link #STOPPED}, recorded as its failure) and waits for it
     * to end, up to {@link #STOP_PATIENCE}, without interrupting its threads: an interrupt while H2 reads its file
     * closes the file, and the database with it. Only what still runs then (a rebuild writing its tables, or held at
     * its switch) is interrupted.
     */
    @Override
    public void destroy() {
        stopping = true;
        QuietStop.stop(STOP_PATIENCE, executor, verifier, reporter);
    }

    private void stopIfStopping() {
        if (stopping) {
            throw new IllegalStateException(STOPPED);
        }
    }
}
