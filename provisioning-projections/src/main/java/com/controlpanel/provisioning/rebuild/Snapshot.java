package com.controlpanel.provisioning.rebuild;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * A read-only repeatable-read transaction in which some tables are frozen as they were when it was opened. H2 takes
 * each table's snapshot at its first read, PostgreSQL at the first statement: reading every table once while writes
 * are stopped freezes them all, so they can be compared at leisure once writes resume.
 */
public final class Snapshot implements AutoCloseable {

    private final Connection connection;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Snapshot(Connection connection) {
        this.connection = connection;
    }

    public static Snapshot of(DataSource dataSource, Collection<String> tables) {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            lazy(connection, true);
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (Statement statement = connection.createStatement()) {
                for (String table : tables) {
                    // one row is a read; a count read the whole table on H2 (2.5 s at 100,000 members, writes held)
                    statement
                            .executeQuery("SELECT 1 FROM " + table + " LIMIT 1")
                            .close();
                }
            }
            return new Snapshot(connection);
        } catch (SQLException | RuntimeException e) {
            if (connection != null) {
                new Snapshot(connection).close(e);
            }
            throw e instanceof SQLException
                    ? new IllegalStateException("Could not open a snapshot of the read models", e)
                    : (RuntimeException) e;
        }
    }

    /**
     * On H2, has this connection's queries hand over their rows as they read them: otherwise a query's whole result is
     * gathered first, and one of more rows than H2 keeps in memory is written to a temporary file before the first
     * row comes (a third of the time it took to read a table whole). PostgreSQL streams a query read with a fetch size
     * in a transaction already.
     */
    private static void lazy(Connection connection, boolean lazy) throws SQLException {
        if (connection
                .getMetaData()
                .getDatabaseProductName()
                .toLowerCase(java.util.Locale.ROOT)
                .contains("h2")) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET LAZY_QUERY_EXECUTION " + lazy);
            }
        }
    }

    public Connection connection() {
        return connection;
    }

    /**
     * Ends the transaction and gives the connection back to the pool, whatever the rollback does; once, however often it
     * is called.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            close(null);
        }
    }

    private void close(Throwable failing) {
        try {
            try {
                connection.rollback();
            } finally {
                // the pool does not reset a session setting: whatever the rollback did, the next borrower is not lazy
                try {
                    lazy(connection, false);
                } finally {
                    connection.close();
                }
            }
        } catch (SQLException e) {
            if (failing == null) {
                throw new IllegalStateException("Could not close a snapshot of the read models", e);
            }
            failing.addSuppressed(e);
        }
    }
}
