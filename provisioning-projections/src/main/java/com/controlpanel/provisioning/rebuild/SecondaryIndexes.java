package com.controlpanel.provisioning.rebuild;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Drops a table's secondary indexes (not its primary key or unique constraints) and creates them again from the
 * definitions the database reported: a bulk load into an unindexed table and one index build at the end is several
 * times faster than keeping every index up to date row by row. The definitions come from the catalogue, so an index
 * a migration adds is kept too.
 */
public final class SecondaryIndexes {

    private final JdbcTemplate jdbc;
    private final boolean postgres;

    public SecondaryIndexes(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            this.postgres = connection
                    .getMetaData()
                    .getDatabaseProductName()
                    .toLowerCase(Locale.ROOT)
                    .contains("postgres");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** What {@link #drop} took away: the tables, and the statements that create their indexes again. */
    public record Dropped(List<String> tables, List<String> creates) {}

    /** Drops the secondary indexes of these tables; {@link #create} builds them again once the tables are loaded. */
    public Dropped drop(List<String> tables) {
        List<String> creates = new ArrayList<>();
        for (String table : tables) {
            Map<String, String> definitions = postgres ? postgresIndexes(table) : h2Indexes(table);
            definitions.forEach((name, create) -> {
                jdbc.execute("DROP INDEX " + name);
                creates.add(create);
            });
        }
        return new Dropped(List.copyOf(tables), List.copyOf(creates));
    }

    /**
     * Builds the dropped indexes again. On PostgreSQL it then analyzes the loaded tables: its planner otherwise sees
     * them as they were before the load (empty) until autovacuum gets to them, and may pick any index that starts
     * with the organization for a lookup by userName (seen: all 10,000 members of an organization read for one).
     */
    public void create(Dropped dropped) {
        dropped.creates().forEach(jdbc::execute);
        if (postgres) {
            dropped.tables().forEach(table -> jdbc.execute("ANALYZE " + table));
        }
    }

    private Map<String, String> postgresIndexes(String table) {
        Map<String, String> definitions = new LinkedHashMap<>();
        jdbc.query(
                "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = current_schema() "
                        + "AND i.tablename = ? AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
                rs -> {
                    definitions.put(rs.getString(1), rs.getString(2));
                },
                table.toLowerCase(Locale.ROOT));
        return definitions;
    }

    private Map<String, String> h2Indexes(String table) {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        jdbc.query(
                "SELECT c.INDEX_NAME, c.COLUMN_NAME FROM INFORMATION_SCHEMA.INDEX_COLUMNS c "
                        + "JOIN INFORMATION_SCHEMA.INDEXES i ON i.INDEX_SCHEMA = c.INDEX_SCHEMA AND i.INDEX_NAME = c.INDEX_NAME "
                        + "WHERE c.TABLE_SCHEMA = SCHEMA() AND c.TABLE_NAME = ? AND i.INDEX_TYPE_NAME = 'INDEX' "
                        + "AND NOT EXISTS (SELECT 1 FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS t "
                        + "WHERE t.CONSTRAINT_SCHEMA = i.INDEX_SCHEMA AND t.INDEX_NAME = i.INDEX_NAME) "
                        + "ORDER BY c.INDEX_NAME, c.ORDINAL_POSITION",
                rs -> {
                    columns.computeIfAbsent(rs.getString(1), name -> new ArrayList<>())
                            .add(rs.getString(2));
                },
                table.toUpperCase(Locale.ROOT));
        Map<String, String> definitions = new LinkedHashMap<>();
        columns.forEach((name, cols) ->
                definitions.put(name, "CREATE INDEX " + name + " ON " + table + " (" + String.join(", ", cols) + ")"));
        return definitions;
    }
}
