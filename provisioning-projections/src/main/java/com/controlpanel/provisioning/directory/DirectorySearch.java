package com.controlpanel.provisioning.directory;

import com.controlpanel.provisioning.domain.api.MemberId;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.domain.api.TeamId;
import com.controlpanel.provisioning.storage.SharedDatabase;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.RowMapperResultSetExtractor;
import org.springframework.stereotype.Component;

/**
 * Filtered, ordered, paged searches of an organization's members and teams, evaluated in the database (see
 * {@link FilterSql}): a filter never loads more rows than the page it answers. Each search is given a time: the
 * database stops one that runs longer (a filter of many conditions, substrings over every value of a large
 * organization), which then fails with {@link SearchTimeoutException} instead of holding a connection and a core.
 */
@Component
public class DirectorySearch {

    private static final int IN_LIST_CHUNK = 500;

    private final JdbcTemplate jdbc;
    private final DirectorySlots slots;

    /** Whether the store is PostgreSQL: asked once. */
    private final BooleanSupplier postgres;

    public DirectorySearch(JdbcTemplate jdbc, DirectorySlots slots) {
        this.jdbc = jdbc;
        this.slots = slots;
        this.postgres = SharedDatabase.lazily(jdbc.getDataSource());
    }

    /** The page of members the query asks for, and how many match in all, within the time given (at least 1 s). */
    public SearchResult<MemberRow> members(DirectorySearchQuery query, Duration timeout) {
        DirectoryTables t = slots.live();
        Statement statement = memberStatement(t, query);
        Budget budget = new Budget("members", timeout);
        List<MemberRow> rows = List.of();
        if (query.limit() > 0) {
            rows = budget.query(
                    statement.page(), statement.pageArgs(), (rs, n) -> JdbcDirectoryStore.member(rs, slots.json()));
        }
        return new SearchResult<>(rows, total(statement, query, rows.size(), budget));
    }

    /** The page of teams the query asks for, and how many match in all, within the time given (at least 1 s). */
    public SearchResult<TeamRow> teams(DirectorySearchQuery query, Duration timeout) {
        Statement statement = teamStatement(slots.live(), query);
        Budget budget = new Budget("teams", timeout);
        List<TeamRow> rows = List.of();
        if (query.limit() > 0) {
            rows = budget.query(statement.page(), statement.pageArgs(), JdbcDirectoryStore::team);
        }
        return new SearchResult<>(rows, total(statement, query, rows.size(), budget));
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
        return explain(memberStatement(slots.live(), query));
    }

    /** How the database runs the page query of a team search ({@code EXPLAIN ANALYZE}), as for members. */
    public String explainTeams(DirectorySearchQuery query) {
        return explain(teamStatement(slots.live(), query));
    }

    private String explain(Statement statement) {
        List<String> lines =
                jdbc.query("EXPLAIN ANALYZE " + statement.page(), (rs, n) -> rs.getString(1), statement.pageArgs());
        return String.join("\n", lines);
    }

    private Statement memberStatement(DirectoryTables t, DirectorySearchQuery query) {
        FilterSql sql = new FilterSql(t, query.organizationId().value(), postgres.getAsBoolean());
        String where = sql.members(query.filter());
        List<Object> whereArgs = new ArrayList<>(sql.args());
        String order = sql.memberOrder(query.sortBy(), query.descending(), query.unfiltered());
        return new Statement(
                "SELECT " + DirectoryQueries.prefixed(JdbcDirectoryStore.MEMBER_COLUMNS, "m"),
                " FROM " + t.member() + " m WHERE m.organization_id = ? AND " + where,
                " ORDER BY " + order,
                query,
                whereArgs,
                new ArrayList<>(sql.args().subList(whereArgs.size(), sql.args().size())));
    }

    private Statement teamStatement(DirectoryTables t, DirectorySearchQuery query) {
        FilterSql sql = new FilterSql(t, query.organizationId().value(), postgres.getAsBoolean());
        String where = sql.teams(query.filter());
        List<Object> whereArgs = new ArrayList<>(sql.args());
        String order = sql.teamOrder(query.sortBy(), query.descending(), query.unfiltered());
        return new Statement(
                "SELECT " + DirectoryQueries.prefixed(JdbcDirectoryStore.TEAM_COLUMNS, "t"),
                " FROM " + t.team() + " t WHERE t.organization_id = ? AND " + where,
                " ORDER BY " + order,
                query,
                whereArgs,
                new ArrayList<>(sql.args().subList(whereArgs.size(), sql.args().size())));
    }

    /** The number of matches; a first page shorter than asked for is all of them, and needs no count. */
    private long total(Statement statement, DirectorySearchQuery query, int returned, Budget budget) {
        if (query.offset() == 0 && query.limit() > 0 && returned < query.limit()) {
            return returned;
        }
        List<Long> total = budget.query(statement.count(), statement.countArgs(), (rs, n) -> rs.getLong(1));
        return total.isEmpty() ? 0 : total.get(0);
    }

    /** Whole seconds, rounded up: the unit of a statement's timeout in JDBC. */
    public static long seconds(Duration duration) {
        long seconds = duration.toSeconds();
        return duration.toNanosPart() > 0 || seconds == 0 ? seconds + 1 : seconds;
    }

    /**
     * The time one search has for all its statements: each is given what is left (JDBC counts it in whole seconds, so
     * at least one), and one the database stops on it fails as a {@link SearchTimeoutException}.
     */
    private final class Budget {
        private final String what;
        private final Duration timeout;
        private final long deadline;

        Budget(String what, Duration timeout) {
            this.what = what;
            this.timeout = timeout;
            this.deadline = System.nanoTime() + timeout.toNanos();
        }

        <T> List<T> query(String sql, Object[] args, RowMapper<T> mapper) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SearchTimeoutException(what, timeout, null);
            }
            int seconds = (int) Math.min(Integer.MAX_VALUE, seconds(Duration.ofNanos(left)));
            try {
                return jdbc.execute((ConnectionCallback<List<T>>) connection -> {
                    try (PreparedStatement statement = connection.prepareStatement(sql)) {
                        statement.setQueryTimeout(seconds);
                        try {
                            new ArgumentPreparedStatementSetter(args).setValues(statement);
                            try (ResultSet rs = statement.executeQuery()) {
                                return new RowMapperResultSetExtractor<>(mapper).extractData(rs);
                            }
                        } finally {
                            // H2 sets the timeout on the whole connection, which goes back to the pool: every later
                            // statement on it (a rebuild's, an export's) would be stopped after it too
                            statement.setQueryTimeout(0);
                        }
                    }
                });
            } catch (DataAccessException e) {
                if (timedOut(e)) {
                    throw new SearchTimeoutException(what, timeout, e);
                }
                throw e;
            }
        }
    }

    /** Whether the database stopped the statement for its timeout (SQL state 57014, "query canceled"). */
    private static boolean timedOut(DataAccessException e) {
        if (e instanceof QueryTimeoutException) {
            return true;
        }
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTimeoutException
                    || (cause instanceof SQLException sql && "57014".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
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
