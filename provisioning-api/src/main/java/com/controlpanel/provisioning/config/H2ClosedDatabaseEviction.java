package com.controlpanel.provisioning.config;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;
import java.util.Set;

/**
 * Tells the connection pool to drop a connection of a database H2 has shut down. After a write to its file failed (the
 * disk full), H2 closes the database for good and answers 90098 ("The database has been closed") on each of its
 * connections, yet their {@code isValid()} stays true and 90098 is no SQL state the pool drops connections on: the
 * pool handed them out until a restart. The same for a database shut down while the pool held its connections
 * (90121). Dropped, they also run no further statement, each of which would make H2 forget a database opened afresh
 * under the same name ({@code Engine.close} by name) while it still holds the file.
 */
public class H2ClosedDatabaseEviction implements SQLExceptionOverride {

    /** "The database has been closed" (after a failed write) and "Database is already closed" (shut down). */
    static final Set<Integer> DATABASE_CLOSED = Set.of(90098, 90121);

    @java.lang.Override
    public Override adjudicate(SQLException e) {
        for (SQLException current = e; current != null; current = current.getNextException()) {
            if (DATABASE_CLOSED.contains(current.getErrorCode())) {
                return Override.MUST_EVICT;
            }
        }
        return Override.CONTINUE_EVICT;
    }
}
