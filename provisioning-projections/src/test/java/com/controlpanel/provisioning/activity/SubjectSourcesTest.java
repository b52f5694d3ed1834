package com.controlpanel.provisioning.activity;

import static com.controlpanel.provisioning.testing.EventExamples.ALICE;
import static com.controlpanel.provisioning.testing.EventExamples.BOB;
import static com.controlpanel.provisioning.testing.EventExamples.ENGINEERING;
import static com.controlpanel.provisioning.testing.EventExamples.ORG;
import static com.controlpanel.provisioning.testing.EventExamples.TENANT;
import static com.controlpanel.provisioning.testing.EventExamples.aliceProfile;
import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.directory.DirectoryFeed;
import com.controlpanel.provisioning.directory.DirectoryQueries;
import com.controlpanel.provisioning.directory.DirectorySlots;
import com.controlpanel.provisioning.domain.api.MemberProfile;
import com.controlpanel.provisioning.domain.api.MemberProvisioned;
import com.controlpanel.provisioning.domain.api.OrganizationCreated;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.domain.api.PersonName;
import com.controlpanel.provisioning.domain.api.Source;
import com.controlpanel.provisioning.domain.api.TeamName;
import com.controlpanel.provisioning.domain.api.TeamProvisioned;
import com.controlpanel.provisioning.testing.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** Directory and Activity rows in, the source each row's member or team is shown with out (rule 5). */
class SubjectSourcesTest {

    private static final OrganizationId OTHER = new OrganizationId("7d0f6a1e-2b3c-4d5e-8f90-a1b2c3d4e5f6");
    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    private ActivityStore activity;
    private SubjectSources sources;
    private final List<ActivityRow> rows = new ArrayList<>();
    private long position;

    @BeforeEach
    void setUp() {
        JdbcTemplate jdbc = TestDatabase.jdbc();
        new DirectoryFeed(jdbc)
                .on(new OrganizationCreated(ORG, "Acme", TENANT), T0)
                .on(new MemberProvisioned(ORG, ALICE, Source.OKTA, aliceProfile(), true), T0)
                .on(
                        new MemberProvisioned(
                                ORG,
                                BOB,
                                Source.MANUAL,
                                MemberProfile.invited("bob@example.com", PersonName.of("Bob", "Stone")),
                                true),
                        T0)
                .on(new TeamProvisioned(ORG, ENGINEERING, Source.OKTA, new TeamName("Engineering"), "00g1"), T0);
        ActivitySlots slots = new ActivitySlots(jdbc);
        activity = slots.liveStore();
        sources = new SubjectSources(new DirectoryQueries(jdbc, new DirectorySlots(jdbc)), jdbc, slots);
    }

    private ActivityRow row(OrganizationId org, String action, String type, String subject) {
        position++;
        ActivityRow row = new ActivityRow(
                position,
                "event-" + position,
                org.value(),
                T0.plusSeconds(position),
                "ADMIN",
                "admin-1",
                "admin@example.com",
                null,
                null,
                action,
                type,
                subject,
                "Name " + position,
                null,
                "Summary " + position,
                "{}");
        activity.insert(row);
        if (org.equals(ORG)) {
            rows.add(row);
        }
        return row;
    }

    @Test
    void aMemberOrTeamTheOrganizationHasIsShownWithItsSourceNow() {
        row(ORG, "member.updated", "MEMBER", ALICE.value());
        row(ORG, "member.updated", "MEMBER", BOB.value());
        row(ORG, "team.renamed", "TEAM", ENGINEERING.value());
        row(ORG, "organization.renamed", "ORGANIZATION", ORG.value());

        Map<String, Source> shown = sources.of(ORG, rows);

        assertThat(shown)
                .containsEntry(ALICE.value(), Source.OKTA)
                .containsEntry(BOB.value(), Source.MANUAL)
                .containsEntry(ENGINEERING.value(), Source.OKTA)
                .doesNotContainKey(ORG.value());
        assertThat(sources.of(ORG, rows.get(3)))
                .as("the organization has no source")
                .isNull();
    }

    @Test
    void oneThatIsGoneIsOktasIfOktaProvisionedOrTookItOverInThisOrganization() {
        row(ORG, "member.provisioned", "MEMBER", "gone-okta-member");
        row(ORG, "member.deprovisioned", "MEMBER", "gone-okta-member");
        row(ORG, "member.invited", "MEMBER", "gone-manual-member");
        row(ORG, "member.removed", "MEMBER", "gone-manual-member");
        row(ORG, "team.created", "TEAM", "gone-taken-team");
        row(ORG, "team.taken-over", "TEAM", "gone-taken-team");
        row(ORG, "team.deleted", "TEAM", "gone-taken-team");
        row(ORG, "team.created", "TEAM", "gone-manual-team");
        row(ORG, "team.deleted", "TEAM", "gone-manual-team");
        // the same id pushed by Okta in another organization says nothing of this one's
        row(OTHER, "member.provisioned", "MEMBER", "gone-manual-member");

        Map<String, Source> shown = sources.of(ORG, rows);

        assertThat(shown)
                .containsEntry("gone-okta-member", Source.OKTA)
                .containsEntry("gone-manual-member", Source.MANUAL)
                .containsEntry("gone-taken-team", Source.OKTA)
                .containsEntry("gone-manual-team", Source.MANUAL)
                .hasSize(4);
    }

    @Test
    void manyRowsAreAnsweredInAFewReadsWhateverTheirNumber() {
        for (int i = 0; i < 1_200; i++) {
            row(ORG, i % 2 == 0 ? "member.provisioned" : "member.invited", "MEMBER", "gone-" + i);
        }
        Map<String, Source> shown = sources.of(ORG, rows);
        assertThat(shown).hasSize(1_200);
        assertThat(shown.get("gone-0")).isEqualTo(Source.OKTA);
        assertThat(shown.get("gone-1199")).isEqualTo(Source.MANUAL);
    }
}
