package com.controlpanel.provisioning.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.domain.api.InvalidValueException;
import com.controlpanel.provisioning.rebuild.WritesHeldException;
import java.sql.SQLException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.junit.jupiter.api.Test;

/** Which failures of a command pass, so that it is sent again, and which are refusals. */
class TransientCommandFailuresTest {

    private final TransientCommandFailures transientFailures = new TransientCommandFailures();

    @Test
    void aLockNotGrantedInTimeOrAnotherNodesAppendPasses() {
        assertThat(transientFailures.test(new EventStoreException(
                        "Cannot reuse aggregate identifier",
                        new SQLException("Timeout trying to lock table \"SYS\"", "HYT00", 50200))))
                .isTrue();
        assertThat(transientFailures.test(new RuntimeException(new SQLException("deadlock detected", "40P01"))))
                .isTrue();
        assertThat(transientFailures.test(new RuntimeException(new SQLException("could not serialize", "40001"))))
                .isTrue();
        assertThat(transientFailures.test(new ConcurrencyException("appended meanwhile")))
                .isTrue();
    }

    @Test
    void aRefusalOrAnyOtherFailureDoesNot() {
        assertThat(transientFailures.test(new InvalidValueException("bad"))).isFalse();
        assertThat(transientFailures.test(new ConflictingAggregateVersionException("m1", 3, 4)))
                .isFalse();
        assertThat(transientFailures.test(new EventStoreException("broken", new SQLException("syntax", "42000"))))
                .isFalse();
        assertThat(transientFailures.test(new IllegalStateException("a bug"))).isFalse();
        assertThat(transientFailures.test(
                        new WritesHeldException(new SQLException("canceling statement due to lock timeout", "55P03"))))
                .as("the wait for another node's rebuild lasted as long as it may: the client retries")
                .isFalse();
    }
}
