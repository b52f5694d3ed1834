package com.controlpanel.provisioning.directory;

import static com.controlpanel.provisioning.testing.EventExamples.ORG;
import static com.controlpanel.provisioning.testing.EventExamples.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.controlpanel.provisioning.directory.DirectoryFilter.Comparison;
import com.controlpanel.provisioning.domain.api.MemberId;
import com.controlpanel.provisioning.domain.api.MemberProfile;
import com.controlpanel.provisioning.domain.api.MemberProvisioned;
import com.controlpanel.provisioning.domain.api.OrganizationCreated;
import com.controlpanel.provisioning.domain.api.PersonName;
import com.controlpanel.provisioning.domain.api.Source;
import com.controlpanel.provisioning.testing.QueryPlans;
import com.controlpanel.provisioning.testing.TestDatabase;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A search is stopped once its time is up, and leaves no timeout behind on its connection: H2 keeps a statement's
 * timeout on the whole connection, which the pool hands to the next user (a rebuild, an export), so the search sets it
 * back. Every statement here runs on one connection, whose own setting is read after each search. And a value filter
 * over an organization with many email rows reads only the rows of the comparison it requires, where it requires one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DirectorySearchCostTest {

    private static final int EMAIL_ELEMENTS = 75_000;

    private SingleConnectionDataSource connection;
    private JdbcTemplate jdbc;
    private DirectorySearch search;

    @BeforeAll
    void organizationWithManyEmailRows() throws Exception {
        Connection opened = TestDatabase.migrated().getConnection();
        connection = new SingleConnectionDataSource(opened, true);
        jdbc = new JdbcTemplate(connection);
        DirectorySlots slots = new DirectorySlots(jdbc);
        DirectoryProjection projection = new DirectoryProjection(slots);
        Instant now = Instant.parse("2026-11-01T10:00:00Z");
        projection.on(new OrganizationCreated(ORG, "Acme", TENANT), now, 0L);
        projection.on(
                new MemberProvisioned(
                        ORG,
                        MemberId.random(),
                        Source.OKTA,
                        MemberProfile.invited("kept@example.com", PersonName.of("Kept", "Person")),
                        true),
                now,
                0L);
        // email elements of members that exist only in the attribute table: the search must read them all
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < EMAIL_ELEMENTS; i++) {
            String member = String.format("timeout-member-%06d", i);
            rows.add(new Object[] {member, ORG.value(), "emails.value", 0, member + "@timeout.example.com"});
            rows.add(new Object[] {member, ORG.value(), "emails.type", 0, "work"});
        }
        jdbc.batchUpdate(
                "INSERT INTO " + slots.live().memberAttribute()
                        + " (member_id, organization_id, path, ordinal, value_key) VALUES (?,?,?,?,?)",
                rows);
        search = new DirectorySearch(jdbc, slots);
    }

    @AfterAll
    void close() {
        connection.destroy();
    }

    @Test
    void aSearchOverItsTimeIsStoppedAndItsConnectionKeepsNoTimeout() {
        DirectoryFilter element = new DirectoryFilter.Element(
                "emails",
                // no comparison it requires a row for: every row under emails read, each looked up twice
                new DirectoryFilter.All(List.of(
                        new DirectoryFilter.Not(new DirectoryFilter.Compare("value", Comparison.CO, "zz-no-such")),
                        new DirectoryFilter.Not(new DirectoryFilter.Compare("type", Comparison.EQ, "work")))));
        DirectoryFilter costly = new DirectoryFilter.Any(Collections.nCopies(50, element));

        assertThatThrownBy(() -> search.members(query(costly), Duration.ofSeconds(1)))
                .isInstanceOf(SearchTimeoutException.class)
                .hasMessageStartingWith("The filter took longer than 1 s to evaluate over this organization's members");
        assertThat(connectionTimeout()).isEqualTo("0");

        assertThat(userNames(
                        new DirectoryFilter.Compare("username", Comparison.EQ, "kept@example.com"),
                        Duration.ofSeconds(5)))
                .containsExactly("kept@example.com");
        assertThat(connectionTimeout()).isEqualTo("0");
    }

    @Test
    void aValueFilterThatRequiresAComparisonReadsOnlyTheRowsThatSatisfyIt() {
        // Entra's emails[type eq "work"].value eq "…", as read: the value's equality is looked up in the index
        DirectoryFilter lookup = new DirectoryFilter.Element(
                "emails",
                new DirectoryFilter.All(List.of(
                        new DirectoryFilter.Compare("type", Comparison.EQ, "work"),
                        new DirectoryFilter.Compare("value", Comparison.EQ, "KEPT@example.com"))));
        assertThat(userNames(lookup, Duration.ofSeconds(5))).containsExactly("kept@example.com");
        String plan = search.explainMembers(query(lookup));
        assertThat(QueryPlans.rowsRead(plan)).as(plan).isLessThan(10);

        // a substring: only the rows of the sub-attribute compared are read, not every row under emails
        DirectoryFilter substring = new DirectoryFilter.Element(
                "emails",
                new DirectoryFilter.All(List.of(
                        new DirectoryFilter.Compare("value", Comparison.CO, "kept@"),
                        new DirectoryFilter.Compare("type", Comparison.EQ, "work"))));
        assertThat(userNames(substring, Duration.ofSeconds(5))).containsExactly("kept@example.com");
        plan = search.explainMembers(query(substring));
        assertThat(QueryPlans.rowsRead(plan)).as(plan).isBetween((long) EMAIL_ELEMENTS, EMAIL_ELEMENTS + 10L);

        // an "or" within the element: one element of either kind, each looked up by its own comparison
        DirectoryFilter either = new DirectoryFilter.Element(
                "emails",
                new DirectoryFilter.Any(List.of(
                        new DirectoryFilter.Compare("value", Comparison.EQ, "no-such@example.com"),
                        new DirectoryFilter.Compare("value", Comparison.EQ, "kept@example.com"))));
        assertThat(userNames(either, Duration.ofSeconds(5))).containsExactly("kept@example.com");
        plan = search.explainMembers(query(either));
        assertThat(QueryPlans.rowsRead(plan)).as(plan).isLessThan(10);

        // no comparison required (only "not"): every row under emails is read, and the answer is right
        DirectoryFilter notFax = new DirectoryFilter.Element(
                "emails",
                new DirectoryFilter.All(List.of(
                        new DirectoryFilter.Not(new DirectoryFilter.Compare("type", Comparison.EQ, "fax")),
                        new DirectoryFilter.Not(new DirectoryFilter.Compare("value", Comparison.CO, "timeout")))));
        assertThat(userNames(notFax, Duration.ofSeconds(30))).containsExactly("kept@example.com");
    }

    /** The userNames of the members the filter finds, within the time given. */
    private List<String> userNames(DirectoryFilter filter, Duration timeout) {
        return search.members(query(filter), timeout).items().stream()
                .map(row -> row.profile().userName().value())
                .toList();
    }

    private static DirectorySearchQuery query(DirectoryFilter filter) {
        return new DirectorySearchQuery(ORG, filter, null, false, 0, 100);
    }

    /** The query timeout the connection's session has now (milliseconds; 0: none). */
    private String connectionTimeout() {
        return jdbc.queryForObject(
                "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'QUERY_TIMEOUT'",
                String.class);
    }
}
