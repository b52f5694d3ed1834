package com.controlpanel.provisioning.storage;

import com.controlpanel.provisioning.domain.api.CaseInsensitive;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys stored before texts were compared by {@link CaseInsensitive} (lower-cased alone: "oς@x.com" and
 * "oσ@x.com" had two keys), made again: every key that folds further is written as {@link CaseInsensitive#key} makes
 * it now, in the command side's lookups, the admin accounts and both slots of the directory. A key that another row
 * of its scope already holds (two userNames that lower-casing kept apart, both stored) stays as it was, with a
 * warning: both rows stay, and each is still found by its own key.
 */
public final class CaseKeys {

    private static final Logger log = LoggerFactory.getLogger(CaseKeys.class);

    /** A column of keys: its table, the column, the row's identity, and the columns whose keys must stay unique. */
    private record KeyColumn(String table, String column, List<String> identity, String uniqueWithin) {}

    private CaseKeys() {}

    /** Makes the keys again; returns how many were written. */
    public static int refold(Connection connection) throws SQLException {
        List<KeyColumn> columns = new ArrayList<>();
        columns.add(new KeyColumn("cs_member", "user_name_key", List.of("member_id"), "organization_id"));
        columns.add(new KeyColumn("cs_team", "name_key", List.of("team_id"), "organization_id"));
        columns.add(new KeyColumn("admin_account", "email_key", List.of("admin_id"), ""));
        for (String slot : new String[] {"a", "b"}) {
            for (String column :
                    List.of("user_name_key", "display_name_key", "given_name_key", "family_name_key", "email_key")) {
                columns.add(new KeyColumn("dir_member_" + slot, column, List.of("member_id"), null));
            }
            columns.add(new KeyColumn("dir_team_" + slot, "name_key", List.of("team_id"), null));
            columns.add(new KeyColumn(
                    "dir_member_attr_" + slot, "value_key", List.of("member_id", "path", "ordinal"), null));
        }
        int written = 0;
        for (KeyColumn column : columns) {
            written += refold(connection, column);
        }
        return written;
    }

    private static int refold(Connection connection, KeyColumn key) throws SQLException {
        List<String> identity = key.identity();
        boolean unique = key.uniqueWithin() != null;
        String scope = unique && !key.uniqueWithin().isEmpty() ? key.uniqueWithin() : null;
        List<Object[]> found = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            statement.setFetchSize(1000);
            String select = "SELECT " + key.column() + ", " + String.join(", ", identity)
                    + (scope == null ? "" : ", " + scope) + " FROM " + key.table() + " WHERE " + key.column()
                    + " IS NOT NULL";
            try (ResultSet rs = statement.executeQuery(select)) {
                while (rs.next()) {
                    String stored = rs.getString(1);
                    if (CaseInsensitive.foldsFurther(stored)) {
                        Object[] row = new Object[identity.size() + (scope == null ? 1 : 2)];
                        for (int i = 0; i < row.length; i++) {
                            row[i] = rs.getObject(i + 1);
                        }
                        found.add(row);
                    }
                }
            }
        }
        if (found.isEmpty()) {
            return 0;
        }
        StringBuilder where = new StringBuilder(" WHERE ").append(key.column()).append(" = ?");
        for (String column : identity) {
            where.append(" AND ").append(column).append(" = ?");
        }
        String taken = "SELECT COUNT(*) FROM " + key.table() + " WHERE " + key.column() + " = ?"
                + (scope == null ? "" : " AND " + scope + " = ?");
        int written = 0;
        try (PreparedStatement update =
                        connection.prepareStatement("UPDATE " + key.table() + " SET " + key.column() + " = ?" + where);
                PreparedStatement check = connection.prepareStatement(taken)) {
            for (Object[] row : found) {
                String stored = (String) row[0];
                String folded = CaseInsensitive.key(stored);
                if (unique && holds(check, folded, scope == null ? null : row[row.length - 1])) {
                    log.warn(
                            "{}.{}: the key {} of {} is kept as it was: another row holds {}, its case-insensitive"
                                    + " form",
                            key.table(),
                            key.column(),
                            stored,
                            row[1],
                            folded);
                    continue;
                }
                update.setString(1, folded);
                update.setString(2, stored);
                for (int i = 0; i < identity.size(); i++) {
                    update.setObject(3 + i, row[1 + i]);
                }
                written += update.executeUpdate();
            }
        }
        log.info("{}.{}: {} keys written in their case-insensitive form", key.table(), key.column(), written);
        return written;
    }

    private static boolean holds(PreparedStatement check, String folded, Object scope) throws SQLException {
        check.setString(1, folded);
        if (scope != null) {
            check.setObject(2, scope);
        }
        try (ResultSet rs = check.executeQuery()) {
            return rs.next() && rs.getLong(1) > 0;
        }
    }
}
