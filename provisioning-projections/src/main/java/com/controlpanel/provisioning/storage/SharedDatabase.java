package com.controlpanel.provisioning.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.function.BooleanSupplier;
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
            return isPostgres(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot tell which database this is", e);
        }
    }

    /** Whether the connection is to PostgreSQL (else the embedded H2). */
    public static boolean isPostgres(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName();
        return product != null && product.toLowerCase(Locale.ROOT).contains("postgres");
    }

    /**
     * {@link #of(DataSource)}, asked at the first call rather than when the caller is made (a query class made before
     * the database answers), and once.
     */
    public static BooleanSupplier lazily(DataSource dataSource) {
        return new BooleanSupplier() {
            private volatile Boolean known;

            @Override
            public boolean getAsBoolean() {
                Boolean answer = known;
                if (answer == null) {
                    answer = of(dataSource);
                    known = answer;
                }
                return answer;
            }
        };
    }
}
