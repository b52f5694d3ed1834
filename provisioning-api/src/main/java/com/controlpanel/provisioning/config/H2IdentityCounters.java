package com.controlpanel.provisioning.config;

import com.controlpanel.provisioning.storage.SharedDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On the embedded H2 store, at start: each identity column's counter set past the largest value its table holds.
 *
 * <p>H2 keeps the next value of an identity (the event store's {@code domain_event_entry.global_index}) in its
 * catalogue, and writes it there under the catalogue's lock. The service killed while a rebuild's fresh tables were
 * being indexed (which holds that lock, and made an event's insert wait on it) left the counter 28 below the events
 * it had committed. After the restart every new event got a position an event already had: the command failed (a
 * duplicate key on {@code global_index}, which Axon reports as "Cannot reuse aggregate identifier": SCIM 500) until
 * the counter passed them, and one took a free position below events written a minute before it, out of the store's
 * order. Set right here, before anything writes, and said in the log. PostgreSQL's sequences survive a crash as they
 * were: nothing is done there.
 */
final class H2IdentityCounters {

    private static final Logger log = LoggerFactory.getLogger(H2IdentityCounters.class);

    private H2IdentityCounters() {}

    /** What was set: {@code "TABLE.COLUMN: next N, not M"} per counter that was behind (none when all were right). */
    static List<String> repair(DataSource dataSource) {
        List<String> repaired = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            if (SharedDatabase.isPostgres(connection)) {
                return repaired;
            }
            List<String[]> identities = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery(
                            "SELECT TABLE_NAME, COLUMN_NAME, IDENTITY_BASE"
                                    + " FROM INFORMATION_SCHEMA.COLUMNS WHERE IS_IDENTITY = 'YES' AND TABLE_SCHEMA = SCHEMA()")) {
                while (rows.next()) {
                    identities.add(new String[] {rows.getString(1), rows.getString(2), rows.getString(3)});
                }
            }
            for (String[] identity : identities) {
                String table = quoted(identity[0]);
                String column = quoted(identity[1]);
                long next = Long.parseLong(identity[2]);
                long largest;
                try (Statement statement = connection.createStatement();
                        ResultSet max = statement.executeQuery("SELECT MAX(" + column + ") FROM " + table)) {
                    max.next();
                    largest = max.getLong(1);
                    if (max.wasNull() || next > largest) {
                        continue;
                    }
                }
                try (Statement statement = connection.createStatement()) {
                    statement.execute(
                            "ALTER TABLE " + table + " ALTER COLUMN " + column + " RESTART WITH " + (largest + 1));
                }
                String done = identity[0] + "." + identity[1] + ": next " + (largest + 1) + ", not " + next;
                log.warn(
                        "The embedded database's counter of {}.{} was behind the values its table holds (next {}, the"
                                + " largest held {}), as a stop in the middle of a write can leave it: set to {}, so"
                                + " that no new row takes a value one has",
                        identity[0],
                        identity[1],
                        next,
                        largest,
                        largest + 1);
                repaired.add(done);
            }
        } catch (SQLException e) {
            // not a reason to stop the start: the first write that meets it fails, and says so, as before
            log.warn("The embedded database's identity counters could not be checked: {}", e.getMessage());
        }
        return repaired;
    }

    private static String quoted(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
