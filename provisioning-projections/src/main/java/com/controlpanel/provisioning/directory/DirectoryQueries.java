package com.controlpanel.provisioning.directory;

import com.controlpanel.provisioning.domain.api.MemberId;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.domain.api.Source;
import com.controlpanel.provisioning.domain.api.TeamId;
import com.controlpanel.provisioning.domain.api.TenantId;
import com.controlpanel.provisioning.storage.IdValues;
import com.controlpanel.provisioning.storage.SharedDatabase;
import com.controlpanel.provisioning.storage.SqlLike;
import com.controlpanel.provisioning.storage.SqlLower;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The Control Panel's reads of the directory: organizations, member and team lists, one member or team. */
@Component
public class DirectoryQueries {

    /**
     * Up to how many members a search or a team filter matches, its page is read from the matches and sorted, not
     * read in the order of the sort index: from the index, H2 would read every member of the organization to find the
     * few that match.
     */
    private static final long SORTED_ONCE_READ = 5_000;

    /** How many organization ids one query names at most. */
    private static final int IN_LIST_MAX = 500;

    /**
     * How many terms {@link #rarest} counts for a word at most. Words that all reach it are counted again up to ten
     * times as many, to tell the rarest apart and whether it is very common (five times as many: "example" of an
     * email domain, a first name everyone shares).
     */
    private static final int RAREST_BOUND = 10_000;

    /**
     * How many members a page of a search read in the order of the sort index may pass over at most, checking each
     * against the words, when the words match nearly every member ("example" of an email domain): then that walk is
     * shorter than gathering every match first.
     */
    private static final long DENSE_WALK = 10_000;

    private final JdbcTemplate jdbc;
    private final DirectorySlots slots;

    /** The bounds a search reads its pages by: the constants, or smaller ones to try every way on a few members. */
    record Bounds(long sortedOnceRead, int rarestBound, long denseWalk) {
        static final Bounds DEFAULT = new Bounds(SORTED_ONCE_READ, RAREST_BOUND, DENSE_WALK);
    }

    private final Bounds bounds;

    /** Whether the store is PostgreSQL (else H2): asked once. */
    private final BooleanSupplier postgres;

    @Autowired
    public DirectoryQueries(JdbcTemplate jdbc, DirectorySlots slots) {
        this(jdbc, slots, Bounds.DEFAULT);
    }

    DirectoryQueries(JdbcTemplate jdbc, DirectorySlots slots, Bounds bounds) {
        this.jdbc = jdbc;
        this.slots = slots;
        this.bounds = bounds;
        this.postgres = SharedDatabase.lazily(jdbc.getDataSource());
    }

    public Optional<OrganizationRow> organization(OrganizationId organizationId) {
        return slots.liveStore().organization(organizationId);
    }

    public Optional<OrganizationRow> organizationByTenant(TenantId tenantId) {
        DirectoryTables t = slots.live();
        return jdbc
                .query(
                        "SELECT " + JdbcDirectoryStore.ORGANIZATION_COLUMNS + " FROM " + t.organization()
                                + " WHERE tenant_id = ?",
                        JdbcDirectoryStore::organization,
                        tenantId.value())
                .stream()
                .findFirst();
    }

    /** An organization with the key its name sorts by. */
    private record NameOrdered(String key, OrganizationRow row) {

        static final Comparator<NameOrdered> ORDER = Comparator.comparing(NameOrdered::key)
                .thenComparing(entry -> entry.row().name())
                .thenComparing(entry -> entry.row().organizationId().value());
    }

    /**
     * Organizations in the order of their names as the member and team lists sort names ({@link ProfileIndex#orderKey}:
     * without regard to case and accents, numbers by value), then as written, then by id. Sorted here, not by the
     * database: an operator's organizations are few next to members, and no column holds that key.
     */
    private static List<OrganizationRow> byName(List<OrganizationRow> rows) {
        List<NameOrdered> keyed = new ArrayList<>(rows.size());
        for (OrganizationRow row : rows) {
            keyed.add(new NameOrdered(ProfileIndex.orderKey(row.name()), row));
        }
        keyed.sort(NameOrdered.ORDER);
        List<OrganizationRow> sorted = new ArrayList<>(keyed.size());
        for (NameOrdered entry : keyed) {
            sorted.add(entry.row());
        }
        return sorted;
    }

    /** The organizations among these ids, by name; all of them when ids is null. */
    public List<OrganizationRow> organizations(Collection<OrganizationId> ids) {
        DirectoryTables t = slots.live();
        String select = "SELECT " + JdbcDirectoryStore.ORGANIZATION_COLUMNS + " FROM " + t.organization();
        if (ids == null) {
            return byName(jdbc.query(select, JdbcDirectoryStore::organization));
        }
        if (ids.isEmpty()) {
            return List.of();
        }
        // an admin manages a few organizations of many: read those by key, not the whole table
        List<OrganizationId> wanted = List.copyOf(new java.util.LinkedHashSet<>(ids));
        List<OrganizationRow> found = new ArrayList<>();
        for (int from = 0; from < wanted.size(); from += IN_LIST_MAX) {
            List<OrganizationId> chunk = wanted.subList(from, Math.min(wanted.size(), from + IN_LIST_MAX));
            found.addAll(jdbc.query(
                    select + " WHERE organization_id IN (" + String.join(",", Collections.nCopies(chunk.size(), "?"))
                            + ")",
                    JdbcDirectoryStore::organization,
                    chunk.stream().map(OrganizationId::value).toArray()));
        }
        return byName(found);
    }

    /**
     * One page of every organization, by name, with how many there are: those whose name contains the text (any
     * case) when one is given.
     */
    public OrganizationPage organizations(String nameContains, int offset, int limit) {
        DirectoryTables t = slots.live();
        String where = "";
        List<Object> args = new ArrayList<>();
        if (nameContains != null && !nameContains.isBlank()) {
            where = " WHERE " + SqlLower.of("name", postgres.getAsBoolean()) + " LIKE ? ESCAPE '!'";
            args.add("%" + SqlLike.escaped(nameContains.strip().toLowerCase(Locale.ROOT)) + "%");
        }
        List<OrganizationRow> matching = byName(jdbc.query(
                "SELECT " + JdbcDirectoryStore.ORGANIZATION_COLUMNS + " FROM " + t.organization() + where,
                JdbcDirectoryStore::organization,
                args.toArray()));
        int from = (int) Math.min(Math.max(0, offset), matching.size());
        int to = (int) Math.min(matching.size(), (long) from + Math.max(0, limit));
        return new OrganizationPage(List.copyOf(matching.subList(from, to)), matching.size());
    }

    @QueryHandler
    public MemberPage findMembers(FindMembersQuery query) {
        DirectoryTables t = slots.live();
        StringBuilder where = new StringBuilder(" WHERE m.organization_id = ?");
        List<Object> args = new ArrayList<>();
        args.add(query.organizationId().value());
        if (query.source() != null) {
            where.append(" AND m.source = ?");
            args.add(query.source().name());
        }
        if (query.status() != null) {
            switch (query.status()) {
                case INVITED -> where.append(" AND m.source = 'MANUAL' AND m.active = TRUE");
                case ACTIVE -> where.append(" AND m.source = 'OKTA' AND m.active = TRUE");
                case DEACTIVATED -> where.append(" AND m.active = FALSE");
            }
        }
        if (query.teamId() != null) {
            where.append(" AND m.member_id IN (SELECT ms.member_id FROM ")
                    .append(t.membership())
                    .append(" ms WHERE ms.team_id = ?)");
            args.add(query.teamId().value());
        }
        boolean otherFilters = query.source() != null || query.status() != null || query.teamId() != null;
        Words words = query.text() == null ? null : words(t, query.organizationId(), query.text(), otherFilters);
        // a search alone is counted in the term index, without reading a member row
        boolean wordsOnly = words != null && !words.prefixes().isEmpty() && !otherFilters;
        if (words != null) {
            // very common words beside another filter: the members the filter keeps are checked one by one
            appendWords(where, args, t, query.organizationId(), words, !wordsOnly && words.veryCommon());
        }
        Long total = wordsOnly ? countFromTerms(t, query.organizationId(), words) : null;
        if (total == null) {
            total = jdbc.queryForObject(
                    "SELECT COUNT(*) FROM " + t.member() + " m" + where, Long.class, args.toArray());
        }
        List<MemberRow> rows = List.of();
        if (query.limit() > 0 && total != null && total > query.offset()) {
            // a search matching nearly everyone: its page read along the sort index, each member checked
            boolean walk = wordsOnly && dense(t, query.organizationId(), total, query.offset(), query.limit());
            StringBuilder pageWhere = where;
            List<Object> pageArgs = args;
            if (walk) {
                pageWhere = new StringBuilder(" WHERE m.organization_id = ?");
                pageArgs = new ArrayList<>(List.of(query.organizationId().value()));
                appendWords(pageWhere, pageArgs, t, query.organizationId(), words, true);
            }
            rows = memberPage(
                    t,
                    pageWhere,
                    pageArgs,
                    query.sort(),
                    query.descending(),
                    query.offset(),
                    query.limit(),
                    total,
                    !walk && (query.text() != null || query.teamId() != null));
        }
        return new MemberPage(
                summaries(query.organizationId(), rows), total == null ? 0 : total, query.offset(), query.limit());
    }

    /**
     * One page of members in the order of an index {@code (organization_id, column, member_id)}. The ORDER BY names
     * the organization too: H2 reads a page straight from that index only when the ORDER BY starts with the index's
     * first column, and otherwise reads and sorts every member of the organization (at 100,000 members, half a
     * gigabyte of rows for a page of 50). A descending page reads the same index from its end (H2 and PostgreSQL both
     * read an index backwards); H2 is told which index, as beside a filter on source or status it would otherwise
     * pick another and sort every member (1.5 s at 100,000 members, against 22 ms). Except when a search or a team
     * filter ({@code byCandidates}) matches up to {@link #SORTED_ONCE_READ} members: then the database reads those
     * matches through the filter's own index and sorts them, instead of walking the sort index through every member
     * to find them; such a descending page is the matching ascending page, counted from the end, reversed.
     */
    private List<MemberRow> memberPage(
            DirectoryTables t,
            StringBuilder where,
            List<Object> args,
            MemberSort sort,
            boolean descending,
            long offset,
            int limit,
            long total,
            boolean byCandidates) {
        boolean fromIndex = !byCandidates || total > bounds.sortedOnceRead();
        long size = Math.min(limit, total - offset);
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(size);
        if (fromIndex && descending) {
            pageArgs.add(offset);
            String hint = onH2() ? " USE INDEX (ix_" + t.member() + "_" + sort.index + ")" : "";
            return jdbc.query(
                    "SELECT " + prefixed(JdbcDirectoryStore.MEMBER_COLUMNS, "m") + " FROM " + t.member() + " m" + hint
                            + where + " ORDER BY m.organization_id DESC, m." + sort.column
                            + " DESC, m.member_id DESC LIMIT ? OFFSET ?",
                    (rs, n) -> JdbcDirectoryStore.member(rs, slots.json()),
                    pageArgs.toArray());
        }
        pageArgs.add(descending ? total - offset - size : offset);
        List<MemberRow> rows = new ArrayList<>(jdbc.query(
                "SELECT " + prefixed(JdbcDirectoryStore.MEMBER_COLUMNS, "m") + " FROM " + t.member() + " m" + where
                        + " ORDER BY " + (fromIndex ? "m.organization_id, " : "") + "m." + sort.column
                        + ", m.member_id LIMIT ? OFFSET ?",
                (rs, n) -> JdbcDirectoryStore.member(rs, slots.json()),
                pageArgs.toArray()));
        if (descending) {
            Collections.reverse(rows);
        }
        return rows;
    }

    /** Whether the store is H2 (it takes index hints; PostgreSQL plans a backward index read by itself). */
    private boolean onH2() {
        return !postgres.getAsBoolean();
    }

    /**
     * The words of a search text as prefixes of terms (words of names and emails, whole emails; words are runs of
     * letters and digits, so punctuation separates them and is never a wildcard); no prefix for a text of punctuation
     * only. With the one matching the fewest terms, and whether even that one matches very many (five times
     * {@link #RAREST_BOUND} terms or more: a first name everyone shares, the start of the email domain): then the
     * members matching them all are counted faster from the terms of them all than by checking each of the rarest's
     * members, and beside another filter each member that filter keeps is checked rather than gathering the matches.
     */
    private record Words(String text, List<String> prefixes, String rarest, boolean veryCommon) {}

    /** The words of a text; {@code howCommon}: whether one word alone is to be told very common or not. */
    private Words words(DirectoryTables t, OrganizationId organizationId, String text, boolean howCommon) {
        List<String> prefixes = ProfileIndex.splitWords(text).stream()
                .map(word -> ProfileIndex.termKey(word) + "%")
                .distinct()
                .toList();
        if (prefixes.isEmpty() || (prefixes.size() == 1 && !howCommon)) {
            return new Words(text, prefixes, prefixes.isEmpty() ? null : prefixes.get(0), false);
        }
        int bound = bounds.rarestBound();
        long[] fewest = {Long.MAX_VALUE};
        String rarest = rarest(t, organizationId, prefixes, bound, fewest);
        if (fewest[0] >= bound) {
            // every word is common: which is the rarest, and how common, counted further
            rarest = rarest(t, organizationId, prefixes, 10 * bound, fewest);
        }
        return new Words(text, prefixes, rarest, fewest[0] >= 5L * bound);
    }

    /**
     * Every word of the search text must start one of the member's terms. The word with the fewest matching terms
     * picks the candidates from the term index; the other words are checked per candidate. Asking every word for its
     * whole set instead costs as much as the commonest word: in "ana@example.com", "example" and "com" match every
     * member of the organization. When even the rarest word matches very many ({@code oneByOne}), every word is
     * checked per member the other filters keep, without gathering any word's set.
     */
    private void appendWords(
            StringBuilder where,
            List<Object> args,
            DirectoryTables t,
            OrganizationId organizationId,
            Words words,
            boolean oneByOne) {
        if (words.prefixes().isEmpty()) {
            // a search of only punctuation ("%", "_", "-") finds nobody, rather than everybody
            if (!words.text().isBlank()) {
                where.append(" AND 1 = 0");
            }
            return;
        }
        if (oneByOne) {
            for (String prefix : words.prefixes()) {
                appendTermExists(where, args, t, prefix);
            }
            return;
        }
        where.append(" AND m.member_id IN (SELECT w.member_id FROM ")
                .append(t.memberTerm())
                .append(" w WHERE w.organization_id = ? AND w.term LIKE ?)");
        args.add(organizationId.value());
        args.add(words.rarest());
        for (String prefix : words.prefixes()) {
            if (!prefix.equals(words.rarest())) {
                appendTermExists(where, args, t, prefix);
            }
        }
    }

    private static void appendTermExists(StringBuilder where, List<Object> args, DirectoryTables t, String prefix) {
        where.append(" AND EXISTS (SELECT 1 FROM ")
                .append(t.memberTerm())
                .append(" w WHERE w.member_id = m.member_id AND w.term LIKE ?)");
        args.add(prefix);
    }

    /**
     * How many members a search matches, read from the term index alone (no member row, no set of candidates to
     * probe the members with): one word, the members among its terms; several words that all match very many, the
     * members whose terms match each of them. Null when the candidates' way is the quicker (a rare word among several).
     */
    private Long countFromTerms(DirectoryTables t, OrganizationId organizationId, Words words) {
        List<String> prefixes = words.prefixes();
        if (prefixes.size() == 1) {
            return jdbc.queryForObject(
                    "SELECT COUNT(DISTINCT w.member_id) FROM " + t.memberTerm()
                            + " w WHERE w.organization_id = ? AND w.term LIKE ?",
                    Long.class,
                    organizationId.value(),
                    prefixes.get(0));
        }
        if (!words.veryCommon()) {
            return null;
        }
        List<Object> args = new ArrayList<>(List.of(organizationId.value()));
        StringBuilder any = new StringBuilder();
        StringBuilder each = new StringBuilder();
        for (String prefix : prefixes) {
            any.append(any.length() == 0 ? "" : " OR ").append("w.term LIKE ?");
            args.add(prefix);
        }
        for (String prefix : prefixes) {
            each.append(each.length() == 0 ? "" : " AND ").append("MAX(CASE WHEN w.term LIKE ? THEN 1 ELSE 0 END) = 1");
            args.add(prefix);
        }
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM (SELECT w.member_id FROM " + t.memberTerm() + " w WHERE w.organization_id = ?"
                        + " AND (" + any + ") GROUP BY w.member_id HAVING " + each + ") matched",
                Long.class,
                args.toArray());
    }

    /**
     * Whether the search matches so nearly every member that its page is read quicker along the sort index, each
     * member checked against the words, than from the set of its matches: the members passed over before the page
     * (those not matching, wherever they sit in the order, and those of the pages before) stay within
     * {@link #DENSE_WALK}.
     */
    private boolean dense(DirectoryTables t, OrganizationId organizationId, long total, long offset, int limit) {
        if (total <= bounds.sortedOnceRead() || total <= offset) {
            return false;
        }
        long size = Math.min(limit, total - offset);
        // read along the sort index from its start, or from its end for a descending page
        long before = offset;
        Long members = jdbc.queryForObject(
                "SELECT COUNT(*) FROM " + t.member() + " WHERE organization_id = ?",
                Long.class,
                organizationId.value());
        return members != null && (members - total) + before + size <= bounds.denseWalk();
    }

    /**
     * The prefix matching the fewest terms, each counted only up to a bound, and no further than the rarest so far, so
     * that a common word costs little ({@code least} gets how many the rarest matched). The rows are counted here
     * rather than in a {@code COUNT(*)} over a limited subquery, for which H2 plans its range on the index before it
     * knows the prefix and reads every term of the organization.
     */
    private String rarest(
            DirectoryTables t, OrganizationId organizationId, List<String> prefixes, int bound, long[] least) {
        String rarest = prefixes.get(0);
        long fewest = Long.MAX_VALUE;
        for (String prefix : prefixes) {
            long[] count = {0};
            jdbc.query(
                    "SELECT w.member_id FROM " + t.memberTerm()
                            + " w WHERE w.organization_id = ? AND w.term LIKE ? LIMIT " + Math.min(bound, fewest),
                    rs -> {
                        count[0]++;
                    },
                    organizationId.value(),
                    prefix);
            if (count[0] < fewest) {
                fewest = count[0];
                rarest = prefix;
            }
        }
        least[0] = fewest;
        return rarest;
    }

    /**
     * The source of each of these members and teams that the organization has now, by id; those it no longer has (or
     * never had) are not in the map. One read per kind and {@link IdValues#MAX} ids, each id a lookup by key.
     */
    public Map<String, Source> sources(
            OrganizationId organizationId, Collection<String> memberIds, Collection<String> teamIds) {
        DirectoryTables t = slots.live();
        Map<String, Source> sources = new HashMap<>();
        readSources(sources, t.member(), "member_id", organizationId, memberIds);
        readSources(sources, t.team(), "team_id", organizationId, teamIds);
        return sources;
    }

    private void readSources(
            Map<String, Source> sources,
            String table,
            String key,
            OrganizationId organizationId,
            Collection<String> ids) {
        for (List<String> chunk : IdValues.chunks(ids)) {
            List<Object> args = new ArrayList<>(chunk);
            args.add(organizationId.value());
            jdbc.query(
                    "SELECT t." + key + ", t.source FROM " + IdValues.table(chunk.size()) + " JOIN " + table
                            + " t ON t." + key + " = v.id AND t.organization_id = ?",
                    rs -> {
                        sources.put(rs.getString(1), Source.valueOf(rs.getString(2)));
                    },
                    args.toArray());
        }
    }

    public Optional<MemberSummary> findMember(OrganizationId organizationId, MemberId memberId) {
        return slots.liveStore()
                .member(memberId)
                .filter(row -> row.organizationId().equals(organizationId))
                .map(row -> summaries(organizationId, List.of(row)).get(0));
    }

    @QueryHandler
    public TeamPage findTeams(FindTeamsQuery query) {
        DirectoryTables t = slots.live();
        StringBuilder where = new StringBuilder(" WHERE organization_id = ?");
        List<Object> args = new ArrayList<>();
        args.add(query.organizationId().value());
        if (query.source() != null) {
            where.append(" AND source = ?");
            args.add(query.source().name());
        }
        if (query.text() != null && !query.text().isBlank()) {
            where.append(" AND search_key LIKE ? ESCAPE '!'");
            args.add("%" + likeEscaped(ProfileIndex.folded(query.text().strip())) + "%");
        }
        Long total = jdbc.queryForObject("SELECT COUNT(*) FROM " + t.team() + where, Long.class, args.toArray());
        List<TeamRow> rows = List.of();
        if (query.limit() > 0 && total != null && total > query.offset()) {
            String direction = query.descending() ? " DESC" : " ASC";
            // teams with as many members by name (an order no index holds: the team's count changes with each member;
            // the name and creation orders are read along their indexes, ties by id)
            String byName = query.sort() == TeamSort.MEMBERS ? ", name_order" + direction : "";
            List<Object> pageArgs = new ArrayList<>(args);
            pageArgs.add(query.limit());
            pageArgs.add(query.offset());
            rows = jdbc.query(
                    "SELECT " + JdbcDirectoryStore.TEAM_COLUMNS + " FROM " + t.team() + where
                            + " ORDER BY organization_id" + direction + ", " + query.sort().column + direction
                            + byName + ", team_id" + direction + " LIMIT ? OFFSET ?",
                    JdbcDirectoryStore::team,
                    pageArgs.toArray());
        }
        boolean provisioningOn = provisioningOn(query.organizationId());
        List<TeamSummary> items = rows.stream()
                .map(row -> new TeamSummary(row, provisioningOn && row.source() == Source.OKTA))
                .toList();
        return new TeamPage(items, total == null ? 0 : total, query.offset(), query.limit());
    }

    public Optional<TeamSummary> findTeam(OrganizationId organizationId, TeamId teamId) {
        return slots.liveStore()
                .team(teamId)
                .filter(row -> row.organizationId().equals(organizationId))
                .map(row -> new TeamSummary(row, provisioningOn(organizationId) && row.source() == Source.OKTA));
    }

    /** The teams a new manual member may be invited into: manual teams only (rule 3). */
    public List<TeamRef> invitableTeams(OrganizationId organizationId) {
        DirectoryTables t = slots.live();
        return jdbc.query(
                "SELECT team_id, display_name, source FROM " + t.team()
                        + " WHERE organization_id = ? AND source = 'MANUAL' ORDER BY name_order, team_id",
                (rs, n) -> new TeamRef(new TeamId(rs.getString(1)), rs.getString(2), Source.valueOf(rs.getString(3))),
                organizationId.value());
    }

    /**
     * Members that may be added to the team and are not in it yet: into a team pushed from Okta only provisioned
     * members (rule 3), into a manual team anyone (rule 4).
     */
    public MemberPage eligibleMembers(
            OrganizationId organizationId, TeamId teamId, String text, int offset, int limit) {
        Optional<TeamSummary> team = findTeam(organizationId, teamId);
        if (team.isEmpty()) {
            return new MemberPage(List.of(), 0, offset, limit);
        }
        DirectoryTables t = slots.live();
        StringBuilder where = new StringBuilder(" WHERE m.organization_id = ? AND m.member_id NOT IN (SELECT "
                + "ms.member_id FROM " + t.membership() + " ms WHERE ms.team_id = ?)");
        List<Object> args = new ArrayList<>(List.of(organizationId.value(), teamId.value()));
        boolean oktaOnly = team.get().team().source() == Source.OKTA;
        if (oktaOnly) {
            where.append(" AND m.source = 'OKTA'");
        }
        Words words = text == null ? null : words(t, organizationId, text, true);
        Long total = null;
        boolean walk = false;
        if (words != null && words.veryCommon()) {
            // words nearly everyone shares: counted from the term index, less the members the team or the source
            // leaves out, rather than checking every member; the page read along the name index when it is dense
            total = commonWordsCount(t, organizationId, teamId, words, oktaOnly);
            walk = dense(t, organizationId, total, Math.max(0, offset), limit);
        }
        StringBuilder pageWhere = where;
        List<Object> pageArgs = args;
        if (words != null) {
            pageWhere = new StringBuilder(where);
            pageArgs = new ArrayList<>(args);
            // checked per member on a walk; else the matches gathered (the team's exclusion and the source keep nearly
            // everyone: checking each member was measured slower for a word half the members share, 1.9 s to 1.1 s)
            appendWords(pageWhere, pageArgs, t, organizationId, words, walk);
        }
        if (total == null) {
            total = jdbc.queryForObject(
                    "SELECT COUNT(*) FROM " + t.member() + " m" + pageWhere, Long.class, pageArgs.toArray());
        }
        List<MemberRow> rows = List.of();
        if (limit > 0 && total != null && total > Math.max(0, offset)) {
            rows = memberPage(
                    t,
                    pageWhere,
                    pageArgs,
                    MemberSort.NAME,
                    false,
                    Math.max(0, offset),
                    limit,
                    total,
                    words != null && !walk);
        }
        return new MemberPage(summaries(organizationId, rows), total == null ? 0 : total, offset, limit);
    }

    /**
     * How many members words that nearly everyone shares match, less those the team already has and, into a team
     * pushed from Okta, the manual ones: the matches counted in the term index alone, those left out counted among the
     * team's members and the manual members (few, where Okta provisions), each checked against the words.
     */
    private long commonWordsCount(
            DirectoryTables t, OrganizationId organizationId, TeamId teamId, Words words, boolean oktaOnly) {
        Long matching = countFromTerms(t, organizationId, words);
        if (matching == null) {
            // not reached: words that are all very common are counted from the terms
            throw new IllegalStateException("no count from the terms for " + words.prefixes());
        }
        StringBuilder inTeam = new StringBuilder(" WHERE m.organization_id = ? AND m.member_id IN (SELECT "
                + "ms.member_id FROM " + t.membership() + " ms WHERE ms.team_id = ?)");
        List<Object> inTeamArgs = new ArrayList<>(List.of(organizationId.value(), teamId.value()));
        if (oktaOnly) {
            inTeam.append(" AND m.source = 'OKTA'");
        }
        long left = matchingAmong(t, organizationId, inTeam, inTeamArgs, words);
        if (oktaOnly) {
            // the manual members read along the status index (organization, active, source)
            for (boolean active : new boolean[] {true, false}) {
                left += matchingAmong(
                        t,
                        organizationId,
                        new StringBuilder(" WHERE m.organization_id = ? AND m.active = ? AND m.source = 'MANUAL'"),
                        new ArrayList<>(List.of(organizationId.value(), active)),
                        words);
            }
        }
        return matching - left;
    }

    private long matchingAmong(
            DirectoryTables t, OrganizationId organizationId, StringBuilder where, List<Object> args, Words words) {
        appendWords(where, args, t, organizationId, words, true);
        Long count =
                jdbc.queryForObject("SELECT COUNT(*) FROM " + t.member() + " m" + where, Long.class, args.toArray());
        return count == null ? 0 : count;
    }

    private boolean provisioningOn(OrganizationId organizationId) {
        return organization(organizationId)
                .map(OrganizationRow::provisioningEnabled)
                .orElse(false);
    }

    private List<MemberSummary> summaries(OrganizationId organizationId, List<MemberRow> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        boolean provisioningOn = provisioningOn(organizationId);
        Map<MemberId, List<TeamRef>> teams =
                teamsOf(rows.stream().map(MemberRow::memberId).toList());
        List<MemberSummary> summaries = new ArrayList<>(rows.size());
        for (MemberRow row : rows) {
            summaries.add(new MemberSummary(
                    row, teams.getOrDefault(row.memberId(), List.of()), provisioningOn && row.source() == Source.OKTA));
        }
        return summaries;
    }

    /** The teams of each of these members, by team name. */
    public Map<MemberId, List<TeamRef>> teamsOf(List<MemberId> memberIds) {
        if (memberIds.isEmpty()) {
            return Map.of();
        }
        DirectoryTables t = slots.live();
        String marks = String.join(",", Collections.nCopies(memberIds.size(), "?"));
        Map<MemberId, List<TeamRef>> teams = new HashMap<>();
        jdbc.query(
                "SELECT ms.member_id, tm.team_id, tm.display_name, tm.source FROM " + t.membership() + " ms JOIN "
                        + t.team() + " tm ON tm.team_id = ms.team_id WHERE ms.member_id IN (" + marks
                        + ") ORDER BY tm.name_order, tm.team_id",
                rs -> {
                    teams.computeIfAbsent(new MemberId(rs.getString(1)), id -> new ArrayList<>())
                            .add(new TeamRef(
                                    new TeamId(rs.getString(2)), rs.getString(3), Source.valueOf(rs.getString(4))));
                },
                memberIds.stream().map(MemberId::value).toArray());
        return new LinkedHashMap<>(teams);
    }

    static String prefixed(String columns, String alias) {
        StringBuilder out = new StringBuilder();
        for (String column : columns.split(",")) {
            if (out.length() > 0) {
                out.append(", ");
            }
            out.append(alias).append('.').append(column.strip());
        }
        return out.toString();
    }

    static String likeEscaped(String text) {
        return SqlLike.escaped(text);
    }
}
