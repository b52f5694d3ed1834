package com.controlpanel.provisioning.eventstore;

import com.controlpanel.provisioning.domain.api.OrganizationId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads the event store directly, for the audit: one aggregate's history, one organization's events up to an
 * instant, or every event from a position on (rebuilds). Every event goes through the same upcaster chain and
 * serializer as Axon's own reads, so old revisions come back in their current shape.
 */
public class EventStoreReader {

    private static final String COLUMNS = "global_index, event_identifier, aggregate_identifier, sequence_number, "
            + "aggregate_type, time_stamp, payload_type, payload_revision, payload, meta_data";
    private static final int FETCH_SIZE = 1000;

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final EventUpcaster upcasters;

    public EventStoreReader(JdbcTemplate jdbc, Serializer serializer, EventUpcaster upcasters) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.upcasters = upcasters;
    }

    /** Every event of one aggregate, in order, ignoring snapshots. */
    public List<StoredEvent> aggregate(String aggregateIdentifier) {
        List<StoredEvent> events = new ArrayList<>();
        read(
                "SELECT " + COLUMNS + " FROM " + EventStoreSchema.EVENT_TABLE
                        + " WHERE aggregate_identifier = ? ORDER BY sequence_number",
                new Object[] {aggregateIdentifier},
                events::add);
        return events;
    }

    /**
     * One organization's events after a position (0: all) that happened at or before the instant, in the order they
     * were stored: what a state kept at that position lacks to be the state as of the instant.
     */
    public void organizationBetween(
            OrganizationId organizationId, long afterPosition, Instant at, Consumer<StoredEvent> consumer) {
        read(
                "SELECT " + COLUMNS + " FROM " + EventStoreSchema.EVENT_TABLE
                        + " WHERE organization_id = ? AND global_index > ? AND time_stamp <= ? ORDER BY global_index",
                new Object[] {organizationId.value(), afterPosition, DateTimeUtils.formatInstant(at)},
                consumer);
    }

    /**
     * One organization's events after a position up to another, both in store order, whenever they happened; read
     * {@value #FETCH_SIZE} at a time (H2 gathers a query's whole result before it hands over its first row), so that a
     * consumer that stops, by throwing, has the store read no further than the page it stopped in.
     */
    public void organizationRange(
            OrganizationId organizationId, long afterPosition, long upToPosition, Consumer<StoredEvent> consumer) {
        for (Read page = new Read(FETCH_SIZE, afterPosition); page.rows() == FETCH_SIZE; ) {
            page = read(
                    "SELECT " + COLUMNS + " FROM " + EventStoreSchema.EVENT_TABLE
                            + " WHERE organization_id = ? AND global_index > ? AND global_index <= ?"
                            + " ORDER BY global_index LIMIT " + FETCH_SIZE,
                    new Object[] {organizationId.value(), page.last(), upToPosition},
                    consumer);
        }
    }

    /**
     * Every organization with an event stored at or before a position, read from the organization index one
     * organization at a time (two short lookups each) rather than by reading every event: what a first look at a
     * large store needs.
     */
    public List<OrganizationId> organizationsUpTo(long position) {
        List<OrganizationId> found = new ArrayList<>();
        String after = "";
        while (true) {
            List<String> next = jdbc.queryForList(
                    "SELECT organization_id FROM " + EventStoreSchema.EVENT_TABLE
                            + " WHERE organization_id > ? ORDER BY organization_id LIMIT 1",
                    String.class,
                    after);
            if (next.isEmpty()) {
                return found;
            }
            after = next.get(0);
            List<Long> first = jdbc.queryForList(
                    "SELECT global_index FROM " + EventStoreSchema.EVENT_TABLE
                            + " WHERE organization_id = ? ORDER BY global_index LIMIT 1",
                    Long.class,
                    after);
            if (!first.isEmpty() && first.get(0) <= position) {
                found.add(new OrganizationId(after));
            }
        }
    }

    /** How many events of the organization the store holds up to a position (read from the organization index). */
    public long countOrganizationUpTo(OrganizationId organizationId, long upToPosition) {
        Long count = jdbc.queryForObject(
                "SELECT COUNT(*) FROM " + EventStoreSchema.EVENT_TABLE
                        + " WHERE organization_id = ? AND global_index <= ?",
                Long.class,
                organizationId.value(),
                upToPosition);
        return count == null ? 0 : count;
    }

    /** Up to {@code limit} events after a position, in order; returns how many rows were read. */
    public int after(long position, int limit, Consumer<StoredEvent> consumer) {
        return read(
                        "SELECT " + COLUMNS + " FROM " + EventStoreSchema.EVENT_TABLE
                                + " WHERE global_index > ? ORDER BY global_index LIMIT ?",
                        new Object[] {position, limit},
                        consumer)
                .rows();
    }

    /** The events at these positions (those that exist), in order. */
    public void at(Collection<Long> positions, Consumer<StoredEvent> consumer) {
        List<Long> sorted = new ArrayList<>(positions);
        Collections.sort(sorted);
        for (int from = 0; from < sorted.size(); from += 500) {
            List<Long> chunk = sorted.subList(from, Math.min(sorted.size(), from + 500));
            read(
                    "SELECT " + COLUMNS + " FROM " + EventStoreSchema.EVENT_TABLE + " WHERE global_index IN ("
                            + String.join(",", Collections.nCopies(chunk.size(), "?")) + ") ORDER BY global_index",
                    chunk.toArray(),
                    consumer);
        }
    }

    /** The highest position in the store, 0 when empty. */
    public long head() {
        Long head = jdbc.queryForObject("SELECT MAX(global_index) FROM " + EventStoreSchema.EVENT_TABLE, Long.class);
        return head == null ? 0 : head;
    }

    /** How many events are stored after a position. */
    public long countAfter(long position) {
        Long count = jdbc.queryForObject(
                "SELECT COUNT(*) FROM " + EventStoreSchema.EVENT_TABLE + " WHERE global_index > ?",
                Long.class,
                position);
        return count == null ? 0 : count;
    }

    public long count() {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM " + EventStoreSchema.EVENT_TABLE, Long.class);
        return count == null ? 0 : count;
    }

    /** What a query read: how many rows, and the position of the last (-1: none). */
    private record Read(int rows, long last) {}

    private Read read(String sql, Object[] args, Consumer<StoredEvent> consumer) {
        List<TrackedDomainEventData<byte[]>> page = new ArrayList<>(FETCH_SIZE);
        Map<Long, String> revisions = new HashMap<>();
        int[] rows = {0};
        long[] last = {-1};
        jdbc.query(
                connection -> {
                    var statement = connection.prepareStatement(sql);
                    statement.setFetchSize(FETCH_SIZE);
                    for (int i = 0; i < args.length; i++) {
                        statement.setObject(i + 1, args[i]);
                    }
                    return statement;
                },
                (ResultSet rs) -> {
                    TrackedDomainEventData<byte[]> row = row(rs, revisions);
                    page.add(row);
                    rows[0]++;
                    last[0] = ((GlobalSequenceTrackingToken) row.trackingToken()).getGlobalIndex();
                    if (page.size() == FETCH_SIZE) {
                        emit(page, revisions, consumer);
                    }
                });
        emit(page, revisions, consumer);
        return new Read(rows[0], last[0]);
    }

    private void emit(
            List<TrackedDomainEventData<byte[]>> page, Map<Long, String> revisions, Consumer<StoredEvent> consumer) {
        if (page.isEmpty()) {
            return;
        }
        EventUtils.upcastAndDeserializeTrackedEvents(page.stream(), serializer, upcasters)
                .forEach(message -> {
                    long position = ((GlobalSequenceTrackingToken) message.trackingToken()).getGlobalIndex();
                    consumer.accept(new StoredEvent(position, revisions.get(position), domain(message)));
                });
        page.clear();
        revisions.clear();
    }

    private static DomainEventMessage<?> domain(TrackedEventMessage<?> message) {
        return (DomainEventMessage<?>) message;
    }

    private static TrackedDomainEventData<byte[]> row(ResultSet rs, Map<Long, String> revisions) throws SQLException {
        // by index, in the order of COLUMNS: H2 looks a name up in a map of upper-cased names for every value
        long position = rs.getLong(1);
        String revision = rs.getString(8);
        revisions.put(position, revision);
        DomainEventData<byte[]> data = new Row(
                rs.getString(5),
                rs.getString(3),
                rs.getLong(4),
                rs.getString(2),
                rs.getString(6),
                rs.getString(7),
                revision,
                rs.getBytes(9),
                rs.getBytes(10));
        return new TrackedDomainEventData<>(new GlobalSequenceTrackingToken(position), data);
    }

    /** A stored event as Axon's own entry holds it, its time read by {@link StoreTime}. */
    private static final class Row extends GenericDomainEventEntry<byte[]> {
        private final String timestamp;

        Row(
                String type,
                String aggregateIdentifier,
                long sequenceNumber,
                String eventIdentifier,
                String timestamp,
                String payloadType,
                String payloadRevision,
                byte[] payload,
                byte[] metaData) {
            super(
                    type,
                    aggregateIdentifier,
                    sequenceNumber,
                    eventIdentifier,
                    timestamp,
                    payloadType,
                    payloadRevision,
                    payload,
                    metaData);
            this.timestamp = timestamp;
        }

        @Override
        public Instant getTimestamp() {
            return StoreTime.parse(timestamp);
        }
    }
}
