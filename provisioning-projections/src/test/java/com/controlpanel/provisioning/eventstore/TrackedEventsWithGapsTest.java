package com.controlpanel.provisioning.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.testing.QueryPlans;
import com.controlpanel.provisioning.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.JdbcEventStorageEngineStatements;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.ReadEventDataWithGapsStatementBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TrackedEventsWithGapsTest {

    private static final int EVENTS = 5_000;
    /** Positions never written: transactions that took a position and rolled back. */
    private static final List<Long> MISSING = List.of(4_000L, 4_990L, 4_995L);

    private DataSource dataSource;

    @BeforeEach
    void events() throws SQLException {
        dataSource = TestDatabase.migrated();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO domain_event_entry (global_index, event_identifier, aggregate_identifier,"
                                + " sequence_number, aggregate_type, time_stamp, payload_type, payload)"
                                + " VALUES (?, ?, ?, 0, 'Member', '2026-01-01T00:00:00Z', 'MemberCreated', X'7B7D')")) {
            for (long position = 1; position <= EVENTS; position++) {
                if (MISSING.contains(position)) {
                    continue;
                }
                insert.setLong(1, position);
                insert.setString(2, "event-" + position);
                insert.setString(3, "member-" + position);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    @Test
    void readsTheBatchAfterTheTokenAndTheGapsThatHaveBeenFilledSince() throws SQLException {
        // the token stands at 4,992 with gaps at 4,000 (still empty), 4,985 and 4,990 (empty); batch of 5
        List<Long> positions = positions(new TrackedEventsWithGaps(), 4_992, 5, List.of(4_000L, 4_985L, 4_990L));

        assertThat(positions).containsExactly(4_985L, 4_993L, 4_994L, 4_996L, 4_997L);
    }

    @Test
    void anyNumberOfGapsGivesTheSameRowsAsAxonsOwnQuery() throws SQLException {
        for (int gapCount = 1; gapCount <= 9; gapCount++) {
            List<Long> gaps = new ArrayList<>();
            for (int i = 0; i < gapCount; i++) {
                gaps.add(4_900L + 7 * i);
            }
            assertThat(positions(new TrackedEventsWithGaps(), 4_960, 20, gaps))
                    .as("%d gaps", gapCount)
                    .isEqualTo(positions(JdbcEventStorageEngineStatements::readEventDataWithGaps, 4_960, 20, gaps));
        }
    }

    @Test
    void readsOnlyTheRangeFromTheLowestGapNotTheWholeHistory() throws SQLException {
        List<Long> gaps = List.of(4_980L, 4_990L);

        long rowsRead = rowsRead(new TrackedEventsWithGaps(), 4_992, 100, gaps);
        long rowsReadByAxon = rowsRead(JdbcEventStorageEngineStatements::readEventDataWithGaps, 4_992, 100, gaps);

        assertThat(rowsRead).isLessThan(30);
        assertThat(rowsReadByAxon).isGreaterThanOrEqualTo(EVENTS - MISSING.size());
    }

    private List<Long> positions(ReadEventDataWithGapsStatementBuilder query, long index, int batch, List<Long> gaps)
            throws SQLException {
        List<Long> positions = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = query.build(connection, EventStoreSchema.events(), index, batch, gaps);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                positions.add(rows.getLong("global_index"));
            }
        }
        return positions;
    }

    /** H2's own count of the rows the query read, from {@code EXPLAIN ANALYZE} of the very statement built. */
    private long rowsRead(ReadEventDataWithGapsStatementBuilder query, long index, int batch, List<Long> gaps)
            throws SQLException {
        QueryPlans plans = new QueryPlans(dataSource);
        try (Connection connection = plans.dataSource().getConnection();
                PreparedStatement statement = query.build(connection, EventStoreSchema.events(), index, batch, gaps);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                // read it all, as the processor would
            }
        }
        return QueryPlans.rowsRead(plans.explainLast(sql -> sql.contains("domain_event_entry")));
    }
}
