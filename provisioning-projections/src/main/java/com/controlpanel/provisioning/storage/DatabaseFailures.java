package com.controlpanel.provisioning.storage;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/** Tells a failure of the database itself from a failure of what was asked of it. */
public final class DatabaseFailures {

    /** What a client is told while the database is out of reach. */
    public static final String RETRY_SHORTLY = "The service can not reach its database at the moment: retry shortly";

    /** What a client is told when every pooled connection stayed in use for the whole wait. */
    public static final String RETRY_BUSY =
            "The service is busy (every database connection stayed in use while this request waited): retry shortly";

    private DatabaseFailures() {}

    /** The failure's innermost cause: what went wrong, without the layers around it (20 layers at most). */
    public static Throwable innermost(Throwable failure) {
        Throwable innermost = failure;
        for (int depth = 0; innermost.getCause() != null && innermost.getCause() != innermost && depth < 20; depth++) {
            innermost = innermost.getCause();
        }
        return innermost;
    }

    /** The message for a failure that {@link #unavailable} counts: busy, or out of reach. */
    public static String retryMessage(Throwable failure) {
        return busy(failure) ? RETRY_BUSY : RETRY_SHORTLY;
    }

    /**
     * Whether the failure is only the pool's wait running out while every connection was in use: the pool reports no
     * failure to connect with it (it does when the database is out of reach), so the database itself answers.
     */
    public static boolean busy(Throwable failure) {
        for (Throwable current = failure; current != null; current = current.getCause()) {
            if (current instanceof SQLTransientConnectionException timeout) {
                return timeout.getCause() == null
                        && timeout.getNextException() == null
                        && String.valueOf(timeout.getMessage()).contains("Connection is not available");
            }
        }
        return false;
    }

    /**
     * Whether the failure is the database being out of reach (down, restarting, refusing connections, no connection
     * free in time) rather than anything about the request: worth a retry, answered 503 by every edge.
     */
    public static boolean unavailable(Throwable failure) {
        Throwable current = failure;
        for (int depth = 0; current != null && depth < 15; depth++) {
            if (current instanceof CannotGetJdbcConnectionException
                    || current instanceof TransientDataAccessResourceException
                    || current instanceof CannotCreateTransactionException
                    || current instanceof SQLTransientConnectionException
                    || current instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (current instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                // 08: connection exception; 57P01 to 57P03: the server is shutting down, crashed or starting;
                // 53300: too many connections. Not the other resource or limit errors: retrying would not help.
                if (state.startsWith("08") || state.startsWith("57P") || state.equals("53300")) {
                    return true;
                }
            }
            if (current instanceof TransactionSystemException rollback
                    && rollback.getApplicationException() != null
                    && rollback.getApplicationException() != current) {
                // the connection lost mid-transaction: its rollback fails too ("Connection is closed", no SQL state)
                // and hides the failure that tells it, which it keeps
                return unavailable(rollback.getApplicationException());
            }
            current = current.getCause();
        }
        return false;
    }

    /** The SQL state of the first SQL exception among the failure's causes. */
    public static Optional<String> sqlState(Throwable failure) {
        for (Throwable current = failure; current != null; current = current.getCause()) {
            if (current instanceof SQLException sql && sql.getSQLState() != null) {
                return Optional.of(sql.getSQLState());
            }
        }
        return Optional.empty();
    }
}
