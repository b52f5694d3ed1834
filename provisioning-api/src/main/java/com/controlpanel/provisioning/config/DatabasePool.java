package com.controlpanel.provisioning.config;

import com.controlpanel.provisioning.storage.DatabaseFailures;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's connection pool, which stops making everyone wait once it knows the database is out of reach.
 *
 * <p>The pool waits its whole connection timeout (5 s by default) for a connection it can not make. While the
 * database was down, every request waited that long before its 503 (the Control Panel's pages, which take two
 * connections, 10 s), and so did the readiness probe; under Okta's push every request thread stood waiting. Once one
 * wait has ended without a connection because none could be made (the pool names the failure to connect; a wait that
 * ends only because every connection stayed in use does not count), the database is known to be out of reach:
 * {@link #getConnection()} fails at once, with that failure as its cause, and one thread of its own waits for a
 * connection again and again until it gets one. Then everyone is served again. A database back within one connection
 * timeout is never taken for out of reach.
 */
public class DatabasePool extends HikariDataSource {

    private static final Logger log = LoggerFactory.getLogger(DatabasePool.class);

    /** The pause between two looks of the waiting thread when the pool refuses at once (it waits by itself). */
    private static final long PAUSE_MILLIS = 200;

    private final AtomicReference<Outage> outage = new AtomicReference<>();

    /** Since when the database is known to be out of reach, and the last failure to connect to it. */
    private record Outage(Instant since, SQLException failure) {}

    @Override
    public Connection getConnection() throws SQLException {
        Outage known = outage.get();
        if (known != null) {
            throw new SQLTransientConnectionException(
                    getPoolName() + " - the database has been out of reach since " + known.since()
                            + " (not waiting for a connection; one thread looks for the database meanwhile)",
                    known.failure().getSQLState(),
                    known.failure());
        }
        try {
            return super.getConnection();
        } catch (SQLTransientConnectionException e) {
            if (!DatabaseFailures.busy(e) && !isClosed()) {
                outOfReach(e);
            }
            throw e;
        }
    }

    /** Whether the database is known to be out of reach at the moment (connections are refused at once). */
    public boolean outOfReach() {
        return outage.get() != null;
    }

    private void outOfReach(SQLTransientConnectionException failure) {
        if (!outage.compareAndSet(null, new Outage(Instant.now(), failure))) {
            return;
        }
        log.warn(
                "The database is out of reach ({}): requests are answered 503 at once until it answers again",
                DatabaseFailures.innermost(failure).toString().replace('\n', ' '));
        Thread look = new Thread(this::waitForTheDatabase, getPoolName() + "-outage");
        look.setDaemon(true);
        look.start();
    }

    private void waitForTheDatabase() {
        long from = System.nanoTime();
        while (!isClosed()) {
            try (Connection connection = super.getConnection()) {
                outage.set(null);
                log.info(
                        "The database answers again after {} s: requests are served again",
                        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - from));
                return;
            } catch (SQLException e) {
                Outage known = outage.get();
                outage.set(new Outage(known.since(), e));
            }
            try {
                Thread.sleep(PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        outage.set(null);
    }
}
