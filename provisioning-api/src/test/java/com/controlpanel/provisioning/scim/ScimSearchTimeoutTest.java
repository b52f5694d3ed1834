package com.controlpanel.provisioning.scim;

import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.testing.ApplicationTest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * With {@code provisioning.scim.search-timeout=1s}: a User search whose filter costs the database more than that (50
 * value filters of two "not"s each, over an organization with 150,000 email rows: tens of seconds) is stopped and answered
 * 400 {@code tooMany} at once, changes nothing, and leaves the organization's other searches answering. The email rows
 * are written straight into the directory's attribute table: through the commands they would take minutes, and only
 * the search is under test.
 */
@ApplicationTest
@TestPropertySource(properties = "provisioning.scim.search-timeout=1s")
class ScimSearchTimeoutTest extends ScimTestSupport {

    private static final int EMAIL_ROWS = 150_000;

    @Test
    void aSearchTooCostlyForTheOrganizationIsStoppedAndAnsweredTooMany() {
        String userName = unique("Timeout.Kept");
        String id = createUser(userName).get("id").asText();
        insertEmailRows();
        long events = eventCount();

        // 50 value filters of two comparisons each, the most a filter may hold, none matching; each of two "not"s,
        // which require no row, so every email row is read and looked up twice
        String costly = String.join(
                " or ", Collections.nCopies(50, "emails[not (value co \"zz-no-such\") and not (type eq \"work\")]"));
        long began = System.nanoTime();
        var stopped = get("/Users?filter=" + filter(costly));
        long tookSeconds = (System.nanoTime() - began) / 1_000_000_000L;

        assertError(stopped, 400, "tooMany");
        assertThat(stopped.json().get("detail").asText())
                .contains("longer than 1 s", "narrow it")
                .doesNotContain("zz-no-such", "SQL", "57014");
        // the statement was stopped, not run to its end (tens of seconds) and answered after
        assertThat(tookSeconds).as("seconds until the answer").isLessThan(20);
        assertThat(eventCount()).isEqualTo(events);

        // the organization's other searches go on answering, with the same connection pool
        var found = get("/Users?filter=" + filter("userName eq \"" + userName + "\""));
        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        assertThat(found.json().get("totalResults").asInt()).isEqualTo(1);
        assertThat(found.json().get("Resources").get(0).get("id").asText()).isEqualTo(id);
        var posted = post(
                "/Users/.search",
                java.util.Map.of(
                        "schemas", List.of("urn:ietf:params:scim:api:messages:2.0:SearchRequest"), "filter", costly));
        assertError(posted, 400, "tooMany");
    }

    /** Email elements (value and type rows) of members that exist only in the attribute table, in the live slot. */
    private void insertEmailRows() {
        String slot = jdbc.queryForObject(
                "SELECT live_slot FROM projection_slot WHERE projection = 'directory'", String.class);
        List<Object[]> rows = new ArrayList<>(1000);
        for (int i = 0; i < EMAIL_ROWS; i += 2) {
            String member = String.format("timeout-member-%06d", i / 2);
            rows.add(new Object[] {member, org, "emails.value", 0, member + "@timeout.example.com"});
            rows.add(new Object[] {member, org, "emails.type", 0, "work"});
            if (rows.size() >= 1000 || i + 2 >= EMAIL_ROWS) {
                jdbc.batchUpdate(
                        "INSERT INTO dir_member_attr_" + slot
                                + " (member_id, organization_id, path, ordinal, value_key) VALUES (?,?,?,?,?)",
                        rows);
                rows.clear();
            }
        }
    }
}
