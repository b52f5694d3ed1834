package com.controlpanel.provisioning.activity;

import com.controlpanel.provisioning.eventstore.StoredEvent;
import com.controlpanel.provisioning.rebuild.ReadModelRebuild;
import com.controlpanel.provisioning.rebuild.RowSink;
import com.controlpanel.provisioning.rebuild.SecondaryIndexes;
import com.controlpanel.provisioning.rebuild.TablePair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Rebuilds Activity > Actions into its standby slot with the same {@link ActivityDescriber} the live projection
 * uses, in batches; switches once the live processor has caught up with the head, so the processor carries on into
 * the new slot where the rebuild stopped.
 */
@Component
public class ActivityRebuild implements ReadModelRebuild {

    private static final int BATCH = 1000;
    private static final Duration STALL_PATIENCE = Duration.ofSeconds(60);

    private final ActivitySlots slots;
    private final JdbcTemplate jdbc;
    private final SecondaryIndexes indexes;
    private final ActivityProgress progress;
    private final Supplier<Optional<String>> failure;
    private final Duration stallPatience;

    @Autowired
    public ActivityRebuild(
            ActivitySlots slots,
            JdbcTemplate jdbc,
            DataSource dataSource,
            Serializer serializer,
            ActivityFailures failures) {
        this(slots, jdbc, dataSource, serializer, () -> failures.recent(STALL_PATIENCE), STALL_PATIENCE);
    }

    /**
     * @param failure the live processor's last error, if it reports one
     * @param stallPatience how long the live processor's tokens may stand still before a rebuild waiting for it fails
     */
    ActivityRebuild(
            ActivitySlots slots,
            JdbcTemplate jdbc,
            DataSource dataSource,
            Serializer serializer,
            Supplier<Optional<String>> failure,
            Duration stallPatience) {
        this.slots = slots;
        this.jdbc = jdbc;
        this.indexes = new SecondaryIndexes(dataSource);
        this.progress = new ActivityProgress(jdbc, serializer);
        this.failure = failure;
        this.stallPatience = stallPatience;
    }

    @Override
    public String name() {
        return ActivityProjection.PROCESSING_GROUP;
    }

    @Override
    public Session begin() {
        ActivityStore target = slots.standbyStore();
        target.truncate();
        ActivityTables live = slots.live();
        SecondaryIndexes.Dropped dropped = indexes.drop(List.of(
                new SecondaryIndexes.Standby(target.tables().activity(), live.activity()),
                new SecondaryIndexes.Standby(target.tables().subject(), live.subject()),
                new SecondaryIndexes.Standby(target.tables().former(), live.former())));
        return new ActivitySession(target, dropped);
    }

    @Override
    public Check check(RowSink expected) {
        ActivityTables live = slots.live();
        SubjectNames.InMemory names = new SubjectNames.InMemory();
        List<Object[]> pending = new ArrayList<>(BATCH);
        return new Check() {
            @Override
            public void fold(StoredEvent event) {
                if (event.isOrganizationEvent()) {
                    pending.add(ActivityStore.values(describe(event, names)));
                    if (pending.size() >= BATCH) {
                        give();
                    }
                }
            }

            private void give() {
                expected.rows(live.activity(), ActivityStore.COLUMNS, pending);
                pending.clear();
            }

            @Override
            public void finish() {
                give();
                ActivityStore.subjectRows(
                        names.all(), rows -> expected.rows(live.subject(), ActivityStore.SUBJECT_COLUMNS, rows));
                ActivityStore.inBatches(
                        names.formerNames(), rows -> expected.rows(live.former(), ActivityStore.FORMER_COLUMNS, rows));
            }

            @Override
            public void awaitLive(long head, Duration patience) {
                awaitLiveProcessor(head, patience);
            }

            @Override
            public List<TablePair> tables() {
                return pairs(live, slots.standbyStore().tables());
            }
        };
    }

    /**
     * Waits for the live processor; gives up early, with the reason, when its tokens have not moved for
     * {@code stallPatience}: a processor failing on an event retries it for ever (a skipped event would be a hole
     * in the audit trail), and the rebuild would otherwise wait out its whole patience saying nothing.
     */
    private void awaitLiveProcessor(long head, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        List<TrackingToken> seen = null;
        long movedAt = System.nanoTime();
        while (true) {
            List<TrackingToken> tokens = progress.tokens();
            if (caughtUp(tokens, head)) {
                return;
            }
            long now = System.nanoTime();
            if (!tokens.equals(seen)) {
                seen = tokens;
                movedAt = now;
            } else if (now - movedAt > stallPatience.toNanos()) {
                throw new IllegalStateException("Activity > Actions has not moved for " + stallPatience.toSeconds()
                        + " s, short of position " + head + " ("
                        + failure.get()
                                .map(error -> "its processor fails on an event: " + error)
                                .orElse("its processor is stopped or failing on an event")
                        + "). Nothing was switched: see the log, fix the cause, then rebuild again");
            }
            if (now > deadline) {
                throw new IllegalStateException("The activity processor did not reach position " + head + " within "
                        + patience.toSeconds() + " s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * Whether every segment of the live activity processor has passed the head and left no stored event behind in
     * a gap (an event whose transaction committed late, which the processor has yet to pick up).
     */
    private boolean caughtUp(List<TrackingToken> tokens, long head) {
        if (tokens.isEmpty()) {
            return head == 0;
        }
        for (TrackingToken token : tokens) {
            OptionalLong position = token == null ? OptionalLong.empty() : token.position();
            if (position.orElse(-1L) < head) {
                return false;
            }
            var gaps = WrappedToken.unwrap(token, GapAwareTrackingToken.class)
                    .map(GapAwareTrackingToken::getGaps)
                    .orElse(java.util.Collections.emptySortedSet());
            if (!gaps.isEmpty() && storedAmong(gaps)) {
                return false;
            }
        }
        return true;
    }

    private boolean storedAmong(java.util.Collection<Long> positions) {
        List<Long> list = List.copyOf(positions);
        for (int from = 0; from < list.size(); from += 500) {
            List<Long> chunk = list.subList(from, Math.min(list.size(), from + 500));
            Integer found = jdbc.queryForObject(
                    "SELECT COUNT(*) FROM domain_event_entry WHERE global_index IN ("
                            + String.join(",", java.util.Collections.nCopies(chunk.size(), "?")) + ")",
                    Integer.class,
                    chunk.toArray());
            if (found != null && found > 0) {
                return true;
            }
        }
        return false;
    }

    private List<TablePair> pairs(ActivityTables live, ActivityTables rebuilt) {
        return List.of(
                new TablePair(name(), live.activity(), rebuilt.activity(), List.of("position")),
                new TablePair(name(), live.subject(), rebuilt.subject(), List.of("subject_id")),
                new TablePair(name(), live.former(), rebuilt.former(), List.of("subject_id", "name")));
    }

    private static ActivityRow describe(StoredEvent event, SubjectNames names) {
        return ActivityDescriber.describe(
                ActivityProjection.input(event.event(), event.message(), event.position()), names);
    }

    private final class ActivitySession implements Session {
        private final ActivityStore target;
        private final SecondaryIndexes.Dropped droppedIndexes;
        private final SubjectNames.InMemory folded = new SubjectNames.InMemory();
        /**
         * In memory while the bulk is folded; then written out with it, and the standby's own table from there on:
         * what the catch-up renames is written as it goes, so the switch, with writes held, has no names to write.
         */
        private SubjectNames names = folded;

        private final List<ActivityRow> pending = new ArrayList<>(BATCH);
        private boolean indexed;

        ActivitySession(ActivityStore target, SecondaryIndexes.Dropped droppedIndexes) {
            this.target = target;
            this.droppedIndexes = droppedIndexes;
        }

        @Override
        public void fold(StoredEvent event) {
            if (event.isOrganizationEvent()) {
                pending.add(describe(event));
                if (pending.size() >= BATCH) {
                    write();
                }
            }
        }

        @Override
        public void flush() {
            write();
            if (names == folded) {
                target.writeSubjects(folded.all());
                target.writeFormerNames(folded.formerNames());
                names = target;
            }
            if (!indexed) {
                indexes.create(droppedIndexes);
                indexed = true;
            }
        }

        private void write() {
            target.insertAll(pending);
            pending.clear();
        }

        @Override
        public void catchUp(StoredEvent event) {
            if (event.isOrganizationEvent()) {
                target.insert(describe(event));
            }
        }

        private ActivityRow describe(StoredEvent event) {
            return ActivityRebuild.describe(event, names);
        }

        @Override
        public void finish() {
            flush();
        }

        @Override
        public void awaitLive(long head, Duration patience) {
            awaitLiveProcessor(head, patience);
        }

        @Override
        public List<TablePair> comparisons() {
            return pairs(slots.live(), target.tables());
        }

        @Override
        public void switchLive() {
            slots.switchTo(target.tables());
        }
    }
}
