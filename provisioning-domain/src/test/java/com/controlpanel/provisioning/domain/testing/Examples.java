package com.controlpanel.provisioning.domain.testing;

import com.controlpanel.provisioning.domain.api.EmailAddress;
import com.controlpanel.provisioning.domain.api.MemberId;
import com.controlpanel.provisioning.domain.api.MemberProfile;
import com.controlpanel.provisioning.domain.api.MemberProvisioned;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.domain.api.PersonName;
import com.controlpanel.provisioning.domain.api.ProvisioningEnabled;
import com.controlpanel.provisioning.domain.api.Source;
import com.controlpanel.provisioning.domain.api.TeamId;
import com.controlpanel.provisioning.domain.api.TeamName;
import com.controlpanel.provisioning.domain.api.TeamProvisioned;
import com.controlpanel.provisioning.domain.api.TenantId;
import com.controlpanel.provisioning.domain.api.UserName;
import java.util.List;
import java.util.Map;

/** The people and teams the domain tests talk about. */
public final class Examples {

    public static final OrganizationId ACME = new OrganizationId("acme");
    public static final OrganizationId GLOBEX = new OrganizationId("globex");
    public static final TenantId ACME_TENANT = new TenantId("acme-tenant");

    public static final MemberId ALICE = new MemberId("alice");
    public static final MemberId BOB = new MemberId("bob");
    public static final MemberId CAROL = new MemberId("carol");

    public static final TeamId ENGINEERING = new TeamId("engineering");
    public static final TeamId SALES = new TeamId("sales");

    private Examples() {}

    public static MemberProfile profile(String userName, String given, String family) {
        return new MemberProfile(
                new UserName(userName),
                PersonName.of(given, family),
                given + " " + family,
                List.of(EmailAddress.work(userName)),
                "ext-" + given.toLowerCase(),
                Map.of("title", "Engineer"));
    }

    public static MemberProfile aliceProfile() {
        return profile("alice@acme.test", "Alice", "Adams");
    }

    public static MemberProvisioned provisioned(MemberId id, MemberProfile profile) {
        return new MemberProvisioned(ACME, id, Source.OKTA, profile, true);
    }

    public static MemberProvisioned invited(MemberId id, String email) {
        return new MemberProvisioned(ACME, id, Source.MANUAL, MemberProfile.invited(email, PersonName.EMPTY), true);
    }

    public static TeamProvisioned pushedTeam(TeamId id, String name) {
        return new TeamProvisioned(ACME, id, Source.OKTA, new TeamName(name), "okta-" + name);
    }

    public static TeamProvisioned manualTeam(TeamId id, String name) {
        return new TeamProvisioned(ACME, id, Source.MANUAL, new TeamName(name), null);
    }

    public static ProvisioningEnabled provisioningOn() {
        return new ProvisioningEnabled(ACME, ACME_TENANT);
    }
}
