package com.controlpanel.provisioning.rebuild;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import javax.sql.DataSource;

/**
 * A read-only repeatable-read transaction in which some tables are frozen as they were when it was opened. H2 takes
 * each table's snapshot at its first read, PostgreSQL at the first statement: reading every table once while writes
 * are stopped freezes them all, so they can be compared at leisure once writes resume.
 */
public final class Snapshot implements AutoCloseable {

    private final Connection connection;

    private Snapshot(Connection connection) {
        this.connection = connection;
    }

    public static Snapshot of(DataSource dataSource, Collection<String> tables) {
        try {
            Connection connection = dataSource.getConnection();
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (Statement statement = connection.createStatement()) {
                for (String table : tables) {
                    statement.executeQuery("SELECT COUNT(*) FROM " + table).close();
                }
            }
            return new Snapshot(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not open a snapshot of the read models", e);
        }
    }

    public Connection connection() {
        return connection;
    }

    @Override
    public void close() {
        try {
            connection.rollback();
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
