package com.controlpanel.provisioning.rebuild;

import com.controlpanel.provisioning.eventstore.EventStoreReader;
import com.controlpanel.provisioning.eventstore.StoredEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Where a rebuild's reading of the event store stands, and the positions it passed whose transactions had not
 * committed yet (gaps: a position is taken when a transaction appends, visible when it commits).
 *
 * <p>Each page hands over the new events together with the gaps committed meanwhile, in store order. An event read
 * now may depend on a gap that committed just before it (a member created, acknowledged, then added to a team: the
 * member's position lower, its commit late); applied after the event, as the rebuild once did, the membership of an
 * unknown member was dropped. Store order is always safe: an event can not depend on one stored after it, whose
 * transaction had not even appended when it read its state. A gap is looked at again on every page while the event
 * read after it is less than a minute old (no transaction stays open that long: older gaps were rolled back, and a
 * store's history may hold many); the end of each phase looks at all of them once more.
 */
final class RebuildCursor {

    /** How long a passed position may still be a transaction in flight. */
    static final Duration IN_FLIGHT = Duration.ofMinutes(1);

    /** What one page gave: the events to apply, in store order, and how many rows the page read after the cursor. */
    record Page(List<StoredEvent> events, int read) {}

    private final Supplier<Instant> clock;
    /** Each gap, with the time of the event read after it. */
    private final TreeMap<Long, Instant> gaps = new TreeMap<>();

    private long last;

    RebuildCursor() {
        this(Instant::now);
    }

    RebuildCursor(Supplier<Instant> clock) {
        this.clock = clock;
    }

    /** The highest position read. */
    long last() {
        return last;
    }

    /** Up to {@code limit} events after the cursor, with the recently passed gaps committed meanwhile, in store order. */
    Page next(EventStoreReader reader, int limit) {
        List<StoredEvent> events = new ArrayList<>();
        int read = reader.after(last, limit, event -> {
            for (long skipped = last + 1; skipped < event.position(); skipped++) {
                gaps.put(skipped, event.timestamp());
            }
            last = Math.max(last, event.position());
            events.add(event);
        });
        Instant inFlightSince = clock.get().minus(IN_FLIGHT);
        List<Long> recent = new ArrayList<>();
        gaps.forEach((position, followedAt) -> {
            if (followedAt.isAfter(inFlightSince)) {
                recent.add(position);
            }
        });
        if (!recent.isEmpty()) {
            reader.at(recent, event -> {
                gaps.remove(event.position());
                events.add(event);
            });
            events.sort(Comparator.comparingLong(StoredEvent::position));
        }
        return new Page(events, read);
    }

    /** Every gap committed meanwhile, also those passed long ago, in store order; rolled back ones stay gaps. */
    List<StoredEvent> recheckAll(EventStoreReader reader) {
        List<StoredEvent> events = new ArrayList<>();
        if (!gaps.isEmpty()) {
            reader.at(new ArrayList<>(gaps.keySet()), event -> {
                gaps.remove(event.position());
                events.add(event);
            });
        }
        return events;
    }
}
