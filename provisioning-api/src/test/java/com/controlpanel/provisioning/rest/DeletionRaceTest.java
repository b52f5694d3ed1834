package com.controlpanel.provisioning.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.application.Commands;
import com.controlpanel.provisioning.application.MemberDeletion;
import com.controlpanel.provisioning.domain.api.DeprovisionMemberCommand;
import com.controlpanel.provisioning.domain.api.MemberId;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.domain.api.TeamChange;
import com.controlpanel.provisioning.domain.api.TeamId;
import com.controlpanel.provisioning.domain.api.UpdateProvisionedTeamCommand;
import com.controlpanel.provisioning.testing.ApplicationTest;
import com.controlpanel.provisioning.testing.Fixtures;
import com.controlpanel.provisioning.testing.Http;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.Registration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A member that Okta adds to a group while it deletes the member (Entra ID does both side by side): the team's record
 * must not show the member join and never leave. Here the add is sent just before the deletion is, after the deletion
 * began, which is when the teams to release were read before.
 */
@ApplicationTest
class DeletionRaceTest {

    @LocalServerPort
    int port;

    @Autowired
    CommandBus commandBus;

    @Autowired
    Commands commands;

    @Autowired
    MemberDeletion memberDeletion;

    @Test
    void aMemberAddedToATeamWhileItIsDeletedIsRecordedLeavingTheTeam() {
        Http api = Http.to("http://localhost:" + port).basic(ApplicationTest.ADMIN, ApplicationTest.PASSWORD);
        String org = Fixtures.createOrganization(api, "Deletion Race");
        api.post("/api/orgs/" + org + "/provisioning/enable", null);
        OrganizationId organization = new OrganizationId(org);
        MemberId member = Fixtures.provisionMember(commands, organization, Fixtures.uniqueEmail("leaving"));
        TeamId team = Fixtures.provisionTeam(commands, organization, "Joined Late");
        Registration addFirst = commandBus.registerDispatchInterceptor(messages -> (index, message) -> {
            if (message.getPayload() instanceof DeprovisionMemberCommand deletion
                    && deletion.memberId().equals(member)) {
                commands.send(
                        Fixtures.OKTA,
                        new UpdateProvisionedTeamCommand(
                                team, organization, List.of(new TeamChange.AddMembers(List.of(member))), null));
            }
            return message;
        });
        try {
            memberDeletion.delete(
                    Fixtures.OKTA, organization, member, new DeprovisionMemberCommand(member, organization, null));
        } finally {
            addFirst.cancel();
        }

        assertThat(api.get("/api/orgs/" + org + "/members/" + member.value()).status())
                .isEqualTo(404);
        JsonNode history = api.get("/api/orgs/" + org + "/teams/" + team.value() + "/history")
                .json();
        List<String> types = new ArrayList<>();
        history.forEach(event -> types.add(event.get("type").asText()));
        assertThat(types).containsExactly("TeamProvisioned", "MemberAddedToTeam", "MemberRemovedFromTeam");
        assertThat(api.get("/api/orgs/" + org + "/teams/" + team.value())
                        .json()
                        .get("memberCount")
                        .asInt())
                .isZero();
    }
}
