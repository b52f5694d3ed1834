package com.controlpanel.provisioning.rebuild;

import com.controlpanel.provisioning.slots.ProjectionSlot;
import com.controlpanel.provisioning.storage.DatabaseFailures;
import com.controlpanel.provisioning.storage.SharedDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.ConnectionCallback;
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
 *   <li>a command of an organization then takes that <em>organization</em>'s lock exclusively, in the same
 *       transaction: one organization's commands run one after the other across the nodes, each to its commit, so
 *       that its events are committed in the order they are stored in;
 *   <li>a rebuild holds the <em>rebuild</em> lock for as long as it runs, on a connection of its own.
 * </ul>
 *
 * On the embedded H2 file there is one process only: {@link #NONE} does nothing and the {@link WriteGate}'s lock in
 * memory suffices.
 */
public class ClusterLocks {

    /** One process, nothing to coordinate. */
    public static final ClusterLocks NONE = new ClusterLocks(null, Duration.ZERO);

    // constants inlined into SQL: keep them free of quotes
    private static final String WRITE = "provisioning.write-gate.";
    private static final String REBUILD = "provisioning.rebuild.";
    private static final String ORGANIZATION = "provisioning.organization.";

    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final Logger log = LoggerFactory.getLogger(ClusterLocks.class);

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final Duration writeWait;
    private volatile Connection holding;

    private ClusterLocks(DataSource dataSource, Duration writeWait) {
        this.dataSource = dataSource;
        this.jdbc = dataSource == null ? null : new JdbcTemplate(dataSource);
        this.writeWait = writeWait;
    }

    /**
     * Advisory locks on PostgreSQL; {@link #NONE} on any other database (the embedded H2).
     *
     * @param writeWait how long a command waits while a rebuild holds the writes before it is refused with "retry"
     */
    public static ClusterLocks of(DataSource dataSource, Duration writeWait) {
        return SharedDatabase.of(dataSource) ? new ClusterLocks(dataSource, writeWait) : NONE;
    }

    public boolean acrossNodes() {
        return dataSource != null;
    }

    /**
     * Takes the write lock shared in the transaction the caller runs in (a command's), until that transaction ends;
     * with an organization, then that organization's lock exclusively (one write of an organization at a time, on
     * every node: its events are committed in the order they are stored in).
     * Waits while a rebuild holds it, at most the write wait: then {@link WritesHeldException} (the caller
     * answers "retry"), so that a rebuild node that hangs while holding the writes never hangs every node with it.
     */
    public void enterWrite(String organizationId) {
        if (dataSource == null) {
            return;
        }
        String organization = organizationId == null ? "" : organizationLock(organizationId) + "; ";
        long settling;
        try {
            // one round trip; the wait limit applies to these locks only, not to the rest of the command (a node that
            // stopped in a command of the organization holds its lock until its session ends: its writes then retry).
            // Its last answer: how long until the latest switch of a live slot has settled (0 long after it)
            settling = jdbc.execute((ConnectionCallback<Long>) connection -> lastAnswer(
                    connection,
                    "SET LOCAL lock_timeout = '" + writeWait.toMillis() + "ms'; "
                            + "SELECT pg_advisory_xact_lock_shared(hashtext('" + WRITE + "' || current_schema())); "
                            + organization
                            + "SET LOCAL lock_timeout = DEFAULT; "
                            + "SELECT CAST(CEIL(GREATEST(0, EXTRACT(EPOCH FROM MAX(switched_at) + INTERVAL '"
                            + ProjectionSlot.SWITCH_SETTLED.toMillis() + " milliseconds' - clock_timestamp())"
                            + " * 1000)) AS BIGINT) FROM projection_slot"));
        } catch (DataAccessException e) {
            if (DatabaseFailures.sqlState(e).map(LOCK_NOT_AVAILABLE::equals).orElse(false)) {
                throw new WritesHeldException(e);
            }
            throw e;
        }
        if (settling > 0) {
            // a rebuild switched a moment ago and let the writes go before every node could have read the switch (it
            // stopped while it held them): a node may still use the former slot, so nothing is written until then
            try {
                Thread.sleep(Math.min(settling, ProjectionSlot.SWITCH_SETTLED.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WritesHeldException(e);
            }
        }
    }

    /**
     * Returns once no node runs a write of the organization that began before this call (each to its commit or
     * rollback): takes the organization's lock, as each of its commands does in its transaction, and lets it go at
     * once. Waits at most the write wait: then {@link WritesInFlightException}.
     */
    public void awaitWritesOf(String organizationId) {
        if (dataSource == null) {
            return;
        }
        // a connection of its own, not one a transaction of the caller's thread may hold: the wait ends by rolling
        // back the transaction it took the lock in
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                lastAnswer(
                        connection,
                        "SET LOCAL lock_timeout = '" + writeWait.toMillis() + "ms'; "
                                + organizationLock(organizationId));
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                throw new WritesInFlightException(e);
            }
            DataAccessException translated =
                    jdbc.getExceptionTranslator().translate("Waiting for the writes of an organization", null, e);
            throw translated != null
                    ? translated
                    : new IllegalStateException("Cannot wait for the writes of an organization", e);
        }
    }

    /**
     * The organization's lock until the transaction ends: a number in the key space of two-number advisory locks,
     * named after the schema.
     */
    private static String organizationLock(String organizationId) {
        return "SELECT pg_advisory_xact_lock(hashtext('" + ORGANIZATION + "' || current_schema()), "
                + organizationId.hashCode() + ")";
    }

    /** Runs statements in one round trip; the number in the first column of the last row they answer (0 if none). */
    private static Long lastAnswer(Connection connection, String statements) throws SQLException {
        String answer = null;
        try (Statement statement = connection.createStatement()) {
            boolean rows = statement.execute(statements);
            while (rows || statement.getUpdateCount() != -1) {
                if (rows) {
                    try (ResultSet result = statement.getResultSet()) {
                        while (result.next()) {
                            // the locks answer void, an empty text
                            answer = result.getString(1);
                        }
                    }
                }
                rows = statement.getMoreResults();
            }
        }
        return answer == null || answer.isEmpty() ? 0L : Long.parseLong(answer);
    }

    /**
     * Runs the action while no node writes: every node's commands in flight have ended and new ones wait. The action
     * may {@linkplain #confirmWritesHeld() confirm} that the lock is still held before it does what needs it.
     */
    public void holdingWrites(Runnable action) {
        if (dataSource == null) {
            action.run();
            return;
        }
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot hold the writes of every node", e);
        }
        try {
            connection.setAutoCommit(false);
            try (PreparedStatement lock = connection.prepareStatement(
                    "SELECT pg_advisory_xact_lock(hashtext(CAST(? AS text) || current_schema()))")) {
                lock.setString(1, WRITE);
                lock.executeQuery().close();
            }
        } catch (SQLException e) {
            IllegalStateException failure = new IllegalStateException("Cannot hold the writes of every node", e);
            try {
                connection.close();
            } catch (SQLException suppressed) {
                failure.addSuppressed(suppressed);
            }
            throw failure;
        }
        holding = connection;
        RuntimeException failed = null;
        try {
            action.run();
        } catch (RuntimeException e) {
            failed = e;
            throw e;
        } finally {
            holding = null;
            // ending the transaction (or the session) releases the lock, whether the action completed or not
            try (connection) {
                connection.rollback();
            } catch (SQLException e) {
                if (failed != null) {
                    failed.addSuppressed(e);
                } else {
                    log.warn("Could not end the transaction that held the writes; its session is closed", e);
                }
            }
        }
    }

    /**
     * Throws unless the session that holds every node's writes is still there (a session that was cut or terminated
     * has released the lock: other nodes may be writing again).
     */
    public void confirmWritesHeld() {
        Connection connection = holding;
        if (dataSource == null) {
            return;
        }
        if (connection == null) {
            throw new IllegalStateException("The writes of every node are not held");
        }
        confirmAlive(connection, "the session holding the writes of every node");
    }

    private static void confirmAlive(Connection connection, String what) {
        try (PreparedStatement ping = connection.prepareStatement("SELECT 1")) {
            ping.executeQuery().close();
        } catch (SQLException e) {
            throw new IllegalStateException("Lost " + what + ": its lock is released", e);
        }
    }

    /**
     * The rebuild lock, if no other node holds it: held until the returned lease is closed. Empty while another node
     * rebuilds. Without nodes to coordinate, always a lease that holds nothing.
     */
    public Optional<Lease> tryRebuild() {
        if (dataSource == null) {
            return Optional.of(new Lease() {
                @Override
                public void confirm() {}

                @Override
                public void close() {}
            });
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
            return Optional.of(new Lease() {
                @Override
                public void confirm() {
                    confirmAlive(held, "the session holding the rebuild lock");
                }

                @Override
                public void close() {
                    release(held);
                }
            });
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
            // back in the pool the session would keep the lock: end the session, which releases it, and give the
            // pool its entry back (it evicts a connection that was aborted)
            try {
                connection.abort(Runnable::run);
            } catch (SQLException ignored) {
                // the connection is broken: its session, and the lock with it, is gone already
            }
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closed already
            }
        }
    }

    /** A lock held until closed. */
    public interface Lease extends AutoCloseable {

        /** Throws unless the lock is still held (its session may have been cut or terminated). */
        void confirm();

        @Override
        void close();
    }
}
