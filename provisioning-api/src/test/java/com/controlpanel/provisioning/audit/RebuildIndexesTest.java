package com.controlpanel.provisioning.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.rebuild.ReadModelRebuild;
import com.controlpanel.provisioning.rebuild.RebuildProgress;
import com.controlpanel.provisioning.rebuild.RebuildService;
import com.controlpanel.provisioning.testing.ApplicationTest;
import com.controlpanel.provisioning.testing.Fixtures;
import com.controlpanel.provisioning.testing.Http;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A rebuild stopped after it dropped the standby tables' indexes for its bulk load, before it built them again (its
 * node stopped): the next rebuilds build them again from the live tables' and never switch to a slot without them
 * (they did: the slot went live unindexed, every list a full scan, and stayed so, verified equal).
 */
@ApplicationTest
class RebuildIndexesTest {

    /** Every table of a slot, the directory's and the activity's. */
    static final List<String> SLOT_TABLES = List.of(
            "dir_organization",
            "dir_member",
            "dir_member_attr",
            "dir_member_term",
            "dir_team",
            "dir_membership",
            "activity",
            "activity_subject",
            "activity_former_name");

    @LocalServerPort
    int port;

    @Autowired
    RebuildService rebuilds;

    @Autowired
    List<ReadModelRebuild> readModels;

    @Autowired
    DataSource dataSource;

    @Test
    void aRebuildStoppedBeforeItBuiltTheIndexesAgainLeavesNoSlotWithoutThem() throws SQLException {
        Http api = Http.to("http://localhost:" + port).basic(ApplicationTest.ADMIN, ApplicationTest.PASSWORD);
        String org = Fixtures.createOrganization(api, "Indexes");
        api.post("/api/orgs/" + org + "/members", Map.of("email", "ix@example.com", "name", "In Dex"));
        Map<String, Set<String>> complete = indexes("a");
        assertThat(complete.get("dir_member")).contains("user_name", "email", "label", "created");
        assertThat(complete.get("activity")).contains("org", "subject", "time");
        assertThat(indexes("b")).isEqualTo(complete);

        // what a rebuild leaves when its node stops between dropping the standby's indexes and building them again
        readModels.forEach(ReadModelRebuild::begin);
        assertThat(indexes("a").values().stream().allMatch(Set::isEmpty)
                        ^ indexes("b").values().stream().allMatch(Set::isEmpty))
                .as("one slot, the standby, has lost its indexes")
                .isTrue();

        for (int rebuild = 1; rebuild <= 2; rebuild++) {
            RebuildProgress done = rebuilds.runNow(true);
            assertThat(done.status()).as(done.toString()).isEqualTo(RebuildProgress.Status.COMPLETED);
            assertThat(done.verified()).isTrue();
            assertThat(indexes("a")).as("slot a after rebuild " + rebuild).isEqualTo(complete);
            assertThat(indexes("b")).as("slot b after rebuild " + rebuild).isEqualTo(complete);
        }
    }

    @Test
    void liveTablesThatLostAnIndexAreNotVerifiedInPlaceButRebuiltWithIt() throws SQLException {
        Http api = Http.to("http://localhost:" + port).basic(ApplicationTest.ADMIN, ApplicationTest.PASSWORD);
        String org = Fixtures.createOrganization(api, "Lost index");
        api.post("/api/orgs/" + org + "/members", Map.of("email", "lost-ix@example.com", "name", "Lost Index"));
        assertThat(rebuilds.runNow().replaced())
                .as("every slot has its indexes")
                .isEmpty();
        String live = liveSlot("directory");
        assertThat(liveSlot("activity")).isEqualTo(live);
        Map<String, Set<String>> complete = indexes(live);
        try (Connection connection = dataSource.getConnection();
                var statement = connection.createStatement()) {
            statement.execute("DROP INDEX ix_dir_member_" + live + "_email");
            statement.execute("DROP INDEX ix_activity_" + live + "_subject");
        }
        assertThat(indexes(live).get("dir_member")).doesNotContain("email");
        assertThat(indexes(live).get("activity")).doesNotContain("subject");

        RebuildProgress done = rebuilds.runNow();

        assertThat(done.status()).as(done.toString()).isEqualTo(RebuildProgress.Status.COMPLETED);
        assertThat(done.replaced()).containsExactlyInAnyOrder("directory", "activity");
        assertThat(done.phases())
                .extracting(RebuildProgress.PhaseTime::name)
                .contains("check-compare", "write", RebuildProgress.SWITCH);
        String now = liveSlot("directory");
        assertThat(now).isNotEqualTo(live);
        assertThat(liveSlot("activity")).isEqualTo(now);
        assertThat(indexes(now)).isEqualTo(complete);
        // the former live slot, now the standby, gets it back at the next rebuild into it
        assertThat(rebuilds.runNow(true).verified()).isTrue();
        assertThat(indexes("a")).isEqualTo(complete);
        assertThat(indexes("b")).isEqualTo(complete);
    }

    private String liveSlot(String projection) {
        return new org.springframework.jdbc.core.JdbcTemplate(dataSource)
                .queryForObject("SELECT live_slot FROM projection_slot WHERE projection = ?", String.class, projection);
    }

    /** Each slot table's secondary indexes, named by what they are for ({@code ix_<table>_<what>}). */
    private Map<String, Set<String>> indexes(String slot) throws SQLException {
        Map<String, Set<String>> indexes = new java.util.TreeMap<>();
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData metaData = connection.getMetaData();
            boolean upper = metaData.storesUpperCaseIdentifiers();
            for (String base : SLOT_TABLES) {
                String table = base + "_" + slot;
                Set<String> names = new TreeSet<>();
                try (ResultSet rs = metaData.getIndexInfo(
                        null, connection.getSchema(), upper ? table.toUpperCase(Locale.ROOT) : table, false, false)) {
                    while (rs.next()) {
                        String name = rs.getString("INDEX_NAME");
                        String prefix = "ix_" + table + "_";
                        if (name != null && name.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                            names.add(name.toLowerCase(Locale.ROOT).substring(prefix.length()));
                        }
                    }
                }
                indexes.put(base, names);
            }
        }
        return indexes;
    }
}
