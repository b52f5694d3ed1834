package com.controlpanel.provisioning.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.controlpanel.provisioning.directory.DirectoryQueries;
import com.controlpanel.provisioning.directory.DirectorySlots;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.testing.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** Activity > Actions queries against the real schema: every filter, the cursor, and both export formats. */
class ActivityQueriesTest {

    private static final OrganizationId ORG = new OrganizationId("org-1");
    private static final OrganizationId OTHER = new OrganizationId("org-2");
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    private ActivityStore store;
    private ActivityQueries queries;
    private SubjectSources sources;
    private long position;

    private DataSource dataSource;

    @BeforeEach
    void setUp() {
        dataSource = TestDatabase.migrated();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        ActivitySlots slots = new ActivitySlots(jdbc);
        store = slots.liveStore();
        queries = new ActivityQueries(jdbc, slots, new DataSourceTransactionManager(dataSource));
        sources = new SubjectSources(new DirectoryQueries(jdbc, new DirectorySlots(jdbc)), jdbc, slots);
    }

    private ActivityRow row(
            OrganizationId org,
            String actorKind,
            String actorId,
            String action,
            String subject,
            String related,
            String name) {
        position++;
        return new ActivityRow(
                position,
                "event-" + position,
                org.value(),
                T0.plusSeconds(position * 60),
                actorKind,
                actorId,
                actorId + "@example.com",
                "req-" + position,
                "test",
                action,
                action.startsWith("team") ? "TEAM" : "MEMBER",
                subject,
                name,
                related,
                "Summary " + position,
                "{\"n\":" + position + "}");
    }

    private void seed() {
        store.insert(row(ORG, "IDENTITY_PROVIDER", "okta", "member.provisioned", "alice", null, "Alice"));
        store.insert(row(ORG, "ADMIN", "admin-1", "member.invited", "bob", null, "Bob"));
        store.insert(row(ORG, "IDENTITY_PROVIDER", "okta", "team.pushed", "eng", null, "Eng"));
        store.insert(row(ORG, "IDENTITY_PROVIDER", "okta", "team.member-added", "eng", "alice", "Eng"));
        store.insert(row(ORG, "ADMIN", "admin-2", "member.updated", "bob", null, "Bob"));
        store.insert(row(OTHER, "ADMIN", "admin-9", "member.invited", "zed", null, "Zed"));
    }

    private List<Long> positions(FindActivityQuery query) {
        return queries.find(query).items().stream().map(ActivityRow::position).toList();
    }

    private FindActivityQuery query(
            String kind, String actor, List<String> actions, String subject, Instant from, Instant to) {
        return new FindActivityQuery(ORG, kind, actor, actions, subject, from, to, null, 50);
    }

    @Test
    void findsMembersAndTeamsThatAreGoneByTheirNameWhenTheyWent() {
        seed();
        store.insert(row(ORG, "ADMIN", "admin-1", "member.removed", "bob", null, "Bob 100%"));
        store.insert(row(ORG, "IDENTITY_PROVIDER", "okta", "team.deleted", "eng", null, "Eng"));
        store.insert(row(OTHER, "ADMIN", "admin-9", "member.removed", "zed", null, "Bob Other"));

        assertThat(queries.removedSubjectsNamed(ORG, "BOB", 10))
                .extracting(ActivityRow::subjectId)
                .containsExactly("bob");
        assertThat(queries.removedSubjectsNamed(ORG, "100%", 10)).hasSize(1);
        assertThat(queries.removedSubjectsNamed(ORG, "1_0", 10)).isEmpty();
        assertThat(queries.removedSubjectsNamed(ORG, "eng", 10))
                .extracting(ActivityRow::action)
                .containsExactly("team.deleted");
        assertThat(queries.removedSubjectsNamed(ORG, "alice", 10)).isEmpty();
        // Greek's final sigma read as the other: typed in capitals so far, "ΟΔΥΣΣΈΑΣ" lower-cases to a final one
        store.insert(row(ORG, "ADMIN", "admin-1", "member.removed", "odysseus", null, "Οδυσσέας Παπαδόπουλος"));
        for (String typed : List.of("ΟΔΥΣΣΈΑΣ", "οδυσσεασ π", "ΠΑΠΑΔΌΠΟΥΛΟΣ")) {
            assertThat(queries.removedSubjectsNamed(ORG, typed, 10))
                    .as(typed)
                    .extracting(ActivityRow::subjectId)
                    .containsExactly("odysseus");
        }
    }

    @Test
    void findsMembersAndTeamsThatAreGoneWithOrWithoutTheAccentsOfTheirName() {
        seed();
        store.insert(row(ORG, "ADMIN", "admin-1", "member.removed", "zoe", null, "Zoë Dupré"));
        store.insert(row(ORG, "IDENTITY_PROVIDER", "okta", "team.deleted", "paris", null, "Equipe Paris"));

        assertThat(queries.removedSubjectsNamed(ORG, "zoe DUPRE", 10))
                .extracting(ActivityRow::subjectId)
                .containsExactly("zoe");
        assertThat(queries.removedSubjectsNamed(ORG, "Dupré", 10))
                .extracting(ActivityRow::subjectId)
                .containsExactly("zoe");
        assertThat(queries.removedSubjectsNamed(ORG, "équipe", 10))
                .extracting(ActivityRow::subjectId)
                .containsExactly("paris");
    }

    @Test
    void findsNoMoreMembersAndTeamsThatAreGoneThanAsked() {
        seed();
        for (int i = 0; i < 5; i++) {
            store.insert(row(ORG, "ADMIN", "admin-1", "member.removed", "gone-" + i, null, "Gone " + i));
        }

        assertThat(queries.removedSubjectsNamed(ORG, "gone", 3))
                .extracting(ActivityRow::subjectId)
                .containsExactly("gone-4", "gone-3", "gone-2");
    }

    @Test
    void newestFirstAndOnlyTheOrganizationsOwn() {
        seed();
        assertThat(positions(FindActivityQuery.latest(ORG, 50))).containsExactly(5L, 4L, 3L, 2L, 1L);
        assertThat(positions(FindActivityQuery.latest(OTHER, 50))).containsExactly(6L);
    }

    @Test
    void filtersByActorKindAndActor() {
        seed();
        assertThat(positions(query("IDENTITY_PROVIDER", null, null, null, null, null)))
                .containsExactly(4L, 3L, 1L);
        assertThat(positions(query("ADMIN", "admin-2", null, null, null, null))).containsExactly(5L);
    }

    @Test
    void filtersByExactActionOrWholeCategory() {
        seed();
        assertThat(positions(query(null, null, List.of("member.invited"), null, null, null)))
                .containsExactly(2L);
        assertThat(positions(query(null, null, List.of("team"), null, null, null)))
                .containsExactly(4L, 3L);
        assertThat(positions(query(null, null, List.of("member.updated", "team.pushed"), null, null, null)))
                .containsExactly(5L, 3L);
    }

    @Test
    void filtersByMemberOrTeamAsSubjectOrAsTheMemberOfAMembershipChange() {
        seed();
        assertThat(positions(query(null, null, null, "alice", null, null))).containsExactly(4L, 1L);
        assertThat(positions(query(null, null, null, "eng", null, null))).containsExactly(4L, 3L);
    }

    @Test
    void filtersByTimeRangeFromInclusiveToExclusive() {
        seed();
        assertThat(positions(query(null, null, null, null, T0.plusSeconds(120), T0.plusSeconds(240))))
                .containsExactly(3L, 2L);
    }

    @Test
    void cursorPagingStaysStableWhileNewRowsArrive() {
        seed();
        ActivityPage first = queries.find(FindActivityQuery.latest(ORG, 2));
        assertThat(first.items()).extracting(ActivityRow::position).containsExactly(5L, 4L);
        assertThat(first.nextCursor()).isEqualTo(4L);
        store.insert(row(ORG, "ADMIN", "admin-1", "member.removed", "bob", null, "Bob"));
        store.insert(row(ORG, "ADMIN", "admin-1", "team.deleted", "eng", null, "Eng"));
        ActivityPage second = queries.find(FindActivityQuery.latest(ORG, 2).withBefore(first.nextCursor()));
        assertThat(second.items()).extracting(ActivityRow::position).containsExactly(3L, 2L);
        ActivityPage last = queries.find(FindActivityQuery.latest(ORG, 2).withBefore(second.nextCursor()));
        assertThat(last.items()).extracting(ActivityRow::position).containsExactly(1L);
        assertThat(last.nextCursor()).isNull();

        // back up a page at a time: the cursor of the page just above, then none (the newest page)
        FindActivityQuery pages = FindActivityQuery.latest(ORG, 2);
        assertThat(queries.newerCursor(pages, 1L)).contains(4L);
        assertThat(positions(pages.withBefore(4L))).containsExactly(3L, 2L);
        assertThat(queries.newerCursor(pages, 3L)).contains(7L);
        assertThat(positions(pages.withBefore(7L))).containsExactly(5L, 4L);
        assertThat(queries.newerCursor(pages, 5L)).isEmpty();
        // with the page's filters, and whatever cursor the query had
        FindActivityQuery admins = new FindActivityQuery(ORG, "ADMIN", null, null, null, null, null, 5L, 1);
        assertThat(queries.newerCursor(admins, 2L)).contains(7L);
        assertThat(positions(admins.withBefore(7L))).containsExactly(5L);
        assertThat(queries.newerCursor(admins, 7L)).isEmpty();
    }

    @Test
    void csvExportEscapesCommasQuotesAndLineBreaksAndDefusesFormulas() throws Exception {
        store.insert(row(ORG, "ADMIN", "admin-1", "team.created", "t1", null, "Sales, \"West\"\nand East"));
        store.insert(row(ORG, "ADMIN", "admin-1", "team.created", "t2", null, "=HYPERLINK(\"x\")"));
        store.insert(row(ORG, "ADMIN", "admin-1", "team.member-added", "t2", "m7", "Rockets"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        queries.export(FindActivityQuery.latest(ORG, 0), ActivityQueries.Format.CSV, sources, out);
        String csv = out.toString(StandardCharsets.UTF_8);
        String[] lines = csv.split("\r\n");
        assertThat(lines[0]).isEqualTo(String.join(",", ActivityQueries.CSV_COLUMNS));
        assertThat(csv).contains(",\"'=HYPERLINK(\"\"x\"\")\",");
        assertThat(csv).contains(",\"Sales, \"\"West\"\"\nand East\",");
        assertThat(csv).contains(",\"{\"\"n\"\":1}\",");
        assertThat(parseCsv(csv))
                .hasSize(4)
                .allSatisfy(record -> assertThat(record).hasSize(16));
        assertThat(parseCsv(csv).get(3).get(8)).isEqualTo("Sales, \"West\"\nand East");
        // where the team came from, beside its name (made by hand, and gone from the directory)
        assertThat(parseCsv(csv).get(0).get(9)).isEqualTo("subjectSource");
        assertThat(parseCsv(csv).get(3).get(9)).isEqualTo("MANUAL");
        // the member a team's membership row is also about, as the list has it
        assertThat(parseCsv(csv).get(1).get(10)).isEqualTo("m7");
        assertThat(parseCsv(csv).get(0).get(10)).isEqualTo("relatedId");
        // a moment on the second keeps its milliseconds, so that the column sorted as text is in time order
        assertThat(parseCsv(csv).get(1).get(1)).isEqualTo("2026-11-01T00:03:00.000Z");
    }

    @Test
    void jsonExportIsAnArrayWithDetailsAsObjects() throws Exception {
        seed();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        queries.export(
                query(null, null, List.of("member"), null, null, null), ActivityQueries.Format.JSON, sources, out);
        JsonNode rows = new ObjectMapper().readTree(out.toByteArray());
        assertThat(rows.isArray()).isTrue();
        assertThat(rows.findValuesAsText("action"))
                .containsExactly("member.updated", "member.invited", "member.provisioned");
        assertThat(rows.get(0).get("details").get("n").asInt()).isEqualTo(5);
        assertThat(rows.get(0).get("occurredAt").asText()).isEqualTo("2026-11-01T00:05:00.000Z");
        assertThat(rows.get(0).has("relatedId")).isTrue();
        // each member with where it came from: Okta's (provisioned) and the one invited by hand
        assertThat(rows.findValuesAsText("subjectSource")).containsExactly("MANUAL", "MANUAL", "OKTA");
    }

    @Test
    void anExportReadsEveryPageAndHoldsNoConnectionWhileItsRowsGoToTheClient() throws Exception {
        seed();
        for (int i = 0; i < 7; i++) {
            store.insert(row(ORG, "ADMIN", "admin-1", "member.invited", "p" + i, null, "Paged " + i));
        }
        AtomicInteger open = new AtomicInteger();
        DataSource counted = counting(dataSource, open);
        JdbcTemplate jdbc = new JdbcTemplate(counted);
        ActivityQueries paged =
                new ActivityQueries(jdbc, new ActivitySlots(jdbc), new DataSourceTransactionManager(counted), 2);
        // the sources of each page are read through the same pool, and given back before its rows are written
        SubjectSources pagedSources =
                new SubjectSources(new DirectoryQueries(jdbc, new DirectorySlots(jdbc)), jdbc, new ActivitySlots(jdbc));
        List<Integer> openWhileWriting = new ArrayList<>();
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        OutputStream client = new OutputStream() {
            @Override
            public void write(int b) {
                openWhileWriting.add(open.get());
                written.write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                openWhileWriting.add(open.get());
                written.write(bytes, offset, length);
            }
        };

        for (FindActivityQuery query :
                List.of(FindActivityQuery.latest(ORG, 500), query(null, null, List.of("member"), null, null, null))) {
            written.reset();
            paged.export(query, ActivityQueries.Format.JSON, pagedSources, client);
            List<Long> exported = new ArrayList<>();
            new ObjectMapper()
                    .readTree(written.toByteArray())
                    .forEach(row -> exported.add(row.get("position").asLong()));
            // every row the query matches, whatever its limit (one page of up to 500 here)
            assertThat(exported).isNotEmpty().isEqualTo(positions(query));
        }
        assertThat(openWhileWriting).isNotEmpty().containsOnly(0);
    }

    /** A data source that counts how many of its connections are open at the moment. */
    private static DataSource counting(DataSource target, AtomicInteger open) {
        return (DataSource) Proxy.newProxyInstance(
                ActivityQueriesTest.class.getClassLoader(),
                new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(method, target, args);
                    if (!method.getName().equals("getConnection")) {
                        return result;
                    }
                    open.incrementAndGet();
                    Connection connection = (Connection) result;
                    boolean[] closed = {false};
                    return Proxy.newProxyInstance(
                            ActivityQueriesTest.class.getClassLoader(),
                            new Class<?>[] {Connection.class},
                            (p, m, a) -> {
                                if (m.getName().equals("close") && !closed[0]) {
                                    closed[0] = true;
                                    open.decrementAndGet();
                                }
                                return invoke(m, connection, a);
                            });
                });
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Test
    void aClientThatGoesAwayEndsTheExportWithItsOwnIOException() {
        seed();
        IOException gone = new IOException("Broken pipe");
        OutputStream leaving = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw gone;
            }
        };
        // as it is, for the web layer to know a client gone (not a failure of the service to log as one)
        assertThatThrownBy(() ->
                        queries.export(FindActivityQuery.latest(ORG, 0), ActivityQueries.Format.JSON, sources, leaving))
                .isSameAs(gone);
    }

    @Test
    void exportsAHundredThousandRows() throws Exception {
        List<ActivityRow> rows = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            rows.add(row(ORG, "IDENTITY_PROVIDER", "okta", "member.provisioned", "m" + i, null, "Member " + i));
            if (rows.size() == 5_000) {
                store.insertAll(rows);
                rows.clear();
            }
        }
        long[] lines = {0};
        OutputStream counting = new OutputStream() {
            @Override
            public void write(int b) {
                if (b == '\n') {
                    lines[0]++;
                }
            }
        };
        queries.export(FindActivityQuery.latest(ORG, 0), ActivityQueries.Format.CSV, sources, counting);
        assertThat(lines[0]).isEqualTo(100_001);
    }

    /** A small RFC 4180 reader, to prove the export reads back to the same cells. */
    private static List<List<String>> parseCsv(String csv) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                record.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                record.add(cell.toString());
                cell.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                i++;
            } else {
                cell.append(c);
            }
        }
        return records;
    }
}
