package com.controlpanel.provisioning.directory;

import com.controlpanel.provisioning.domain.api.MemberId;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.domain.api.TeamId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Filtered, ordered, paged searches of an organization's members and teams, evaluated in the database (see
 * {@link FilterSql}): a filter never loads more rows than the page it answers.
 */
@Component
public class DirectorySearch {

    private static final int IN_LIST_CHUNK = 500;

    private final JdbcTemplate jdbc;
    private final DirectorySlots slots;

    public DirectorySearch(JdbcTemplate jdbc, DirectorySlots slots) {
        this.jdbc = jdbc;
        this.slots = slots;
    }

    /** The page of members the query asks for, and how many match in all. */
    public SearchResult<MemberRow> members(DirectorySearchQuery query) {
        DirectoryTables t = slots.live();
        Statement statement = memberStatement(t, query);
        List<MemberRow> rows = List.of();
        if (query.limit() > 0) {
            rows = jdbc.query(
                    statement.page(), (rs, n) -> JdbcDirectoryStore.member(rs, slots.json()), statement.pageArgs());
        }
        return new SearchResult<>(rows, total(statement, query, rows.size()));
    }

    /** The page of teams the query asks for, and how many match in all. */
    public SearchResult<TeamRow> teams(DirectorySearchQuery query) {
        DirectoryTables t = slots.live();
        FilterSql sql = new FilterSql(t, query.organizationId().value());
        String where = sql.teams(query.filter());
        List<Object> whereArgs = new ArrayList<>(sql.args());
        String order = sql.teamOrder(query.sortBy(), query.descending());
        Statement statement = new Statement(
                "SELECT " + DirectoryQueries.prefixed(JdbcDirectoryStore.TEAM_COLUMNS, "t"),
                " FROM " + t.team() + " t WHERE t.organization_id = ? AND " + where,
                " ORDER BY " + order,
                query,
                whereArgs,
                new ArrayList<>(sql.args().subList(whereArgs.size(), sql.args().size())));
        List<TeamRow> rows = List.of();
        if (query.limit() > 0) {
            rows = jdbc.query(statement.page(), JdbcDirectoryStore::team, statement.pageArgs());
        }
        return new SearchResult<>(rows, total(statement, query, rows.size()));
    }

    /** One member of the organization, as the directory has it now. */
    public Optional<MemberRow> member(OrganizationId organizationId, MemberId memberId) {
        return slots.liveStore()
                .member(memberId)
                .filter(row -> row.organizationId().equals(organizationId));
    }

    /** One team of the organization, as the directory has it now. */
    public Optional<TeamRow> team(OrganizationId organizationId, TeamId teamId) {
        return slots.liveStore().team(teamId).filter(row -> row.organizationId().equals(organizationId));
    }

    /** The members of each of these teams, in the order they joined. */
    public Map<TeamId, List<TeamMember>> membersOf(Collection<TeamId> teamIds) {
        Map<TeamId, List<TeamMember>> members = new LinkedHashMap<>();
        if (teamIds.isEmpty()) {
            return members;
        }
        DirectoryTables t = slots.live();
        List<TeamId> ids = new ArrayList<>(teamIds);
        for (int from = 0; from < ids.size(); from += IN_LIST_CHUNK) {
            List<TeamId> chunk = ids.subList(from, Math.min(ids.size(), from + IN_LIST_CHUNK));
            jdbc.query(
                    "SELECT ms.team_id, ms.member_id, mm.label FROM " + t.membership() + " ms JOIN " + t.member()
                            + " mm ON mm.member_id = ms.member_id WHERE ms.team_id IN ("
                            + String.join(",", Collections.nCopies(chunk.size(), "?"))
                            + ") ORDER BY ms.team_id, ms.added_at, ms.member_id",
                    rs -> {
                        members.computeIfAbsent(new TeamId(rs.getString(1)), id -> new ArrayList<>())
                                .add(new TeamMember(new MemberId(rs.getString(2)), rs.getString(3)));
                    },
                    chunk.stream().map(TeamId::value).toArray());
        }
        return members;
    }

    /**
     * How the database runs the page query of a member search ({@code EXPLAIN ANALYZE}): which index it uses and how
     * many rows it reads. For operators and for the tests that prove a filter does not scan.
     */
    public String explainMembers(DirectorySearchQuery query) {
        Statement statement = memberStatement(slots.live(), query);
        List<String> lines =
                jdbc.query("EXPLAIN ANALYZE " + statement.page(), (rs, n) -> rs.getString(1), statement.pageArgs());
        return String.join("\n", lines);
    }

    private Statement memberStatement(DirectoryTables t, DirectorySearchQuery query) {
        FilterSql sql = new FilterSql(t, query.organizationId().value());
        String where = sql.members(query.filter());
        List<Object> whereArgs = new ArrayList<>(sql.args());
        String order = sql.memberOrder(query.sortBy(), query.descending());
        return new Statement(
                "SELECT " + DirectoryQueries.prefixed(JdbcDirectoryStore.MEMBER_COLUMNS, "m"),
                " FROM " + t.member() + " m WHERE m.organization_id = ? AND " + where,
                " ORDER BY " + order,
                query,
                whereArgs,
                new ArrayList<>(sql.args().subList(whereArgs.size(), sql.args().size())));
    }

    /** The number of matches; a first page shorter than asked for is all of them, and needs no count. */
    private long total(Statement statement, DirectorySearchQuery query, int returned) {
        if (query.offset() == 0 && query.limit() > 0 && returned < query.limit()) {
            return returned;
        }
        Long total = jdbc.queryForObject(statement.count(), Long.class, statement.countArgs());
        return total == null ? 0 : total;
    }

    /** The parts of a search's SQL and their parameters. */
    private record Statement(
            String select,
            String from,
            String order,
            DirectorySearchQuery query,
            List<Object> whereArgs,
            List<Object> orderArgs) {

        String page() {
            return select + from + order + " LIMIT ? OFFSET ?";
        }

        Object[] pageArgs() {
            List<Object> args = new ArrayList<>(whereArgs.size() + orderArgs.size() + 3);
            args.add(query.organizationId().value());
            args.addAll(whereArgs);
            args.addAll(orderArgs);
            args.add(query.limit());
            args.add(query.offset());
            return args.toArray();
        }

        String count() {
            return "SELECT COUNT(*)" + from;
        }

        Object[] countArgs() {
            List<Object> args = new ArrayList<>(whereArgs.size() + 1);
            args.add(query.organizationId().value());
            args.addAll(whereArgs);
            return args.toArray();
        }
    }
}
