package com.controlpanel.provisioning.storage;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Whether other nodes may use the same database: PostgreSQL is what several nodes share; the embedded H2 file belongs
 * to this one process. What depends on it (the write gate across nodes, how long a live slot is remembered) asks here,
 * so that both always agree.
 */
public final class SharedDatabase {

    private SharedDatabase() {}

    public static boolean of(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName();
            return product != null && product.toLowerCase().contains("postgres");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot tell which database this is", e);
        }
    }
}
