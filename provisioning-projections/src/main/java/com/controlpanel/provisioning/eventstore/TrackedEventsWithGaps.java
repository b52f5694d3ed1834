package com.controlpanel.provisioning.eventstore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.ReadEventDataWithGapsStatementBuilder;

/**
 * The query a tracking processor runs for the next batch when its token has gaps (positions taken by transactions that
 * had not committed yet). Under concurrent writes that is nearly every query.
 *
 * <p>Axon's own form, {@code (global_index > ? AND global_index <= ?) OR global_index IN (…)}, has no single range
 * on the index: H2 answers it by reading the whole event table, on every poll, so its cost grows with the history.
 * Here the same rows are asked for inside the range from the lowest gap to the end of the batch, which both H2 and
 * PostgreSQL answer from the primary key. The gap list is padded (with its own first value) to a power of two so that
 * a handful of statement texts covers every gap count and each is parsed once per connection.
 */
public final class TrackedEventsWithGaps implements ReadEventDataWithGapsStatementBuilder {

    @Override
    public PreparedStatement build(
            Connection connection, EventSchema schema, long globalIndex, int batchSize, List<Long> gaps)
            throws SQLException {
        int slots = gaps.size() == 1 ? 1 : Integer.highestOneBit(gaps.size() - 1) << 1;
        String index = schema.globalIndexColumn();
        String sql = "SELECT " + schema.trackedEventFields() + " FROM " + schema.domainEventTable()
                + " WHERE " + index + " >= ? AND " + index + " <= ? AND (" + index + " > ? OR " + index + " IN ("
                + String.join(",", Collections.nCopies(slots, "?")) + ")) ORDER BY " + index + " ASC";
        PreparedStatement statement = connection.prepareStatement(sql);
        long lowestGap = Collections.min(gaps);
        statement.setLong(1, Math.min(lowestGap, globalIndex + 1));
        statement.setLong(2, globalIndex + batchSize);
        statement.setLong(3, globalIndex);
        for (int i = 0; i < slots; i++) {
            statement.setLong(4 + i, i < gaps.size() ? gaps.get(i) : gaps.get(0));
        }
        return statement;
    }
}
