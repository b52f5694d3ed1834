package com.controlpanel.provisioning.health;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The live Activity table made to refuse the row of one request (a CHECK constraint), until {@link #close}: the
 * Activity > Actions processor fails on that request's event and retries it, as it would while its database can not
 * store a row.
 */
final class PoisonedActivityRow implements AutoCloseable {

    private final JdbcTemplate jdbc;
    private final String table;

    PoisonedActivityRow(JdbcTemplate jdbc, String requestId) {
        this.jdbc = jdbc;
        this.table = "activity_"
                + jdbc.queryForObject(
                        "SELECT live_slot FROM projection_slot WHERE projection = 'activity'", String.class);
        jdbc.execute("ALTER TABLE " + table + " ADD CONSTRAINT activity_poison CHECK (request_id IS NULL OR"
                + " request_id <> '" + requestId + "')");
    }

    /** How many rows of this request the live table holds (also once the row is allowed again). */
    int rows(String requestId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE request_id = ?", Integer.class, requestId);
    }

    @Override
    public void close() {
        jdbc.execute("ALTER TABLE " + table + " DROP CONSTRAINT activity_poison");
    }
}
