package com.controlpanel.provisioning.scim;

import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.application.Commands;
import com.controlpanel.provisioning.directory.DirectorySearch;
import com.controlpanel.provisioning.directory.DirectorySearchQuery;
import com.controlpanel.provisioning.domain.api.EmailAddress;
import com.controlpanel.provisioning.domain.api.MemberId;
import com.controlpanel.provisioning.domain.api.MemberProfile;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.domain.api.PersonName;
import com.controlpanel.provisioning.domain.api.ProvisionMemberCommand;
import com.controlpanel.provisioning.domain.api.UserName;
import com.controlpanel.provisioning.testing.ApplicationTest;
import com.controlpanel.provisioning.testing.Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * With 10,000 members in the organization, {@code filter=userName eq "…"} is one index lookup: the database's own plan
 * of the query the SCIM endpoint runs names the userName index and reads a row or two, not the organization.
 */
@ApplicationTest
class UserNameFilterScaleTest extends ScimTestSupport {

    private static final int MEMBERS = 10_000;

    @Autowired
    Commands commands;

    @Autowired
    DirectorySearch search;

    @Test
    void userNameEqIsAnIndexLookupAmongTenThousandMembers() throws Exception {
        OrganizationId organization = new OrganizationId(org);
        provision(organization);
        assertThat(get("/Users?count=0").json().get("totalResults").asInt()).isEqualTo(MEMBERS);

        String wanted = "member-07777@scale.example.com";
        var found = get("/Users?filter=" + filter("userName eq \"" + wanted.toUpperCase(Locale.ROOT) + "\""));
        assertThat(found.json().get("totalResults").asInt()).isEqualTo(1);
        JsonNode user = found.json().get("Resources").get(0);
        assertThat(user.get("userName").asText()).isEqualTo(wanted);

        String plan = search.explainMembers(new DirectorySearchQuery(
                organization, FilterTranslator.users("userName eq \"" + wanted + "\""), null, false, 0, 100));
        String lower = plan.toLowerCase(Locale.ROOT);
        assertThat(lower).as(plan).containsPattern("ix_dir_member_[ab]_user_name");
        assertThat(lower).as(plan).doesNotContain("seq scan on dir_member", "tablescan");
        assertThat(rowsRead(lower)).as(plan).isLessThanOrEqualTo(2);
    }

    /** Members straight through the command bus (as the SCIM endpoint would), on two threads. */
    private void provision(OrganizationId organization) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int thread = 0; thread < 2; thread++) {
                int first = thread;
                work.add(pool.submit(() -> {
                    for (int i = first; i < MEMBERS; i += 2) {
                        String email = String.format("member-%05d@scale.example.com", i);
                        commands.send(
                                Fixtures.OKTA,
                                new ProvisionMemberCommand(
                                        MemberId.random(),
                                        organization,
                                        new MemberProfile(
                                                new UserName(email),
                                                PersonName.of("Member", "Number" + i),
                                                null,
                                                List.of(EmailAddress.work(email)),
                                                "00u" + i,
                                                Map.of("title", "Scale tester")),
                                        true));
                    }
                }));
            }
            for (Future<?> future : work) {
                future.get();
            }
        } finally {
            pool.shutdown();
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
        Matcher postgres = Pattern.compile("dir_member_[ab] m \\(cost=[^)]*\\) \\(actual time=[^ ]* rows=(\\d+)")
                .matcher(plan);
        return postgres.find() ? Integer.parseInt(postgres.group(1)) : Integer.MAX_VALUE;
    }
}
