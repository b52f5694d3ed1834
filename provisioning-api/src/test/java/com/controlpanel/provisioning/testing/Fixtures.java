package com.controlpanel.provisioning.testing;

import com.controlpanel.provisioning.application.CommandContext;
import com.controlpanel.provisioning.application.Commands;
import com.controlpanel.provisioning.domain.api.Actor;
import com.controlpanel.provisioning.domain.api.CredentialId;
import com.controlpanel.provisioning.domain.api.EmailAddress;
import com.controlpanel.provisioning.domain.api.MemberId;
import com.controlpanel.provisioning.domain.api.MemberProfile;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.domain.api.PersonName;
import com.controlpanel.provisioning.domain.api.ProvisionMemberCommand;
import com.controlpanel.provisioning.domain.api.ProvisionTeamCommand;
import com.controlpanel.provisioning.domain.api.TeamId;
import com.controlpanel.provisioning.domain.api.TeamName;
import com.controlpanel.provisioning.domain.api.UserName;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Ways for tests to bring the application into a state, as Okta's SCIM integration would. */
public final class Fixtures {

    public static final CommandContext OKTA = new CommandContext(
            Actor.identityProvider(new CredentialId("test-credential")), null, "Okta SCIM Client 1.0.0");

    private Fixtures() {}

    /**
     * Creates an organization over the JSON API (as the operator {@code operator} signs in) named {@code name} and a
     * number that makes it unique; returns its id.
     */
    public static String createOrganization(Http operator, String name) {
        return operator.post("/api/orgs", Map.of("name", name + " " + System.nanoTime()))
                .json()
                .get("id")
                .asText();
    }

    public static String uniqueEmail(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    /** A member pushed by Okta (provisioning must be on). */
    public static MemberId provisionMember(Commands commands, OrganizationId organization, String email) {
        return provisionMember(commands, organization, email, Map.of());
    }

    /** A member pushed by Okta with these further attributes (provisioning must be on). */
    public static MemberId provisionMember(
            Commands commands, OrganizationId organization, String email, Map<String, Object> attributes) {
        MemberId id = MemberId.random();
        commands.send(
                OKTA,
                new ProvisionMemberCommand(
                        id,
                        organization,
                        new MemberProfile(
                                new UserName(email),
                                PersonName.of("Okta", "Person"),
                                null,
                                List.of(EmailAddress.work(email)),
                                "00u" + id.value().substring(0, 8),
                                attributes),
                        true));
        return id;
    }

    /** A team pushed by Okta (provisioning must be on). */
    public static TeamId provisionTeam(Commands commands, OrganizationId organization, String name) {
        TeamId id = TeamId.random();
        commands.send(OKTA, new ProvisionTeamCommand(id, organization, new TeamName(name), null, List.of()));
        return id;
    }
}
