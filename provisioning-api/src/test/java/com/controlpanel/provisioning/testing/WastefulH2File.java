package com.controlpanel.provisioning.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;

/**
 * An H2 file much larger than what it holds, as a long run of writes leaves it: rows of a table that stays are written
 * in many commits between those of one that is dropped, and H2 is closed without compacting anything.
 */
public final class WastefulH2File {

    private WastefulH2File() {}

    /**
     * Writes about 20 MB that end up dropped into the H2 file database of this URL (created if need be, or open
     * already).
     *
     * @param keep whether the table {@code kept} (500 rows, {@code id} 0 to 499, {@code name} "member N" for the last
     *     N written to it) stays; without it, the database's other tables are all that is live afterwards
     */
    public static void write(String url, boolean keep) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url + ";MAX_COMPACT_TIME=0", "sa", "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS kept (id INT PRIMARY KEY, name VARCHAR(200))");
            statement.execute("CREATE TABLE IF NOT EXISTS scratch (id INT PRIMARY KEY, filler VARCHAR(4000))");
            Random random = new Random(7);
            try (PreparedStatement kept = connection.prepareStatement("MERGE INTO kept VALUES (?, ?)");
                    PreparedStatement scratch = connection.prepareStatement("INSERT INTO scratch VALUES (?, ?)")) {
                for (int i = 0; i < 6000; i++) {
                    kept.setInt(1, i % 500);
                    kept.setString(2, "member " + i);
                    kept.executeUpdate();
                    scratch.setInt(1, i);
                    scratch.setString(2, Long.toString(random.nextLong(), 36).repeat(200));
                    scratch.executeUpdate();
                    if (i % 50 == 0) {
                        statement.execute("CHECKPOINT");
                    }
                }
            }
            statement.execute("DROP TABLE scratch");
            if (!keep) {
                statement.execute("DROP TABLE kept");
            }
            statement.execute("CHECKPOINT");
        }
    }
}
