package com.controlpanel.provisioning.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.eventstore.EventStoreReader;
import com.controlpanel.provisioning.eventstore.StoredEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;

/**
 * A rebuild reads the store while writes go on: a position it passed may commit later, and an event stored after it
 * may depend on it (a member created and acknowledged, then added to a team). The cursor hands the late one over
 * before the events read with it, in store order.
 */
class RebuildCursorTest {

    /** An event store whose rows become visible when the test says they committed. */
    private static final class Store extends EventStoreReader {
        private final TreeMap<Long, StoredEvent> committed = new TreeMap<>();

        Store() {
            super(null, null, null);
        }

        void commit(long position) {
            committed.put(
                    position,
                    new StoredEvent(
                            position,
                            null,
                            new GenericDomainEventMessage<>("Member", "m" + position, 0, "event " + position)));
        }

        @Override
        public int after(long position, int limit, Consumer<StoredEvent> consumer) {
            List<StoredEvent> rows = committed.tailMap(position, false).values().stream()
                    .limit(limit)
                    .toList();
            rows.forEach(consumer);
            return rows.size();
        }

        @Override
        public void at(Collection<Long> positions, Consumer<StoredEvent> consumer) {
            positions.stream()
                    .sorted()
                    .map(committed::get)
                    .filter(e -> e != null)
                    .forEach(consumer);
        }
    }

    private static List<Long> positions(List<StoredEvent> events) {
        return events.stream().map(StoredEvent::position).toList();
    }

    @Test
    void aPositionCommittedLateComesBeforeTheEventsReadWithIt() {
        Store store = new Store();
        RebuildCursor cursor = new RebuildCursor(Instant::now);
        store.commit(1);
        store.commit(2);
        store.commit(4); // 3 is a transaction still in flight
        RebuildCursor.Page first = cursor.next(store, 100);
        assertThat(positions(first.events())).containsExactly(1L, 2L, 4L);

        store.commit(3); // the member, acknowledged...
        store.commit(5); // ...then added to a team
        RebuildCursor.Page second = cursor.next(store, 100);
        assertThat(positions(second.events())).containsExactly(3L, 5L);
        assertThat(second.read()).isEqualTo(1);
        assertThat(cursor.last()).isEqualTo(5);
        assertThat(cursor.recheckAll(store)).isEmpty();
    }

    @Test
    void aPositionFollowedByAnEventOlderThanATransactionLastsIsLookedAtOnlyAtTheEnd() {
        Store store = new Store();
        Instant[] now = {Instant.now()};
        RebuildCursor cursor = new RebuildCursor(() -> now[0]);
        store.commit(1);
        store.commit(3); // 2 rolled back long ago, say
        now[0] = now[0].plus(RebuildCursor.IN_FLIGHT).plus(Duration.ofSeconds(1));
        assertThat(positions(cursor.next(store, 100).events())).containsExactly(1L, 3L);

        store.commit(2);
        store.commit(4);
        assertThat(positions(cursor.next(store, 100).events())).containsExactly(4L);
        assertThat(positions(cursor.recheckAll(store))).containsExactly(2L);
    }
}
