package com.controlpanel.provisioning.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionSystemException;

/** A client hears whether the database is out of reach or every connection was only in use. */
class DatabaseFailuresTest {

    /** As the connection pool reports a wait that ran out, with the last failure to connect, if any. */
    private static SQLTransientConnectionException poolTimeout(SQLException lastFailureToConnect) {
        var timeout = new SQLTransientConnectionException(
                "provisioning - Connection is not available, request timed out after 5001ms (total=16, active=16,"
                        + " idle=0, waiting=40)",
                lastFailureToConnect == null ? null : lastFailureToConnect.getSQLState(),
                0,
                lastFailureToConnect);
        if (lastFailureToConnect != null) {
            timeout.setNextException(lastFailureToConnect);
        }
        return timeout;
    }

    @Test
    void everyConnectionInUseIsBusyAndStillWorthARetry() {
        var failure = new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", poolTimeout(null));
        assertThat(DatabaseFailures.unavailable(failure)).isTrue();
        assertThat(DatabaseFailures.busy(failure)).isTrue();
        assertThat(DatabaseFailures.retryMessage(failure)).isEqualTo(DatabaseFailures.RETRY_BUSY);
    }

    @Test
    void aWriteThatCouldNotReachTheFileIsWorthARetry() {
        // the embedded store's group commit, its checkpoint failed (a full disk): nothing of it is kept
        var notWritten = new TransientDataAccessResourceException(
                "Could not write committed changes to the H2 file", new SQLException("No space left on device"));
        assertThat(DatabaseFailures.unavailable(notWritten)).isTrue();
        assertThat(DatabaseFailures.unavailable(new SQLException("Syntax error", "42000")))
                .isFalse();
    }

    @Test
    void aWaitThatRanOutAfterFailuresToConnectIsTheDatabaseOutOfReach() {
        var refused = new SQLException("Connection refused", "08001", new ConnectException("Connection refused"));
        var failure = new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", poolTimeout(refused));
        assertThat(DatabaseFailures.unavailable(failure)).isTrue();
        assertThat(DatabaseFailures.busy(failure)).isFalse();
        assertThat(DatabaseFailures.retryMessage(failure)).isEqualTo(DatabaseFailures.RETRY_SHORTLY);
        assertThat(DatabaseFailures.busy(refused)).isFalse();
    }

    @Test
    void aRollbackThatFailedOnTheLostConnectionIsTheDatabaseOutOfReach() {
        // the connection lost mid-transaction (a session read): the query fails with the connection's error, then the
        // rollback fails on the closed connection, without an SQL state, and is what is thrown
        var lost = new DataAccessResourceFailureException(
                "PreparedStatementCallback; An I/O error occurred while sending to the backend.",
                new SQLException("An I/O error occurred while sending to the backend.", "08006"));
        var rollback = new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));
        assertThat(DatabaseFailures.unavailable(rollback)).isFalse();
        rollback.initApplicationException(lost);
        assertThat(DatabaseFailures.unavailable(rollback)).isTrue();
    }
}
