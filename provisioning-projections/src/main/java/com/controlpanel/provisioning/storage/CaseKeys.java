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
 * warning: both rows stay. Schema 20 records each such row in {@code kept_case_key} under the key it would have
 * ({@link #recordKept}), where the lookups by userName, team name and email find it too: a row of the same key is
 * not made again beside it, nor is it renamed into the other's name.
 */
public final class CaseKeys {

    private static final Logger log = LoggerFactory.getLogger(CaseKeys.class);

    /** A column of keys: its table, the column, the row's identity, and the columns whose keys must stay unique. */
    private record KeyColumn(String table, String column, List<String> identity, String uniqueWithin) {}

    /** {@code kept_case_key.kind} of a member's userName in {@code cs_member}. */
    public static final String MEMBER = "member";
    /** {@code kept_case_key.kind} of a team's name in {@code cs_team}. */
    public static final String TEAM = "team";
    /** {@code kept_case_key.kind} of an admin's email in {@code admin_account} (organization ''). */
    public static final String ADMIN = "admin";

    /** A unique key column and the kind its kept keys are recorded as. */
    private record UniqueKeys(String kind, String table, String id, String organization, String column) {}

    private static final List<UniqueKeys> UNIQUE_KEYS = List.of(
            new UniqueKeys(MEMBER, "cs_member", "member_id", "organization_id", "user_name_key"),
            new UniqueKeys(TEAM, "cs_team", "team_id", "organization_id", "name_key"),
            new UniqueKeys(ADMIN, "admin_account", "admin_id", "''", "email_key"));

    private CaseKeys() {}

    /**
     * The query of the rows recorded in {@code kept_case_key} as holding a case-insensitive key beside another's, while
     * they still hold their former key: {@code columns} of that kind's table (aliased {@code x}), for the
     * organization ('' for an admin) and the case-insensitive key as its two arguments.
     */
    public static String keptHolders(String kind, String columns) {
        UniqueKeys keys = UNIQUE_KEYS.stream()
                .filter(candidate -> candidate.kind().equals(kind))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No kept keys of kind " + kind));
        return "SELECT " + columns + " FROM kept_case_key k JOIN " + keys.table() + " x ON x." + keys.id()
                + " = k.id AND x." + keys.column() + " = k.stored_key WHERE k.kind = '" + kind
                + "' AND k.organization_id = ? AND k.folded_key = ?";
    }

    /**
     * Records in {@code kept_case_key} every unique key {@link #refold} kept as it was: the rows whose key folds
     * further (every other row's key is written folded since schema 19), each under its folded key. A row recorded
     * already is left as it is. Returns how many were recorded.
     */
    public static int recordKept(Connection connection) throws SQLException {
        int recorded = 0;
        try (PreparedStatement known =
                        connection.prepareStatement("SELECT COUNT(*) FROM kept_case_key WHERE kind = ? AND id = ?");
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO kept_case_key (kind, id, organization_id, stored_key, folded_key)"
                                + " VALUES (?, ?, ?, ?, ?)")) {
            for (UniqueKeys keys : UNIQUE_KEYS) {
                List<String[]> kept = new ArrayList<>();
                try (Statement statement = connection.createStatement()) {
                    statement.setFetchSize(1000);
                    try (ResultSet rs = statement.executeQuery("SELECT " + keys.id() + ", " + keys.organization() + ", "
                            + keys.column() + " FROM " + keys.table())) {
                        while (rs.next()) {
                            if (CaseInsensitive.foldsFurther(rs.getString(3))) {
                                kept.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
                            }
                        }
                    }
                }
                for (String[] row : kept) {
                    known.setString(1, keys.kind());
                    known.setString(2, row[0]);
                    try (ResultSet rs = known.executeQuery()) {
                        if (rs.next() && rs.getLong(1) > 0) {
                            continue;
                        }
                    }
                    insert.setString(1, keys.kind());
                    insert.setString(2, row[0]);
                    insert.setString(3, row[1]);
                    insert.setString(4, row[2]);
                    insert.setString(5, CaseInsensitive.key(row[2]));
                    recorded += insert.executeUpdate();
                    log.warn(
                            "{}.{}: {} keeps its key {} beside another row's {}; it is found by both, and the two"
                                    + " are one name for every new row or rename",
                            keys.table(),
                            keys.column(),
                            row[0],
                            row[2],
                            CaseInsensitive.key(row[2]));
                }
            }
        }
        return recorded;
    }

    /** Makes the keys again; returns how many were written. */
    public static int refold(Connection connection) throws SQLException {
        List<KeyColumn> columns = new ArrayList<>();
        for (UniqueKeys keys : UNIQUE_KEYS) {
            // unique within the organization, an admin's email within the deployment
            String within = keys.organization().equals("''") ? "" : keys.organization();
            columns.add(new KeyColumn(keys.table(), keys.column(), List.of(keys.id()), within));
        }
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
