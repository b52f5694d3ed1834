package com.controlpanel.provisioning.storage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The read models' text compares character by character on PostgreSQL too (collation {@code "C"}), as on H2.
 *
 * <p>A PostgreSQL database takes its collation from where it was created; the {@code postgres} image's default is
 * {@code en_US.utf8}, whose order passes over punctuation and spaces at first. Under it the queries of the read models
 * went wrong in two ways: a range such as {@code path >= 'emails.' AND path < 'emails/'} (every value under an
 * attribute) held nothing, since the two bounds differ only in punctuation; and a word searched as
 * {@code term LIKE 'ana%'} could not be read from the term index (PostgreSQL reads a prefix from a B-tree only under
 * {@code "C"}), so each search read every term of the database. The lists' name order also differed from H2's. Made
 * {@code "C"}, the read models' columns order, compare and match alike on both stores; their indexes are rebuilt with
 * them (no table is rewritten: the type stays).
 *
 * <p>Every text column of the read models' tables ({@code dir_*}, {@code activity*}) in the current schema is made so:
 * a read model's table added later is covered when its migration calls this again (it skips columns already in
 * {@code "C"}). The event store and the command side's tables are left alone: they compare text only for equality.
 * Under {@code "C"}, PostgreSQL's {@code LOWER} lower-cases ASCII only: a query that lower-cases a name says so through
 * {@link SqlLower}.
 */
public final class ReadModelCollation {

    private static final String COLUMNS_TO_CHANGE =
            "SELECT table_name, column_name, data_type, character_maximum_length"
                    + " FROM information_schema.columns WHERE table_schema = current_schema()"
                    + " AND (table_name LIKE 'dir!_%' ESCAPE '!' OR table_name LIKE 'activity%')"
                    + " AND data_type IN ('character varying', 'text') AND (collation_name IS NULL OR collation_name <> 'C')"
                    + " ORDER BY table_name, ordinal_position";

    private ReadModelCollation() {}

    /** Makes the read models' text columns {@code "C"} on PostgreSQL (one statement per table); nothing on H2. */
    public static void applyTo(Connection connection) throws SQLException {
        if (!SharedDatabase.isPostgres(connection)) {
            return;
        }
        Map<String, List<String>> changes = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet columns = statement.executeQuery(COLUMNS_TO_CHANGE)) {
            while (columns.next()) {
                int length = columns.getInt(4);
                boolean unbounded = columns.wasNull() || columns.getString(3).equals("text");
                String type = unbounded ? "TEXT" : "VARCHAR(" + length + ")";
                changes.computeIfAbsent(columns.getString(1), table -> new ArrayList<>())
                        .add("ALTER COLUMN " + columns.getString(2) + " TYPE " + type + " COLLATE \"C\"");
            }
        }
        try (Statement statement = connection.createStatement()) {
            for (Map.Entry<String, List<String>> table : changes.entrySet()) {
                statement.execute("ALTER TABLE " + table.getKey() + " " + String.join(", ", table.getValue()));
            }
        }
    }
}
