package com.controlpanel.provisioning.scim;

import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.directory.DirectorySearch;
import com.controlpanel.provisioning.directory.DirectorySearchQuery;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.testing.ApplicationTest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * With 10,000 members in the organization, {@code filter=userName eq "…"} is one index lookup: the database's own plan
 * of the query the SCIM endpoint runs names the userName index and reads a row or two, not the organization. The
 * members the lookup must not read are written straight into the directory's tables (as a rebuild would): through
 * the commands they would take minutes, and only the read path is under test here; the member looked up is created
 * over SCIM.
 */
@ApplicationTest
class UserNameFilterScaleTest extends ScimTestSupport {

    private static final int MEMBERS = 10_000;

    @Autowired
    DirectorySearch search;

    @Test
    void userNameEqIsAnIndexLookupAmongTenThousandMembers() throws Exception {
        OrganizationId organization = new OrganizationId(org);
        String wanted = unique("Scale.Wanted").toLowerCase(Locale.ROOT);
        String id = createUser(wanted).get("id").asText();
        insertMembers(MEMBERS - 1);
        assertThat(get("/Users?count=0").json().get("totalResults").asInt()).isEqualTo(MEMBERS);

        var found = get("/Users?filter=" + filter("userName eq \"" + wanted.toUpperCase(Locale.ROOT) + "\""));
        assertThat(found.json().get("totalResults").asInt()).isEqualTo(1);
        assertThat(found.json().get("Resources").get(0).get("id").asText()).isEqualTo(id);

        String plan = search.explainMembers(new DirectorySearchQuery(
                organization, FilterTranslator.users("userName eq \"" + wanted + "\""), null, false, 0, 100));
        String lower = plan.toLowerCase(Locale.ROOT);
        assertThat(lower).as(plan).containsPattern("ix_dir_member_[ab]_user_name");
        assertThat(lower).as(plan).doesNotContain("seq scan on dir_member", "tablescan");
        assertThat(rowsRead(lower)).as(plan).isLessThanOrEqualTo(2);
    }

    /** Members of the organization in the live slot of the directory, in JDBC batches. */
    private void insertMembers(int count) {
        String slot = jdbc.queryForObject(
                "SELECT live_slot FROM projection_slot WHERE projection = 'directory'", String.class);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String email = String.format(Locale.ROOT, "member-%05d@scale.example.com", i);
            String profile = "{\"userName\":\"" + email + "\",\"name\":{\"formatted\":null,\"familyName\":\"Number "
                    + i + "\",\"givenName\":\"Member\",\"middleName\":null,\"honorificPrefix\":null,"
                    + "\"honorificSuffix\":null},\"displayName\":null,\"emails\":[{\"value\":\"" + email
                    + "\",\"type\":\"work\",\"primary\":true,\"display\":null}],\"externalId\":\"00u" + i
                    + "\",\"attributes\":{}}";
            rows.add(new Object[] {
                UUID.randomUUID().toString(),
                org,
                "OKTA",
                true,
                email,
                email,
                "00u" + i,
                null,
                null,
                "member",
                "number " + i,
                email,
                email,
                "Member Number " + i,
                "member number " + i,
                profile,
                now,
                now,
                0L
            });
        }
        for (int from = 0; from < rows.size(); from += 1000) {
            jdbc.batchUpdate(
                    "INSERT INTO dir_member_" + slot + " (member_id, organization_id, source, active, user_name, "
                            + "user_name_key, external_id, display_name, display_name_key, given_name_key, "
                            + "family_name_key, email, email_key, label, label_key, profile, created_at, "
                            + "last_modified_at, version) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    rows.subList(from, Math.min(rows.size(), from + 1000)));
        }
        // as a rebuild does after its bulk load: PostgreSQL's planner would otherwise see the table as it was (once it
        // picked another index that starts with the organization, and read all 10,000 members for one)
        if (jdbc.execute((java.sql.Connection connection) -> connection
                .getMetaData()
                .getDatabaseProductName()
                .toLowerCase(Locale.ROOT)
                .contains("postgres"))) {
            jdbc.execute("ANALYZE dir_member_" + slot);
        }
    }

    /** Rows the database read: H2's {@code scanCount}, PostgreSQL's actual rows of the member table's scan. */
    private static int rowsRead(String plan) {
        Matcher h2 = Pattern.compile("scancount: (\\d+)").matcher(plan);
        int rows = 0;
        boolean any = false;
        while (h2.find()) {
            rows += Integer.parseInt(h2.group(1));
            any = true;
        }
        if (any) {
            return rows;
        }
        Matcher postgres = Pattern.compile("dir_member_[ab] m\\s+\\(cost=[^)]*\\)\\s+\\(actual time=\\S+ rows=(\\d+)")
                .matcher(plan);
        return postgres.find() ? Integer.parseInt(postgres.group(1)) : Integer.MAX_VALUE;
    }
}
