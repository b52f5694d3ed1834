package com.controlpanel.provisioning.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.application.CommandContext;
import com.controlpanel.provisioning.application.Commands;
import com.controlpanel.provisioning.domain.api.AddMemberToTeamCommand;
import com.controlpanel.provisioning.domain.api.DeleteTeamCommand;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.domain.api.TeamId;
import com.controlpanel.provisioning.testing.ApplicationTest;
import com.controlpanel.provisioning.testing.Fixtures;
import com.controlpanel.provisioning.testing.Http;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.Registration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An invitation into a team that another admin deletes between the invitation's check of its teams and the member's
 * joining it (here: the deletion is sent just before the member's joining is): the member is invited, without that
 * team, and the answer says so (it was a 404 while the member had been created, so a retry met "taken").
 */
@ApplicationTest
class InviteRaceTest {

    @LocalServerPort
    int port;

    @Autowired
    CommandBus commandBus;

    @Autowired
    Commands commands;

    @Test
    void aTeamDeletedWhileTheMemberIsInvitedIntoItIsPassedOverAndTheInvitationStands() {
        Http api = Http.to("http://localhost:" + port).basic(ApplicationTest.ADMIN, ApplicationTest.PASSWORD);
        String org = Fixtures.createOrganization(api, "Invite Race");
        String kept = api.post("/api/orgs/" + org + "/teams", Map.of("name", "Kept"))
                .json()
                .get("id")
                .asText();
        String doomed = api.post("/api/orgs/" + org + "/teams", Map.of("name", "Doomed"))
                .json()
                .get("id")
                .asText();
        Registration deleteFirst = commandBus.registerDispatchInterceptor(messages -> (index, message) -> {
            if (message.getPayload() instanceof AddMemberToTeamCommand add
                    && add.teamId().value().equals(doomed)) {
                commands.send(
                        CommandContext.system(), new DeleteTeamCommand(new TeamId(doomed), new OrganizationId(org)));
            }
            return message;
        });
        Http.Response invited;
        try {
            invited = api.post(
                    "/api/orgs/" + org + "/members",
                    Map.of("email", "ray.ce@example.com", "name", "Ray Ce", "teamIds", List.of(doomed, kept)));
        } finally {
            deleteFirst.cancel();
        }

        assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
        String memberId = invited.json().get("id").asText();
        assertThat(api.get("/api/orgs/" + org + "/teams/" + doomed).status()).isEqualTo(404);
        JsonNode member = api.get("/api/orgs/" + org + "/members/" + memberId).json();
        assertThat(member.get("teams").findValuesAsText("id")).containsExactly(kept);
        JsonNode keptMembers = api.get("/api/orgs/" + org + "/teams/" + kept + "/members")
                .json()
                .get("items");
        assertThat(keptMembers).hasSize(1);
        assertThat(keptMembers.get(0).get("id").asText()).isEqualTo(memberId);
    }
}
