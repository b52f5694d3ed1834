package com.controlpanel.provisioning.directory;

import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.eventstore.EventStoreReader;
import com.controlpanel.provisioning.eventstore.EventStoreSchema;
import com.controlpanel.provisioning.eventstore.StoredEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.axonframework.common.DateTimeUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An organization's directory folded from its events and kept at intervals of its history, so that the state as of
 * an instant ({@link DirectoryAsOf}) starts from the nearest kept state and replays only the events after it, instead
 * of the whole history.
 *
 * <p>A kept state at position {@code P} is the fold of <em>every</em> event of the organization stored at or before
 * {@code P}; it serves an instant {@code T} only if all those events happened at or before {@code T} (column
 * {@code covers_until}). Then the state as of {@code T} is that fold plus the events after {@code P} that happened at
 * or before {@code T}, in store order: exactly what folding the whole history gives. Two things could make a kept
 * state wrong, and both are checked:
 *
 * <ul>
 *   <li>An event stored at or before {@code P} that was not yet committed when the state was kept (a slow
 *       transaction). States are kept only up to events that happened at least {@code settle} ago, and each records
 *       how many events of the organization the store held up to {@code P}; a state whose count no longer matches is
 *       discarded when read, never used.
 *   <li>A change in how events fold ({@link DirectoryEvolver}, the rows, their JSON): {@link #FORMAT} is stored with
 *       each state, and states of another format are ignored. A rebuild that replaces a read model also discards
 *       every kept state; one that finds the read models as the events make them keeps them.
 * </ul>
 *
 * <p>This is a cache of the event store, not a read model of its own: emptying the table loses nothing, and a round
 * of {@link #keep()} writes it again. How a state is stored: {@link DirectoryStateCodec}.
 */
public class DirectoryCheckpoints {

    /** Bump when what a kept state holds, or how events fold into it, changes: kept states of another format are ignored. */
    static final int FORMAT = 5;

    private static final Logger log = LoggerFactory.getLogger(DirectoryCheckpoints.class);
    private static final String TABLE = "state_checkpoint";

    /**
     * A kept state: the fold of the organization's {@code storedEvents} events stored up to {@code position}, the
     * latest of which happened at {@code coversUntil}; {@code eventsApplied} of them changed the directory.
     */
    record Checkpoint(long position, Instant coversUntil, long storedEvents, long eventsApplied) {}

    private final JdbcTemplate jdbc;
    private final EventStoreReader reader;
    private final int every;
    private final Duration settle;
    private final Clock clock;

    /** Organizations with events since they were last looked at, and the store position looked at up to. */
    private final Set<OrganizationId> candidates = new LinkedHashSet<>();

    private long scannedUpTo;

    /**
     * @param every how many events of an organization between two kept states
     * @param settle how long ago an event must have happened before a kept state includes it
     */
    public DirectoryCheckpoints(JdbcTemplate jdbc, EventStoreReader reader, int every, Duration settle, Clock clock) {
        if (every < 1) {
            throw new IllegalArgumentException("every must be at least 1, was " + every);
        }
        this.jdbc = jdbc;
        this.reader = reader;
        this.every = every;
        this.settle = settle;
        this.clock = clock;
    }

    // ---------------------------------------------------------------- reading

    /**
     * The latest kept state that serves the instant and still matches the store, if any (without reading it: see
     * {@link #load}).
     */
    Optional<Checkpoint> nearest(OrganizationId organizationId, Instant at) {
        return latestValid(organizationId, DateTimeUtils.formatInstant(at));
    }

    /** The latest kept state of the current format still matching the store, of those covering up to an instant. */
    private Optional<Checkpoint> latestValid(OrganizationId organizationId, String coveringAtMost) {
        List<Object> args = new ArrayList<>(List.of(organizationId.value(), FORMAT));
        if (coveringAtMost != null) {
            args.add(coveringAtMost);
        }
        while (true) {
            List<Checkpoint> latest = jdbc.query(
                    "SELECT position, covers_until, stored_events, events_applied FROM " + TABLE
                            + " WHERE organization_id = ? AND format = ?"
                            + (coveringAtMost == null ? "" : " AND covers_until <= ?")
                            + " ORDER BY position DESC LIMIT 1",
                    (rs, n) -> new Checkpoint(
                            rs.getLong(1), DateTimeUtils.parseInstant(rs.getString(2)), rs.getLong(3), rs.getLong(4)),
                    args.toArray());
            if (latest.isEmpty() || stillValid(organizationId, latest.get(0))) {
                return latest.stream().findFirst();
            }
        }
    }

    /** The kept state itself; empty if it was discarded meanwhile or can not be read (then it is discarded). */
    Optional<InMemoryDirectoryStore> load(OrganizationId organizationId, Checkpoint checkpoint) {
        long position = checkpoint.position();
        List<byte[]> state = jdbc.query(
                "SELECT state FROM " + TABLE + " WHERE organization_id = ? AND position = ?",
                (rs, n) -> rs.getBytes(1),
                organizationId.value(),
                position);
        if (state.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(DirectoryStateCodec.decode(state.get(0)));
        } catch (RuntimeException unreadable) {
            log.warn(
                    "Discarding the state of organization {} kept at position {}: it can not be read",
                    organizationId.value(),
                    position,
                    unreadable);
            delete(organizationId, position);
            return Optional.empty();
        }
    }

    /** Whether the store still holds exactly the events the state was folded from; discards it if not. */
    private boolean stillValid(OrganizationId organizationId, Checkpoint kept) {
        long stored = reader.countOrganizationUpTo(organizationId, kept.position());
        if (stored == kept.storedEvents()) {
            return true;
        }
        log.warn(
                "Discarding the state of organization {} kept at position {}: folded from {} events, the store now"
                        + " holds {} up to there (an event committed after the state was kept)",
                organizationId.value(),
                kept.position(),
                kept.storedEvents(),
                stored);
        delete(organizationId, kept.position());
        return false;
    }

    private void delete(OrganizationId organizationId, long position) {
        jdbc.update(
                "DELETE FROM " + TABLE + " WHERE organization_id = ? AND position = ?",
                organizationId.value(),
                position);
    }

    // ---------------------------------------------------------------- keeping

    /** How many events a round folds between two looks at whether it should give way. */
    private static final int LOOK_EVERY = 1000;

    /**
     * One round: for every organization whose settled history grew by {@code every} events since its last kept state,
     * folds on from that state and keeps one state every {@code every} events. Returns how many states it kept.
     */
    public int keep() {
        return keep(() -> false);
    }

    /**
     * One round as {@link #keep()}, that gives way when {@code giveWay} says so: it starts nothing then, and a fold
     * under way stops within {@value #LOOK_EVERY} events, keeping the states kept before it (the next round folds on
     * from the last of them). A rebuild is what it gives way to: the operator waits for it, on the same cores, and
     * these states are only a cache.
     */
    public synchronized int keep(BooleanSupplier giveWay) {
        if (giveWay.getAsBoolean()) {
            return 0;
        }
        long head = reader.head();
        if (scannedUpTo == 0 && head > 0) {
            // the first look (after a start, or once the states were discarded): from the organization index, not by
            // reading every event stored
            candidates.addAll(reader.organizationsUpTo(head));
            scannedUpTo = head;
        } else if (head > scannedUpTo) {
            jdbc.queryForList(
                            "SELECT DISTINCT organization_id FROM " + EventStoreSchema.EVENT_TABLE
                                    + " WHERE global_index > ? AND global_index <= ? AND organization_id IS NOT NULL",
                            String.class,
                            scannedUpTo,
                            head)
                    .forEach(id -> candidates.add(new OrganizationId(id)));
            scannedUpTo = head;
        }
        int kept = 0;
        for (Iterator<OrganizationId> it = candidates.iterator(); it.hasNext() && !giveWay.getAsBoolean(); ) {
            OrganizationId organizationId = it.next();
            try {
                Round round = keep(organizationId, giveWay);
                kept += round.kept();
                if (round.gaveWay()) {
                    log.info(
                            "Keeping the states of organization {} gave way (a rebuild runs, or the service stops);"
                                    + " the next round goes on",
                            organizationId.value());
                    break;
                }
                if (round.done()) {
                    it.remove();
                }
            } catch (RuntimeException e) {
                // the state as of an instant folds from an earlier kept state, or from the start, meanwhile
                log.warn(
                        "Could not keep the state of organization {}; the next round tries again",
                        organizationId.value(),
                        e);
            }
        }
        return kept;
    }

    /** Forgets every kept state (a rebuild does: the fold may have changed); the next rounds keep them again. */
    public synchronized void discardAll() {
        jdbc.update("DELETE FROM " + TABLE);
        candidates.clear();
        scannedUpTo = 0;
    }

    /**
     * {@code done}: nothing left to keep until the organization has new events; {@code gaveWay}: the fold stopped
     * before its end.
     */
    private record Round(int kept, boolean done, boolean gaveWay) {
        Round(int kept, boolean done) {
            this(kept, done, false);
        }
    }

    /** Thrown out of the store's reading to stop a fold that gives way. */
    private static final class GaveWay extends RuntimeException {
        GaveWay() {
            super(null, null, false, false);
        }
    }

    private Round keep(OrganizationId organizationId, BooleanSupplier giveWay) {
        jdbc.update(
                "DELETE FROM " + TABLE + " WHERE organization_id = ? AND format <> ?", organizationId.value(), FORMAT);
        String settledBefore = DateTimeUtils.formatInstant(clock.instant().minus(settle));
        Optional<Checkpoint> last = latestValid(organizationId, null);
        long from = last.map(Checkpoint::position).orElse(0L);
        Long firstUnsettled = jdbc.queryForObject(
                "SELECT MIN(global_index) FROM " + EventStoreSchema.EVENT_TABLE
                        + " WHERE organization_id = ? AND global_index > ? AND time_stamp > ?",
                Long.class,
                organizationId.value(),
                from,
                settledBefore);
        Long upTo = firstUnsettled != null
                ? Long.valueOf(firstUnsettled - 1)
                : jdbc.queryForObject(
                        "SELECT MAX(global_index) FROM " + EventStoreSchema.EVENT_TABLE + " WHERE organization_id = ?",
                        Long.class,
                        organizationId.value());
        boolean done = firstUnsettled == null;
        if (giveWay.getAsBoolean()) {
            return new Round(0, false, true);
        }
        if (upTo == null || upTo <= from) {
            return new Round(0, done);
        }
        long storedBefore = last.map(Checkpoint::storedEvents).orElse(0L);
        if (reader.countOrganizationUpTo(organizationId, upTo) - storedBefore < every) {
            return new Round(0, done);
        }

        long started = System.nanoTime();
        Optional<InMemoryDirectoryStore> loaded =
                last.isPresent() ? load(organizationId, last.get()) : Optional.of(InMemoryDirectoryStore.shownOnly());
        if (loaded.isEmpty()) {
            return new Round(0, false); // discarded meanwhile: the next round starts over
        }
        Folding folding = new Folding(organizationId, loaded.get(), last, giveWay);
        try {
            reader.organizationRange(organizationId, from, upTo, folding::fold);
        } catch (GaveWay stopped) {
            logKept(organizationId, folding, storedBefore, started);
            return new Round(folding.kept, false, true);
        }
        logKept(organizationId, folding, storedBefore, started);
        return new Round(folding.kept, done);
    }

    /** A fold of one organization's events on from its last kept state, keeping a state every {@code every}. */
    private final class Folding {
        private final OrganizationId organizationId;
        private final InMemoryDirectoryStore store;
        private final BooleanSupplier giveWay;
        private long stored;
        private long sinceKept;
        private long applied;
        private Instant coversUntil;
        private int kept;
        private long lastKept;

        Folding(
                OrganizationId organizationId,
                InMemoryDirectoryStore store,
                Optional<Checkpoint> last,
                BooleanSupplier giveWay) {
            this.organizationId = organizationId;
            this.store = store;
            this.giveWay = giveWay;
            this.stored = last.map(Checkpoint::storedEvents).orElse(0L);
            this.applied = last.map(Checkpoint::eventsApplied).orElse(0L);
            this.coversUntil = last.map(Checkpoint::coversUntil).orElse(Instant.EPOCH);
        }

        void fold(StoredEvent event) {
            if (stored % LOOK_EVERY == 0 && giveWay.getAsBoolean()) {
                throw new GaveWay();
            }
            stored++;
            sinceKept++;
            if (event.isOrganizationEvent()) {
                DirectoryEvolver.apply(
                        event.event(),
                        new EventContext(event.timestamp(), event.message().getSequenceNumber()),
                        store);
                applied++;
            }
            if (event.timestamp().isAfter(coversUntil)) {
                coversUntil = event.timestamp();
            }
            if (sinceKept >= every) {
                if (giveWay.getAsBoolean()) {
                    throw new GaveWay();
                }
                if (write(organizationId, new Checkpoint(event.position(), coversUntil, stored, applied), store)) {
                    kept++;
                    lastKept = event.position();
                }
                sinceKept = 0;
            }
        }
    }

    private static void logKept(OrganizationId organizationId, Folding folding, long storedBefore, long started) {
        if (folding.kept > 0) {
            log.info(
                    "Kept {} state(s) of organization {}, the last at position {} ({} events folded in {} ms)",
                    folding.kept,
                    organizationId.value(),
                    folding.lastKept,
                    folding.stored - storedBefore,
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    private boolean write(OrganizationId organizationId, Checkpoint kept, InMemoryDirectoryStore store) {
        byte[] state = DirectoryStateCodec.encode(store);
        try {
            jdbc.update(
                    "INSERT INTO " + TABLE + " (organization_id, position, covers_until, stored_events, events_applied,"
                            + " format, state) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    organizationId.value(),
                    kept.position(),
                    DateTimeUtils.formatInstant(kept.coversUntil()),
                    kept.storedEvents(),
                    kept.eventsApplied(),
                    FORMAT,
                    state);
            log.debug(
                    "Kept the state of organization {} at position {} ({} events, {} KB deflated)",
                    organizationId.value(),
                    kept.position(),
                    kept.storedEvents(),
                    state.length / 1024);
            return true;
        } catch (DuplicateKeyException keptByAnotherNode) {
            return false;
        }
    }
}
