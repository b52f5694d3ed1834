package com.controlpanel.provisioning.directory;

import com.controlpanel.provisioning.domain.api.CredentialId;
import com.controlpanel.provisioning.domain.api.MemberId;
import com.controlpanel.provisioning.domain.api.MemberProfile;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.domain.api.Source;
import com.controlpanel.provisioning.domain.api.TeamId;
import com.controlpanel.provisioning.domain.api.TeamName;
import com.controlpanel.provisioning.domain.api.TenantId;
import com.controlpanel.provisioning.rebuild.RowSink;
import com.controlpanel.provisioning.storage.StorableInstants;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The directory's rows in one slot's tables, read and written in the caller's transaction. */
final class JdbcDirectoryStore implements DirectoryStore {

    static final String MEMBER_COLUMNS = "member_id, organization_id, source, active, user_name, user_name_key, "
            + "external_id, display_name, display_name_key, given_name_key, family_name_key, email, email_key, "
            + "label, label_key, profile, created_at, last_modified_at, version";
    static final String TEAM_COLUMNS = "team_id, organization_id, source, display_name, name_key, external_id, "
            + "member_count, created_at, last_modified_at, version, members_digest, search_key, name_order";
    static final String ORGANIZATION_COLUMNS = "organization_id, name, tenant_id, provisioning_enabled, "
            + "credential_id, token_issued_at, created_at, version";
    private static final Logger LOG = LoggerFactory.getLogger(JdbcDirectoryStore.class);
    private static final int BATCH = 1000;
    /** The length of {@code dir_team.search_key}: a name of 256 characters, with room for what folding spells out. */
    static final int MAX_SEARCH_KEY = 1024;
    /** The transaction resource holding the members whose memberships are settled after it commits. */
    private static final String SETTLE_KEY = JdbcDirectoryStore.class.getName() + ".settle:";

    private final JdbcTemplate jdbc;
    private final DirectoryTables tables;
    private final ObjectMapper json;
    private final RowMapper<MemberRow> memberMapper;
    private final RowMapper<TeamRow> teamMapper = JdbcDirectoryStore::team;
    private final RowMapper<OrganizationRow> organizationMapper = JdbcDirectoryStore::organization;

    JdbcDirectoryStore(JdbcTemplate jdbc, DirectoryTables tables, ObjectMapper json) {
        this.jdbc = jdbc;
        this.tables = tables;
        this.json = json;
        this.memberMapper = (rs, n) -> member(rs, json);
    }

    DirectoryTables tables() {
        return tables;
    }

    @Override
    public Optional<OrganizationRow> organization(OrganizationId organizationId) {
        return jdbc
                .query(
                        "SELECT " + ORGANIZATION_COLUMNS + " FROM " + tables.organization()
                                + " WHERE organization_id = ?",
                        organizationMapper,
                        organizationId.value())
                .stream()
                .findFirst();
    }

    @Override
    public void putOrganization(OrganizationRow row) {
        int updated = jdbc.update(
                "UPDATE " + tables.organization() + " SET name = ?, tenant_id = ?, provisioning_enabled = ?, "
                        + "credential_id = ?, token_issued_at = ?, created_at = ?, version = ? WHERE organization_id = ?",
                row.name(),
                row.tenantId().value(),
                row.provisioningEnabled(),
                row.credentialId() == null ? null : row.credentialId().value(),
                time(row.tokenIssuedAt()),
                time(row.createdAt()),
                row.version(),
                row.organizationId().value());
        if (updated == 0) {
            jdbc.update(
                    "INSERT INTO " + tables.organization() + " (" + ORGANIZATION_COLUMNS + ") VALUES (?,?,?,?,?,?,?,?)",
                    organizationValues(row));
        }
    }

    @Override
    public Optional<MemberRow> member(MemberId memberId) {
        return jdbc
                .query(
                        "SELECT " + MEMBER_COLUMNS + " FROM " + tables.member() + " WHERE member_id = ?",
                        memberMapper,
                        memberId.value())
                .stream()
                .findFirst();
    }

    @Override
    public void insertMember(MemberRow row) {
        jdbc.update(
                "INSERT INTO " + tables.member() + " (" + MEMBER_COLUMNS
                        + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                memberValues(row, json));
        insertIndex(List.of(row));
    }

    @Override
    public void updateMember(MemberRow row) {
        jdbc.update(
                "UPDATE " + tables.member()
                        + " SET source = ?, active = ?, user_name = ?, user_name_key = ?, external_id = ?, "
                        + "display_name = ?, display_name_key = ?, given_name_key = ?, family_name_key = ?, email = ?, "
                        + "email_key = ?, label = ?, label_key = ?, profile = ?, last_modified_at = ?, version = ? "
                        + "WHERE member_id = ?",
                shift(memberValues(row, json)));
    }

    @Override
    public void updateMemberProfile(MemberRow row) {
        updateMember(row);
        deleteIndex(row.memberId());
        insertIndex(List.of(row));
    }

    @Override
    public void deleteMember(MemberId memberId) {
        deleteIndex(memberId);
        jdbc.update("DELETE FROM " + tables.member() + " WHERE member_id = ?", memberId.value());
    }

    @Override
    public Optional<TeamRow> team(TeamId teamId) {
        return jdbc
                .query(
                        "SELECT " + TEAM_COLUMNS + " FROM " + tables.team() + " WHERE team_id = ?",
                        teamMapper,
                        teamId.value())
                .stream()
                .findFirst();
    }

    @Override
    public void insertTeam(TeamRow row) {
        jdbc.update(
                "INSERT INTO " + tables.team() + " (" + TEAM_COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                teamValues(row));
    }

    @Override
    public void updateTeam(TeamRow row, int memberCountChange, long membersDigestChange) {
        jdbc.update(
                "UPDATE " + tables.team() + " SET source = ?, display_name = ?, name_key = ?, external_id = ?, "
                        + "last_modified_at = ?, version = ?, member_count = member_count + ?, "
                        + "members_digest = members_digest + ?, search_key = ?, name_order = ? WHERE team_id = ?",
                row.source().name(),
                row.displayName().value(),
                row.displayName().key(),
                row.externalId(),
                time(row.lastModifiedAt()),
                row.version(),
                memberCountChange,
                membersDigestChange,
                searchKey(row.displayName().value()),
                ProfileIndex.orderKey(row.displayName().value()),
                row.teamId().value());
    }

    @Override
    public void addToTeam(TeamId teamId, int memberCountChange, long membersDigestChange) {
        jdbc.update(
                "UPDATE " + tables.team() + " SET member_count = member_count + ?, "
                        + "members_digest = members_digest + ? WHERE team_id = ?",
                memberCountChange,
                membersDigestChange,
                teamId.value());
    }

    @Override
    public void deleteTeam(TeamId teamId) {
        jdbc.update("DELETE FROM " + tables.membership() + " WHERE team_id = ?", teamId.value());
        jdbc.update("DELETE FROM " + tables.team() + " WHERE team_id = ?", teamId.value());
    }

    @Override
    public boolean addMembership(OrganizationId organizationId, TeamId teamId, MemberId memberId, Instant at) {
        Integer present = jdbc.query(
                "SELECT COUNT(*) FROM " + tables.membership() + " WHERE team_id = ? AND member_id = ?",
                (rs) -> rs.next() ? rs.getInt(1) : 0,
                teamId.value(),
                memberId.value());
        if (present != null && present > 0) {
            return false;
        }
        jdbc.update(
                "INSERT INTO " + tables.membership()
                        + " (team_id, member_id, organization_id, added_at) VALUES (?,?,?,?)",
                teamId.value(),
                memberId.value(),
                organizationId.value(),
                time(at));
        return true;
    }

    @Override
    public boolean removeMembership(TeamId teamId, MemberId memberId) {
        return jdbc.update(
                        "DELETE FROM " + tables.membership() + " WHERE team_id = ? AND member_id = ?",
                        teamId.value(),
                        memberId.value())
                > 0;
    }

    @Override
    public List<TeamId> teamsOf(MemberId memberId) {
        return jdbc.query(
                "SELECT team_id FROM " + tables.membership() + " WHERE member_id = ? ORDER BY team_id",
                (rs, n) -> new TeamId(rs.getString(1)),
                memberId.value());
    }

    @Override
    public void settleMembershipsOf(MemberId memberId) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            settle(Set.of(memberId));
            return;
        }
        String key = SETTLE_KEY + tables.membership();
        @SuppressWarnings("unchecked")
        Set<MemberId> pending = (Set<MemberId>) TransactionSynchronizationManager.getResource(key);
        if (pending == null) {
            Set<MemberId> members = new LinkedHashSet<>();
            TransactionSynchronizationManager.bindResource(key, members);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public int getOrder() {
                    // before the wait for the store's checkpoint (H2GroupCommit), which then covers this commit too
                    return Ordered.HIGHEST_PRECEDENCE;
                }

                @Override
                public void suspend() {
                    TransactionSynchronizationManager.unbindResourceIfPossible(key);
                }

                @Override
                public void resume() {
                    TransactionSynchronizationManager.bindResource(key, members);
                }

                @Override
                public void afterCommit() {
                    settleOnCommittedConnection(members);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(key);
                }
            });
            pending = members;
        }
        pending.add(memberId);
    }

    /**
     * Settles on the connection of the transaction that has just committed, still bound to the thread, as a
     * transaction of its own committed here. Not on a connection of its own: every command's thread would then hold
     * one connection while waiting for a second, and under load (as many commands as the pool has connections) each
     * would wait out the pool's timeout.
     */
    private void settleOnCommittedConnection(Collection<MemberId> members) {
        DataSource dataSource = jdbc.getDataSource();
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            settle(members);
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        } catch (SQLException | RuntimeException e) {
            try {
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                }
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            // the command is committed and done; a membership left over is dropped by LeftoverMemberships' sweep
            LOG.warn("Could not settle the memberships of members {} in slot {}", members, tables.slot(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /**
     * Drops every membership of this slot whose member is gone, counted off its team: what a settlement that never ran
     * left behind (its node stopped between the commit and the settlement, or the settlement failed). Returns how many
     * memberships it dropped.
     */
    int settleLeftovers() {
        List<MemberId> gone = jdbc.query(
                "SELECT DISTINCT ms.member_id FROM " + tables.membership() + " ms WHERE NOT EXISTS (SELECT 1 FROM "
                        + tables.member() + " m WHERE m.member_id = ms.member_id) ORDER BY ms.member_id",
                (rs, n) -> new MemberId(rs.getString(1)));
        return settle(gone);
    }

    /** Drops the memberships of those of these members that are gone, counted off their teams; returns how many. */
    private int settle(Collection<MemberId> memberIds) {
        int dropped = 0;
        List<String> ids = memberIds.stream().map(MemberId::value).toList();
        for (int from = 0; from < ids.size(); from += BATCH) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + BATCH));
            List<String[]> stale = jdbc.query(
                    "SELECT ms.team_id, ms.member_id FROM " + tables.membership() + " ms WHERE ms.member_id IN ("
                            + String.join(",", Collections.nCopies(chunk.size(), "?"))
                            + ") AND NOT EXISTS (SELECT 1 FROM " + tables.member()
                            + " m WHERE m.member_id = ms.member_id) ORDER BY ms.team_id, ms.member_id",
                    (rs, n) -> new String[] {rs.getString(1), rs.getString(2)},
                    chunk.toArray());
            for (String[] membership : stale) {
                TeamId teamId = new TeamId(membership[0]);
                MemberId memberId = new MemberId(membership[1]);
                // two settlements of one membership: only the one that deleted the row counts it off
                if (removeMembership(teamId, memberId)) {
                    addToTeam(teamId, -1, -ShownDigests.member(memberId));
                    dropped++;
                }
            }
        }
        return dropped;
    }

    /** Empties every table of this slot. */
    void truncate() {
        for (String table : tables.all()) {
            jdbc.update("TRUNCATE TABLE " + table);
        }
    }

    /** Writes a whole folded directory into this (empty) slot in batches. */
    void writeAll(InMemoryDirectoryStore folded) {
        writeAll(folded, inserting());
    }

    /** The folded directory's rows, table by table, into a sink: written into this slot, or summed to compare. */
    void writeAll(InMemoryDirectoryStore folded, RowSink sink) {
        sink.rows(
                tables.organization(),
                ORGANIZATION_COLUMNS,
                folded.organizations().stream()
                        .map(JdbcDirectoryStore::organizationValues)
                        .toList());
        List<MemberRow> members = new ArrayList<>(folded.members());
        for (int from = 0; from < members.size(); from += BATCH) {
            List<MemberRow> chunk = members.subList(from, Math.min(members.size(), from + BATCH));
            sink.rows(
                    tables.member(),
                    MEMBER_COLUMNS,
                    chunk.stream().map(row -> memberValues(row, json)).toList());
            indexRows(chunk, sink);
        }
        sink.rows(
                tables.team(),
                TEAM_COLUMNS,
                folded.teams().stream().map(JdbcDirectoryStore::teamValues).toList());
        List<Object[]> memberships = new ArrayList<>();
        for (var team : folded.memberships().entrySet()) {
            TeamRow row = folded.team(team.getKey()).orElse(null);
            if (row == null) {
                continue;
            }
            for (Map.Entry<MemberId, Instant> member : team.getValue().entrySet()) {
                memberships.add(new Object[] {
                    team.getKey().value(),
                    member.getKey().value(),
                    row.organizationId().value(),
                    time(member.getValue())
                });
            }
        }
        sink.rows(tables.membership(), "team_id, member_id, organization_id, added_at", memberships);
    }

    /** Inserts the rows given into this slot's tables, in batches. */
    private RowSink inserting() {
        return (table, columns, rows) -> batch(
                "INSERT INTO " + table + " (" + columns + ") VALUES ("
                        + String.join(",", Collections.nCopies(columns.split(",").length, "?")) + ")",
                rows);
    }

    private void insertIndex(List<MemberRow> rows) {
        indexRows(rows, inserting());
    }

    private void indexRows(List<MemberRow> rows, RowSink sink) {
        List<Object[]> attributes = new ArrayList<>();
        List<Object[]> terms = new ArrayList<>();
        for (MemberRow row : rows) {
            for (ProfileIndex.Attribute attribute : ProfileIndex.attributes(row.profile())) {
                attributes.add(new Object[] {
                    row.memberId().value(),
                    row.organizationId().value(),
                    attribute.path(),
                    attribute.ordinal(),
                    attribute.value()
                });
            }
            for (String term : ProfileIndex.terms(row.profile())) {
                terms.add(new Object[] {
                    row.memberId().value(), row.organizationId().value(), term
                });
            }
        }
        sink.rows(tables.memberAttribute(), "member_id, organization_id, path, ordinal, value_key", attributes);
        sink.rows(tables.memberTerm(), "member_id, organization_id, term", terms);
    }

    private void deleteIndex(MemberId memberId) {
        jdbc.update("DELETE FROM " + tables.memberAttribute() + " WHERE member_id = ?", memberId.value());
        jdbc.update("DELETE FROM " + tables.memberTerm() + " WHERE member_id = ?", memberId.value());
    }

    private void batch(String sql, List<Object[]> rows) {
        for (int from = 0; from < rows.size(); from += BATCH) {
            jdbc.batchUpdate(sql, rows.subList(from, Math.min(rows.size(), from + BATCH)));
        }
    }

    private static Object[] organizationValues(OrganizationRow row) {
        return new Object[] {
            row.organizationId().value(),
            row.name(),
            row.tenantId().value(),
            row.provisioningEnabled(),
            row.credentialId() == null ? null : row.credentialId().value(),
            time(row.tokenIssuedAt()),
            time(row.createdAt()),
            row.version()
        };
    }

    static Object[] memberValues(MemberRow row, ObjectMapper json) {
        MemberProfile profile = row.profile();
        // what the member list sorts by name: lower-cased and without accents (SCIM compares the label itself)
        String label = ProfileIndex.orderKey(profile.label());
        return new Object[] {
            row.memberId().value(),
            row.organizationId().value(),
            row.source().name(),
            row.active(),
            profile.userName().value(),
            profile.userName().key(),
            profile.externalId(),
            profile.displayName(),
            lower(profile.displayName()),
            lower(profile.name().givenName()),
            lower(profile.name().familyName()),
            truncate(profile.email(), 254),
            lower(truncate(profile.email(), 254)),
            TeamMember.display(profile),
            label,
            write(json, profile),
            time(row.createdAt()),
            time(row.lastModifiedAt()),
            row.version()
        };
    }

    /**
     * The update statement's parameters: every column but the three that never change (the member's id, its
     * organization and when it was created), then the key.
     */
    private static Object[] shift(Object[] insertValues) {
        Object[] values = new Object[17];
        System.arraycopy(insertValues, 2, values, 0, 14);
        values[14] = insertValues[17];
        values[15] = insertValues[18];
        values[16] = insertValues[0];
        return values;
    }

    static Object[] teamValues(TeamRow row) {
        return new Object[] {
            row.teamId().value(),
            row.organizationId().value(),
            row.source().name(),
            row.displayName().value(),
            row.displayName().key(),
            row.externalId(),
            row.memberCount(),
            time(row.createdAt()),
            time(row.lastModifiedAt()),
            row.version(),
            row.membersDigest(),
            searchKey(row.displayName().value()),
            ProfileIndex.orderKey(row.displayName().value())
        };
    }

    /**
     * What the team list's search reads of a team's name: lower-cased and without accents, as the member search reads
     * names ("equipe" finds Équipe), kept apart from {@code name_key}, which SCIM's {@code displayName eq} compares.
     */
    static String searchKey(String name) {
        String folded = ProfileIndex.folded(name);
        return folded.length() > MAX_SEARCH_KEY ? folded.substring(0, MAX_SEARCH_KEY) : folded;
    }

    static MemberRow member(ResultSet rs, ObjectMapper json) throws SQLException {
        return new MemberRow(
                new MemberId(rs.getString("member_id")),
                new OrganizationId(rs.getString("organization_id")),
                Source.valueOf(rs.getString("source")),
                rs.getBoolean("active"),
                read(json, rs.getString("profile")),
                instant(rs, "created_at"),
                instant(rs, "last_modified_at"),
                rs.getLong("version"));
    }

    static TeamRow team(ResultSet rs, int rowNum) throws SQLException {
        return new TeamRow(
                new TeamId(rs.getString("team_id")),
                new OrganizationId(rs.getString("organization_id")),
                Source.valueOf(rs.getString("source")),
                new TeamName(rs.getString("display_name")),
                rs.getString("external_id"),
                rs.getInt("member_count"),
                instant(rs, "created_at"),
                instant(rs, "last_modified_at"),
                rs.getLong("version"),
                rs.getLong("members_digest"));
    }

    static OrganizationRow organization(ResultSet rs, int rowNum) throws SQLException {
        String credential = rs.getString("credential_id");
        return new OrganizationRow(
                new OrganizationId(rs.getString("organization_id")),
                rs.getString("name"),
                new TenantId(rs.getString("tenant_id")),
                rs.getBoolean("provisioning_enabled"),
                credential == null ? null : new CredentialId(credential),
                instant(rs, "token_issued_at"),
                instant(rs, "created_at"),
                rs.getLong("version"));
    }

    static OffsetDateTime time(Instant instant) {
        return instant == null ? null : StorableInstants.utc(instant);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static String lower(String value) {
        return value == null ? null : ProfileIndex.key(value, 256);
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    private static String write(ObjectMapper json, MemberProfile profile) {
        try {
            return json.writeValueAsString(profile);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A member profile could not be written as JSON", e);
        }
    }

    static MemberProfile read(ObjectMapper json, String text) {
        try {
            return json.readValue(text, MemberProfile.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored member profile could not be read", e);
        }
    }
}
