package com.controlpanel.provisioning.testing;

import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** A fresh in-memory H2 database with the production schema, migrated by the production Flyway scripts. */
public final class TestDatabase {

    private TestDatabase() {}

    public static DataSource migrated() {
        DataSource dataSource = empty();
        migrate(dataSource, null);
        return dataSource;
    }

    public static JdbcTemplate jdbc() {
        return new JdbcTemplate(migrated());
    }

    /** A fresh in-memory H2 database with no schema yet: {@link #migrate} it to the version a test starts from. */
    public static DataSource empty() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        return dataSource;
    }

    /** Runs the production migrations up to a version ({@code "13"}), or all of them (null). */
    public static void migrate(DataSource dataSource, String version) {
        var flyway = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration");
        if (version != null) {
            flyway.target(version);
        }
        flyway.load().migrate();
    }
}
