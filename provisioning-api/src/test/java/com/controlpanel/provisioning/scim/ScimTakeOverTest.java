package com.controlpanel.provisioning.scim;

import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.testing.ApplicationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Members and teams an admin made in the Control Panel before Okta was set up: Okta finds them (a member by its
 * userName, a team by its name) and manages them from its first write on. The member or team becomes provisioned
 * (source, badge, read-only), Activity and the history record the take-over before the change, and a team is not taken
 * over while a member invited in the Control Panel would stay in it (rule 3).
 */
@ApplicationTest
class ScimTakeOverTest extends ScimTestSupport {

    private String api(String path) {
        return "/api/orgs/" + org + path;
    }

    private String invite(String email, String... teamIds) {
        var invited =
                admin.post(api("/members"), Map.of("email", email, "name", "Mia Manual", "teamIds", List.of(teamIds)));
        assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
        return invited.json().get("id").asText();
    }

    private String createTeam(String name) {
        var created = admin.post(api("/teams"), Map.of("name", name));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    /** The subject's Activity actions, newest first, once the asynchronous projection has written one of this one. */
    private List<String> actionsOnceThere(String subject, String action) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        List<String> actions = actions(subject);
        while (System.nanoTime() < deadline && !actions.contains(action)) {
            Thread.sleep(20);
            actions = actions(subject);
        }
        return actions;
    }

    private List<String> actions(String subject) {
        List<String> actions = new ArrayList<>();
        admin.get(api("/activity?subject=" + subject))
                .json()
                .get("items")
                .forEach(row -> actions.add(row.get("action").asText() + " by "
                        + row.get("actor").get("kind").asText()));
        return actions;
    }

    @Test
    void oktaTakesOverAMemberInvitedInTheControlPanelWhenItFirstWritesToIt() throws Exception {
        String team = createTeam("Manual team " + unique("t"));
        String email = unique("mia");
        String id = invite(email, team);
        Instant beforeOkta = Instant.now();
        Thread.sleep(5);

        // Okta looks the person up before creating them, finds the invited member, and pushes its profile to it
        JsonNode found = get("/Users?filter=" + filter("userName eq \"" + email.toUpperCase() + "\""))
                .json();
        assertThat(found.get("totalResults").asInt()).isEqualTo(1);
        assertThat(found.get("Resources").get(0).get("id").asText()).isEqualTo(id);
        ObjectNode pushed = oktaUser(email, "Mia", "Okta");
        pushed.put("id", id);
        var replaced = put("/Users/" + id, pushed);
        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
        assertThat(replaced.json().get("name").get("familyName").asText()).isEqualTo("Okta");

        JsonNode member = admin.get(api("/members/" + id)).json();
        assertThat(member.get("source").asText()).isEqualTo("OKTA");
        assertThat(member.get("readOnly").asBoolean()).isTrue();
        assertThat(member.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(member.get("teams").findValuesAsText("id"))
                .as("it stays in the manual team (rule 4)")
                .containsExactly(team);
        var edit = admin.patch(api("/members/" + id), Map.of("givenName", "Mine"));
        assertThat(edit.status()).as(edit.toString()).isEqualTo(409);
        assertThat(edit.json().get("code").asText()).isEqualTo("managed-in-okta");

        // later writes are plain provisioned changes: taken over once
        var deactivated = patch("/Users/" + id, patchOp(op("replace", null, Map.of("active", false))));
        assertThat(deactivated.status()).as(deactivated.toString()).isEqualTo(200);
        assertThat(actionsOnceThere(id, "member.deactivated by IDENTITY_PROVIDER"))
                .containsExactly(
                        "member.deactivated by IDENTITY_PROVIDER",
                        "member.updated by IDENTITY_PROVIDER",
                        "member.taken-over by IDENTITY_PROVIDER",
                        "team.member-added by ADMIN",
                        "member.invited by ADMIN");
        List<String> types = new ArrayList<>();
        admin.get(api("/members/" + id + "/history"))
                .json()
                .forEach(entry -> types.add(entry.get("type").asText()));
        assertThat(types)
                .containsExactly("MemberProvisioned", "MemberTakenOver", "MemberProfileChanged", "MemberDeactivated");

        // the state as of an instant tells the member's source then
        assertThat(admin.get(api("/state/members/" + id + "?at=" + beforeOkta))
                        .json()
                        .get("source")
                        .asText())
                .isEqualTo("MANUAL");
        assertThat(admin.get(api("/state/members/" + id + "?at=" + Instant.now()))
                        .json()
                        .get("source")
                        .asText())
                .isEqualTo("OKTA");
    }

    /** The refusal said the team, still the admin's, "was pushed from Okta". */
    @Test
    void aMemberInvitedInTheControlPanelJoiningATeamCreatedThereIsRefusedAsTheTeamIs() {
        String name = "Empty " + unique("t");
        String team = createTeam(name);
        String invited = invite(unique("max"));
        long events = eventCount();

        var refused = patch("/Groups/" + team, patchOp(op("Add", "members", List.of(Map.of("value", invited)))));

        assertError(refused, 400, "invalidValue");
        assertThat(refused.json().get("detail").asText())
                .startsWith("Team \"" + name + "\" (" + team + ") was created in the Control Panel and would be"
                        + " managed in Okta from this change on, but member ")
                .contains("(" + invited + "), invited in the Control Panel, would be in it: push the group without"
                        + " them or have Okta update each of them first (its first change of a member takes it over)")
                .doesNotContain("pushed from Okta")
                .as("nobody to remove from the team: it has no member yet")
                .doesNotContain("remove them from the team");
        assertThat(eventCount()).as("nothing taken over, nothing added").isEqualTo(events);
        assertThat(admin.get(api("/teams/" + team)).json().get("source").asText())
                .isEqualTo("MANUAL");
    }

    @Test
    void aTeamIsTakenOverOnlyWhenNoMemberInvitedInTheControlPanelStaysInIt() throws Exception {
        String name = "Sales " + unique("t");
        String team = createTeam(name);
        String invited = invite(unique("mia"), team);
        String fromOkta = createUser(unique("ola")).get("id").asText();
        assertThat(admin.post(api("/teams/" + team + "/members"), Map.of("memberId", fromOkta))
                        .status())
                .isEqualTo(200);
        String another = createUser(unique("oscar")).get("id").asText();

        // Okta links a pushed group to the team by its name
        JsonNode found = get("/Groups?filter=" + filter("displayName eq \"" + name + "\""))
                .json();
        assertThat(found.get("Resources").get(0).get("id").asText()).isEqualTo(team);

        long events = eventCount();
        var refused = patch("/Groups/" + team, patchOp(op("add", "members", List.of(Map.of("value", another)))));
        assertError(refused, 400, "invalidValue");
        assertThat(refused.json().get("detail").asText())
                .contains("was created in the Control Panel")
                .contains("(" + invited + "), invited in the Control Panel, would be in it")
                .contains("push the group without them, have Okta update each of them first");
        assertThat(eventCount()).as("nothing taken over, nothing added").isEqualTo(events);
        assertThat(admin.get(api("/teams/" + team)).json().get("source").asText())
                .isEqualTo("MANUAL");

        // the full push leaves the invited member out: the team is taken over with the members Okta sent
        var pushed = patch(
                "/Groups/" + team,
                patchOp(
                        op("replace", "members", List.of(Map.of("value", fromOkta), Map.of("value", another))),
                        op("replace", null, Map.of("id", team, "displayName", name))));
        assertThat(pushed.status()).as(pushed.toString()).isIn(200, 204);
        JsonNode after = admin.get(api("/teams/" + team)).json();
        assertThat(after.get("source").asText()).isEqualTo("OKTA");
        assertThat(after.get("readOnly").asBoolean()).isTrue();
        List<String> members = new ArrayList<>();
        get("/Groups/" + team)
                .json()
                .path("members")
                .forEach(m -> members.add(m.get("value").asText()));
        assertThat(members).containsExactlyInAnyOrder(fromOkta, another);
        assertThat(admin.get(api("/members/" + invited)).json().get("source").asText())
                .as("the invited member stays, the admin's")
                .isEqualTo("MANUAL");
        var rename = admin.patch(api("/teams/" + team), Map.of("name", "Mine"));
        assertThat(rename.status()).as(rename.toString()).isEqualTo(409);
        assertThat(rename.json().get("code").asText()).isEqualTo("managed-in-okta");
        assertThat(actionsOnceThere(team, "team.member-added by IDENTITY_PROVIDER"))
                .startsWith(
                        "team.member-added by IDENTITY_PROVIDER",
                        "team.member-removed by IDENTITY_PROVIDER",
                        "team.taken-over by IDENTITY_PROVIDER");
    }

    @Test
    void aTeamTakenOverWhileAMemberIsInvitedIntoItIsPassedOverAndTheMemberInvited() {
        String name = "Support " + unique("t");
        String team = createTeam(name);
        var linked = patch("/Groups/" + team, patchOp(op("replace", null, Map.of("id", team, "displayName", name))));
        assertThat(linked.status()).as(linked.toString()).isIn(200, 204);
        // the invitation's check of its teams read the team before Okta's take-over was stored: the lookup table
        // still says it is a manual team, the team itself (which the joining asks) is Okta's
        jdbc.update("UPDATE cs_team SET source = 'MANUAL' WHERE team_id = ?", team);
        try {
            String email = unique("late");
            var invited =
                    admin.post(api("/members"), Map.of("email", email, "name", "Lena Late", "teamIds", List.of(team)));
            assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
            JsonNode member = admin.get(
                            api("/members/" + invited.json().get("id").asText()))
                    .json();
            assertThat(member.get("source").asText()).isEqualTo("MANUAL");
            assertThat(member.get("teams"))
                    .as("rule 3: not in the team Okta manages")
                    .isEmpty();
        } finally {
            jdbc.update("UPDATE cs_team SET source = 'OKTA' WHERE team_id = ?", team);
        }
    }

    @Test
    void aScimDeleteOfAMemberInvitedInTheControlPanelTakesItOverAndDeletesIt() throws Exception {
        String id = invite(unique("mia"));
        var deleted = scim.delete("/Users/" + id);
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertThat(get("/Users/" + id).status()).isEqualTo(404);
        assertThat(actionsOnceThere(id, "member.deprovisioned by IDENTITY_PROVIDER"))
                .containsExactly(
                        "member.deprovisioned by IDENTITY_PROVIDER",
                        "member.taken-over by IDENTITY_PROVIDER",
                        "member.invited by ADMIN");
    }
}
