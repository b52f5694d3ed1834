package com.controlpanel.provisioning.directory;

import com.controlpanel.provisioning.eventstore.EventJson;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The search terms of a slot made again from the members' profiles, as the projection makes them now. Only
 * members whose searched names hold a character outside ASCII are rewritten: for the others the terms are the same
 * whichever way accents and marks are read.
 */
public final class SearchTerms {

    private SearchTerms() {}

    public static void recompute(Connection connection, String slot) throws SQLException {
        recompute(connection, slot, profile -> !ProfileIndex.isAscii(profile));
    }

    /**
     * The search terms, team search keys and order keys of the names holding a Greek sigma, made again now that the
     * final one is read as the other ({@link ProfileIndex#folded}); the others' stay as they are.
     */
    public static void recomputeSigmas(Connection connection, String slot) throws SQLException {
        Predicate<String> sigma = text -> text.indexOf('ς') >= 0
                || text.indexOf('Σ') >= 0
                || text.contains("\\u03c2")
                || text.contains("\\u03C2")
                || text.contains("\\u03a3")
                || text.contains("\\u03A3");
        recompute(connection, slot, sigma);
        recomputeTeams(connection, slot);
        recomputeOrder(connection, DirectoryTables.of(slot), sigma);
    }

    private static void recompute(Connection connection, String slot, Predicate<String> changed) throws SQLException {
        DirectoryTables t = DirectoryTables.of(slot);
        ObjectMapper json = EventJson.events();
        List<String[]> members = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            statement.setFetchSize(1000);
            try (ResultSet rs =
                    statement.executeQuery("SELECT member_id, organization_id, profile FROM " + t.member())) {
                while (rs.next()) {
                    String profile = rs.getString(3);
                    if (changed.test(profile)) {
                        members.add(new String[] {rs.getString(1), rs.getString(2), profile});
                    }
                }
            }
        }
        try (PreparedStatement delete =
                        connection.prepareStatement("DELETE FROM " + t.memberTerm() + " WHERE member_id = ?");
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO " + t.memberTerm() + " (member_id, organization_id, term) VALUES (?,?,?)")) {
            for (String[] member : members) {
                Set<String> terms = ProfileIndex.terms(JdbcDirectoryStore.read(json, member[2]));
                delete.setString(1, member[0]);
                delete.executeUpdate();
                for (String term : terms) {
                    insert.setString(1, member[0]);
                    insert.setString(2, member[1]);
                    insert.setString(3, term);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
    }

    /** The team list's search keys of a slot, made from the teams' names as the projection makes them now. */
    public static void recomputeTeams(Connection connection, String slot) throws SQLException {
        DirectoryTables t = DirectoryTables.of(slot);
        List<String[]> keys = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            statement.setFetchSize(1000);
            try (ResultSet rs = statement.executeQuery("SELECT team_id, display_name FROM " + t.team())) {
                while (rs.next()) {
                    keys.add(new String[] {JdbcDirectoryStore.searchKey(rs.getString(2)), rs.getString(1)});
                }
            }
        }
        update(connection, "UPDATE " + t.team() + " SET search_key = ? WHERE team_id = ?", keys);
    }

    /**
     * The keys that the member and team lists sorted by name are read in the order of ({@code label_key}, {@code
     * name_order}), made from the names as the projection makes them now. A name of ASCII letters only is sorted by
     * its lower-cased self, which its key already was: only the names with a character outside ASCII are folded (a
     * member's label read whole from its profile where the label column holds it cut), and the other teams' keys are
     * copied in one statement.
     */
    public static void recomputeOrder(Connection connection, String slot) throws SQLException {
        DirectoryTables t = DirectoryTables.of(slot);
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE " + t.team() + " SET name_order = name_key");
        }
        recomputeOrder(connection, t, name -> !ProfileIndex.isAscii(name));
    }

    /**
     * The same keys of the names that hold a number, which the lists now sort by its value ("Team 2" before "Team
     * 10"); the other names' keys stay as they are.
     */
    public static void recomputeNumberedOrder(Connection connection, String slot) throws SQLException {
        recomputeOrder(connection, DirectoryTables.of(slot), ProfileIndex::hasNumber);
    }

    /** Makes again the order keys of the members' labels and the teams' names that {@code changed} picks. */
    private static void recomputeOrder(Connection connection, DirectoryTables t, Predicate<String> changed)
            throws SQLException {
        ObjectMapper json = EventJson.events();
        List<String[]> keys = new ArrayList<>();
        List<String> cut = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            statement.setFetchSize(1000);
            try (ResultSet rs = statement.executeQuery("SELECT member_id, label FROM " + t.member())) {
                while (rs.next()) {
                    String label = rs.getString(2);
                    if (label.length() >= TeamMember.MAX_DISPLAY) {
                        cut.add(rs.getString(1));
                    } else if (changed.test(label)) {
                        keys.add(new String[] {ProfileIndex.orderKey(label), rs.getString(1)});
                    }
                }
            }
            // a label the column holds cut to its length: the whole one, from the profile
            try (PreparedStatement profile =
                    connection.prepareStatement("SELECT profile FROM " + t.member() + " WHERE member_id = ?")) {
                for (String memberId : cut) {
                    profile.setString(1, memberId);
                    try (ResultSet rs = profile.executeQuery()) {
                        if (rs.next()) {
                            String label = JdbcDirectoryStore.read(json, rs.getString(1))
                                    .label();
                            keys.add(new String[] {ProfileIndex.orderKey(label), memberId});
                        }
                    }
                }
            }
            update(connection, "UPDATE " + t.member() + " SET label_key = ? WHERE member_id = ?", keys);
            keys.clear();
            try (ResultSet rs = statement.executeQuery("SELECT team_id, display_name FROM " + t.team())) {
                while (rs.next()) {
                    if (changed.test(rs.getString(2))) {
                        keys.add(new String[] {ProfileIndex.orderKey(rs.getString(2)), rs.getString(1)});
                    }
                }
            }
        }
        update(connection, "UPDATE " + t.team() + " SET name_order = ? WHERE team_id = ?", keys);
    }

    /** Runs an update of one value by key ({@code {value, key}} each), a thousand rows to a batch. */
    private static void update(Connection connection, String sql, List<String[]> rows) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            for (int i = 0; i < rows.size(); i++) {
                update.setString(1, rows.get(i)[0]);
                update.setString(2, rows.get(i)[1]);
                update.addBatch();
                if (i % 1000 == 999) {
                    update.executeBatch();
                }
            }
            update.executeBatch();
        }
    }
}
