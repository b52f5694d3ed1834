package com.controlpanel.provisioning.activity;

import static com.controlpanel.provisioning.testing.EventExamples.ALICE;
import static com.controlpanel.provisioning.testing.EventExamples.ENGINEERING;
import static com.controlpanel.provisioning.testing.EventExamples.ORG;
import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.domain.api.Actor;
import com.controlpanel.provisioning.domain.api.AdminId;
import com.controlpanel.provisioning.domain.api.MemberAddedToTeam;
import com.controlpanel.provisioning.domain.api.MemberProfile;
import com.controlpanel.provisioning.domain.api.MemberProfileChanged;
import com.controlpanel.provisioning.domain.api.MemberProvisioned;
import com.controlpanel.provisioning.domain.api.OrganizationEvent;
import com.controlpanel.provisioning.domain.api.PersonName;
import com.controlpanel.provisioning.domain.api.Source;
import com.controlpanel.provisioning.domain.api.TeamName;
import com.controlpanel.provisioning.domain.api.TeamProvisioned;
import com.controlpanel.provisioning.domain.api.UserName;
import com.controlpanel.provisioning.testing.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Event in, row out, on the real schema, for the longest values the domain accepts: one row that does not fit would
 * stop the activity processor, and with it every organization's timeline (each event is retried, never skipped).
 */
class ActivityLimitsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Actor ADMIN = Actor.admin(new AdminId("admin-1"), "admin@example.com");

    private final JdbcTemplate jdbc = new JdbcTemplate(TestDatabase.migrated());
    private final ActivityStore store = new ActivitySlots(jdbc).liveStore();
    private long position;

    /** As the live projection does: describe with the stored names, then insert. */
    private ActivityRow project(OrganizationEvent event, String requestId, String client) {
        position++;
        ActivityRow row = ActivityDescriber.describe(
                new ActivityDescriber.Input(
                        position,
                        "event-" + position,
                        Instant.parse("2026-11-02T09:30:00Z").plusSeconds(position),
                        event,
                        ADMIN,
                        requestId,
                        client),
                store);
        store.insert(row);
        return row;
    }

    private static String letters(char letter, int count) {
        return String.valueOf(letter).repeat(count);
    }

    /** The longest names the domain takes (256 each), no display name, a long email: "Given Family (email)". */
    private static MemberProfile longestNames(Map<String, Object> attributes) {
        String email = letters('e', 64) + "@" + letters('d', 60) + "." + letters('d', 60) + ".example.com";
        return new MemberProfile(
                new UserName(email),
                PersonName.of(letters('g', 256), letters('f', 256)),
                null,
                List.of(),
                null,
                attributes);
    }

    @Test
    void aMemberWithTheLongestNamesIsStoredWithItsNameCutAndNamedSoInLaterRows() {
        ActivityRow invited = project(
                new MemberProvisioned(ORG, ALICE, Source.MANUAL, longestNames(Map.of()), true), "req-1", "browser");
        assertThat(invited.subjectName()).hasSize(ActivityDescriber.NAME_MAX).endsWith("…");
        assertThat(store.name(ALICE.value())).contains(invited.subjectName());

        project(
                new TeamProvisioned(ORG, ENGINEERING, Source.MANUAL, new TeamName(letters('t', 256)), null),
                null,
                null);
        ActivityRow added = project(new MemberAddedToTeam(ORG, ENGINEERING, ALICE), null, null);
        assertThat(added.summary()).contains(invited.subjectName());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM activity_a", Integer.class))
                .isEqualTo(3);
    }

    @Test
    void anAttributeTooLongToShowIsCutInTheDetailsAndTheRowIsStored() throws Exception {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("title", "😀" + letters('x', 1_200_000));
        ActivityRow provisioned = project(
                new MemberProvisioned(ORG, ALICE, Source.OKTA, longestNames(attributes), true),
                letters('r', 300),
                letters('c', 300));
        JsonNode details = JSON.readTree(provisioned.details());
        assertThat(details.get("profile").get("title").asText())
                .hasSize(ActivityDescriber.VALUE_MAX)
                .endsWith("…");
        assertThat(provisioned.requestId()).hasSize(ActivityDescriber.TEXT_MAX);
        assertThat(provisioned.client()).hasSize(ActivityDescriber.TEXT_MAX);

        // so many attributes that even cut they do not fit: the names of the changed fields are kept
        Map<String, Object> many = new LinkedHashMap<>();
        for (int i = 0; i < 1_000; i++) {
            many.put("urn:example:custom:" + i, Map.of("value", letters('v', 1_500)));
        }
        ActivityRow changed =
                project(new MemberProfileChanged(ORG, ALICE, longestNames(attributes), longestNames(many)), null, null);
        JsonNode shortened = JSON.readTree(changed.details());
        assertThat(shortened.get("truncated").asText()).contains("history");
        assertThat(shortened.get("fields").size()).isEqualTo(1_001);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM activity_a", Integer.class))
                .isEqualTo(2);
    }

    @Test
    void aCutNeverSplitsACharacterInTwo() {
        String cut = ActivityDescriber.cut("ab😀cd", 4);
        assertThat(cut).isEqualTo("ab…");
    }
}
