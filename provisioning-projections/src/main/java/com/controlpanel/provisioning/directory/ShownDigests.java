package com.controlpanel.provisioning.directory;

import com.controlpanel.provisioning.domain.api.MemberId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * What a resource shows of other resources, as one number: a team lists its members, a member its teams (id and
 * name). These change without an event of the resource itself (a member deleted is no event of its teams; a member
 * joining a team or a team renamed is no event of the member), so the resource's version alone can not tell whether
 * its representation changed: SCIM's ETag is the version and this digest together.
 *
 * <p>The digest of a set is the sum of a 40-bit hash of each element: it can be kept up to date by adding and
 * subtracting (in SQL too, with no overflow below 2<sup>23</sup> elements), depends only on the set (not on the order
 * or the history that made it, so a rebuild and {@link #recompute} give the same number) and is 0 for the empty set.
 * A team keeps its members' digest in its row ({@link TeamRow#membersDigest()}: a Group list need not read every
 * member); it covers who the members are, not the names they are shown with (a member's own name is its own, and
 * following it would make every membership wait on the member's row). A member's teams are read with it wherever it
 * is shown, and their digest, names included, computed then ({@link #teams}).
 */
public final class ShownDigests {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private ShownDigests() {}

    /** One element: the id of the resource shown and the text shown for it (a team's name; none for a member). */
    public static long of(String id, String shown) {
        long hash = FNV_OFFSET;
        hash = mix(hash, id);
        hash = (hash ^ 0xffff) * FNV_PRIME;
        hash = mix(hash, shown == null ? "" : shown);
        // splitmix64's finalizer spreads every input bit over the output before the top 40 bits are kept
        hash = (hash ^ (hash >>> 30)) * 0xbf58476d1ce4e5b9L;
        hash = (hash ^ (hash >>> 27)) * 0x94d049bb133111ebL;
        hash = hash ^ (hash >>> 31);
        return hash >>> 24;
    }

    /** The digest of the teams a member shows. */
    public static long teams(Collection<TeamRef> teams) {
        long digest = 0;
        for (TeamRef team : teams) {
            digest += of(team.teamId().value(), team.name());
        }
        return digest;
    }

    /** A member as its teams' digest counts it. */
    static long member(MemberId member) {
        return member(member.value());
    }

    private static long member(String memberId) {
        return of(memberId, "");
    }

    private static long mix(long hash, String text) {
        for (int i = 0; i < text.length(); i++) {
            hash = (hash ^ text.charAt(i)) * FNV_PRIME;
        }
        return hash;
    }

    /**
     * Computes every team's digest of one directory slot ({@code a} or {@code b}) from its memberships, as the
     * projection would have kept it: for tables that held no digests before.
     */
    public static void recompute(Connection connection, String slot) throws SQLException {
        DirectoryTables t = DirectoryTables.of(slot);
        Map<String, Long> teams = new HashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT team_id, member_id FROM " + t.membership())) {
            while (rs.next()) {
                teams.merge(rs.getString(1), member(rs.getString(2)), Long::sum);
            }
        }
        try (PreparedStatement update =
                connection.prepareStatement("UPDATE " + t.team() + " SET members_digest = ? WHERE team_id = ?")) {
            int pending = 0;
            for (Map.Entry<String, Long> digest : teams.entrySet()) {
                update.setLong(1, digest.getValue());
                update.setString(2, digest.getKey());
                update.addBatch();
                if (++pending == 1000) {
                    update.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                update.executeBatch();
            }
        }
    }
}
