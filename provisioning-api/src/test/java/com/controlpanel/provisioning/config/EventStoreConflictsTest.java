package com.controlpanel.provisioning.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import org.junit.jupiter.api.Test;

/** Which failed appends are another node's append to the same aggregate at the same moment. */
class EventStoreConflictsTest {

    private final EventStoreConflicts conflicts = new EventStoreConflicts();

    @Test
    void aUniqueViolationAsPostgresqlReportsItInABatchIsAConflict() {
        // PgJDBC: a BatchUpdateException whose next exception carries the SQL state, error code 0
        BatchUpdateException batch =
                new BatchUpdateException("Batch entry 0 INSERT INTO domain_event_entry ...", "23505", 0, new int[0]);
        batch.setNextException(new SQLException(
                "duplicate key value violates unique constraint \"uk_event_aggregate_sequence\"", "23505"));
        assertThat(conflicts.isDuplicateKeyViolation(new RuntimeException("could not append", batch)))
                .isTrue();
        BatchUpdateException stateOnlyInNext = new BatchUpdateException("Batch entry 0", null, 0, new int[0]);
        stateOnlyInNext.setNextException(new SQLException("duplicate key", "23505"));
        assertThat(conflicts.isDuplicateKeyViolation(stateOnlyInNext)).isTrue();
    }

    @Test
    void aUniqueViolationAsH2ReportsItIsAConflict() {
        assertThat(conflicts.isDuplicateKeyViolation(
                        new IllegalStateException(new SQLIntegrityConstraintViolationException(
                                "Unique index or primary key violation", "23505", 23505))))
                .isTrue();
    }

    @Test
    void anyOtherFailureIsNot() {
        assertThat(conflicts.isDuplicateKeyViolation(new RuntimeException(new SQLException("timeout", "HYT00", 50200))))
                .isFalse();
        assertThat(conflicts.isDuplicateKeyViolation(new RuntimeException("no SQL at all")))
                .isFalse();
    }
}
