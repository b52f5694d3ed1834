package com.controlpanel.provisioning.rebuild;

import com.controlpanel.provisioning.storage.SharedDatabase;
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
            this.postgres = SharedDatabase.isPostgres(connection);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** What {@link #drop} took away: the tables, and the statements that create their indexes again. */
    public record Dropped(List<String> tables, List<String> creates) {}

    /** A table of the standby slot, to be loaded, and the same table of the live slot. */
    public record Standby(String table, String live) {}

    /**
     * Drops the secondary indexes of these standby tables; {@link #create} builds them again once the tables are
     * loaded: those each table had, and those its live counterpart has that it lacks. A rebuild stopped between its
     * drop and its build (a node stopped, a failure) left its standby tables without indexes, and the next rebuild
     * into them would otherwise find none to build again, and go live without them.
     */
    public Dropped drop(List<Standby> tables) {
        List<String> creates = new ArrayList<>();
        for (Standby standby : tables) {
            Map<String, Definition> own = indexes(standby.table());
            Map<String, Definition> wanted = new LinkedHashMap<>(own);
            indexes(standby.live()).forEach((name, definition) -> {
                String counterpart = counterpart(name, standby);
                if (counterpart != null) {
                    wanted.putIfAbsent(counterpart, definition);
                }
            });
            own.keySet().forEach(name -> jdbc.execute("DROP INDEX " + name));
            wanted.forEach((name, definition) -> creates.add("CREATE " + (definition.unique() ? "UNIQUE " : "")
                    + "INDEX " + name + " ON " + standby.table() + " " + definition.rest()));
        }
        return new Dropped(tables.stream().map(Standby::table).toList(), List.copyOf(creates));
    }

    /**
     * The secondary indexes this live table lacks: those its standby counterpart has (named for the live table), as a
     * slot made by the migrations has them. Empty when the live table has them all (or the standby lost its own, which
     * the next rebuild into it builds again).
     */
    public List<String> missingFromLive(Standby standby) {
        Map<String, Definition> live = indexes(standby.live());
        Standby reversed = new Standby(standby.live(), standby.table());
        List<String> missing = new ArrayList<>();
        indexes(standby.table()).keySet().forEach(name -> {
            String counterpart = counterpart(name, reversed);
            if (counterpart != null && !live.containsKey(counterpart)) {
                missing.add(counterpart);
            }
        });
        return missing;
    }

    /**
     * The name the standby table's index has that is this index of the live table: index names are {@code ix_}, the
     * table's name, {@code _} and what it is for. Null for an index not named so (it is not the standby's to have).
     */
    private static String counterpart(String liveIndex, Standby standby) {
        String prefix = "ix_" + standby.live().toLowerCase(Locale.ROOT) + "_";
        return liveIndex.startsWith(prefix)
                ? "ix_" + standby.table().toLowerCase(Locale.ROOT) + "_" + liveIndex.substring(prefix.length())
                : null;
    }

    /** An index as its table's catalogue defines it: unique or not, and what follows {@code ON table}. */
    private record Definition(boolean unique, String rest) {}

    /** The table's secondary indexes, by lower-case name. */
    private Map<String, Definition> indexes(String table) {
        return postgres ? postgresIndexes(table) : h2Indexes(table);
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

    private Map<String, Definition> postgresIndexes(String table) {
        Map<String, Definition> definitions = new LinkedHashMap<>();
        jdbc.query(
                "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = current_schema() "
                        + "AND i.tablename = ? AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
                rs -> {
                    // CREATE [UNIQUE] INDEX name ON schema.table USING btree (columns)
                    String definition = rs.getString(2);
                    definitions.put(
                            rs.getString(1).toLowerCase(Locale.ROOT),
                            new Definition(
                                    definition.startsWith("CREATE UNIQUE "),
                                    definition.substring(definition.indexOf(" USING ") + 1)));
                },
                table.toLowerCase(Locale.ROOT));
        return definitions;
    }

    /** The non-unique ones (unique indexes are left in place: a load would keep to them anyway). */
    private Map<String, Definition> h2Indexes(String table) {
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
        Map<String, Definition> definitions = new LinkedHashMap<>();
        columns.forEach((name, cols) -> definitions.put(
                name.toLowerCase(Locale.ROOT), new Definition(false, "(" + String.join(", ", cols) + ")")));
        return definitions;
    }
}
