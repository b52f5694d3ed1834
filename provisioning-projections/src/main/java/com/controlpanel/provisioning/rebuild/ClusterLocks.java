package com.controlpanel.provisioning.rebuild;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the nodes sharing one PostgreSQL database coordinate through, so that a rebuild on one node holds the writes of
 * all of them and no two rebuilds run at once. PostgreSQL advisory locks, named after the schema (several
 * deployments may share a database, one schema each):
 *
 * <ul>
 *   <li>every command takes the <em>write</em> lock shared, in its own transaction (released at its commit or
 *       rollback): commands on every node run side by side;
 *   <li>a rebuild takes the write lock exclusively for the moment it catches up and switches: it waits for every
 *       node's commands in flight to end, and new ones wait for it;
 *   <li>a rebuild holds the <em>rebuild</em> lock for as long as it runs, on a connection of its own.
 * </ul>
 *
 * On the embedded H2 file there is one process only: {@link #NONE} does nothing and the {@link WriteGate}'s lock in
 * memory suffices.
 */
public class ClusterLocks {

    /** One process, nothing to coordinate. */
    public static final ClusterLocks NONE = new ClusterLocks(null);

    private static final String WRITE = "provisioning.write-gate.";
    private static final String REBUILD = "provisioning.rebuild.";

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;

    private ClusterLocks(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = dataSource == null ? null : new JdbcTemplate(dataSource);
    }

    /** Advisory locks on PostgreSQL; {@link #NONE} on any other database (the embedded H2). */
    public static ClusterLocks of(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName();
            return product != null && product.toLowerCase().contains("postgres") ? new ClusterLocks(dataSource) : NONE;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot tell which database this is", e);
        }
    }

    public boolean acrossNodes() {
        return dataSource != null;
    }

    /**
     * Takes the write lock shared in the transaction the caller runs in (a command's), until that transaction ends.
     * Waits while a rebuild holds it.
     */
    public void enterWrite() {
        if (dataSource != null) {
            jdbc.query(
                    "SELECT pg_advisory_xact_lock_shared(hashtext(CAST(? AS text) || current_schema()))",
                    rs -> null,
                    WRITE);
        }
    }

    /** Runs the action while no node writes: every node's commands in flight have ended and new ones wait. */
    public void holdingWrites(Runnable action) {
        if (dataSource == null) {
            action.run();
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                try (PreparedStatement lock = connection.prepareStatement(
                        "SELECT pg_advisory_xact_lock(hashtext(CAST(? AS text) || current_schema()))")) {
                    lock.setString(1, WRITE);
                    lock.executeQuery().close();
                }
                action.run();
            } finally {
                // ending the transaction releases the lock, whether the action completed or not
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot hold the writes of every node", e);
        }
    }

    /**
     * The rebuild lock, if no other node holds it: held until the returned lease is closed. Empty while another node
     * rebuilds. Without nodes to coordinate, always a lease that holds nothing.
     */
    public Optional<Lease> tryRebuild() {
        if (dataSource == null) {
            return Optional.of(() -> {});
        }
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            boolean obtained;
            try (PreparedStatement lock = connection.prepareStatement(
                    "SELECT pg_try_advisory_lock(hashtext(CAST(? AS text) || current_schema()))")) {
                lock.setString(1, REBUILD);
                try (ResultSet rs = lock.executeQuery()) {
                    obtained = rs.next() && rs.getBoolean(1);
                }
            }
            if (!obtained) {
                connection.close();
                return Optional.empty();
            }
            Connection held = connection;
            return Optional.of(() -> release(held));
        } catch (SQLException e) {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw new IllegalStateException("Cannot tell whether another node rebuilds", e);
        }
    }

    private static void release(Connection connection) {
        try (PreparedStatement unlock = connection.prepareStatement(
                "SELECT pg_advisory_unlock(hashtext(CAST(? AS text) || current_schema()))")) {
            unlock.setString(1, REBUILD);
            unlock.executeQuery().close();
            connection.close();
        } catch (SQLException e) {
            // back in the pool the session would keep the lock: end the session, which releases it
            try {
                connection.abort(Runnable::run);
            } catch (SQLException ignored) {
                // the connection is broken: its session, and the lock with it, is gone already
            }
        }
    }

    /** A lock held until closed. */
    public interface Lease extends AutoCloseable {
        @Override
        void close();
    }
}
