package com.controlpanel.provisioning.testing;

import com.controlpanel.provisioning.domain.api.AdminId;
import com.controlpanel.provisioning.domain.api.CredentialId;
import com.controlpanel.provisioning.domain.api.EmailAddress;
import com.controlpanel.provisioning.domain.api.MemberAddedToTeam;
import com.controlpanel.provisioning.domain.api.MemberDeactivated;
import com.controlpanel.provisioning.domain.api.MemberDeprovisioned;
import com.controlpanel.provisioning.domain.api.MemberId;
import com.controlpanel.provisioning.domain.api.MemberProfile;
import com.controlpanel.provisioning.domain.api.MemberProfileChanged;
import com.controlpanel.provisioning.domain.api.MemberProvisioned;
import com.controlpanel.provisioning.domain.api.MemberReactivated;
import com.controlpanel.provisioning.domain.api.MemberRemoved;
import com.controlpanel.provisioning.domain.api.MemberRemovedFromTeam;
import com.controlpanel.provisioning.domain.api.MemberTakenOver;
import com.controlpanel.provisioning.domain.api.OrganizationAdminGranted;
import com.controlpanel.provisioning.domain.api.OrganizationAdminPasswordGiven;
import com.controlpanel.provisioning.domain.api.OrganizationAdminRevoked;
import com.controlpanel.provisioning.domain.api.OrganizationCreated;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.domain.api.OrganizationRenamed;
import com.controlpanel.provisioning.domain.api.PersonName;
import com.controlpanel.provisioning.domain.api.ProvisioningCredentialsIssued;
import com.controlpanel.provisioning.domain.api.ProvisioningDisabled;
import com.controlpanel.provisioning.domain.api.ProvisioningEnabled;
import com.controlpanel.provisioning.domain.api.SecretTokenHash;
import com.controlpanel.provisioning.domain.api.Source;
import com.controlpanel.provisioning.domain.api.TeamDeleted;
import com.controlpanel.provisioning.domain.api.TeamExternalIdChanged;
import com.controlpanel.provisioning.domain.api.TeamId;
import com.controlpanel.provisioning.domain.api.TeamName;
import com.controlpanel.provisioning.domain.api.TeamProvisioned;
import com.controlpanel.provisioning.domain.api.TeamRenamed;
import com.controlpanel.provisioning.domain.api.TeamTakenOver;
import com.controlpanel.provisioning.domain.api.TenantId;
import com.controlpanel.provisioning.domain.api.UserName;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One example of every event type, as the projection and serialization tests use them. */
public final class EventExamples {

    public static final OrganizationId ORG = new OrganizationId("9adc25a7-cb1d-4202-ab79-9d0ba4569a8d");
    public static final TenantId TENANT = new TenantId("56853cc5-442e-4bea-af86-8dcb47bb546e");
    public static final MemberId ALICE = new MemberId("417c1bd9-ac45-48c9-abcf-c3a684101d45");
    public static final MemberId BOB = new MemberId("a7f26def-0197-44e3-85fb-093209cb883d");
    public static final TeamId ENGINEERING = new TeamId("33f32a59-0a8f-4039-92be-47ce2c8018ff");
    public static final CredentialId CREDENTIAL = new CredentialId("0b7e3f4c-5d1a-4c8e-9f2b-6a1d3e5f7a9c");
    public static final CredentialId PREVIOUS_CREDENTIAL = new CredentialId("5f0c2a91-7d3e-4b6a-8c1f-2e9d4a7b3c60");
    public static final SecretTokenHash TOKEN_HASH =
            new SecretTokenHash("3f0a9c1d2b4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8");

    private EventExamples() {}

    public static MemberProfile aliceProfile() {
        Map<String, Object> enterprise = new LinkedHashMap<>();
        enterprise.put("employeeNumber", "701984");
        enterprise.put("department", "Tour Operations");
        enterprise.put("manager", Map.of("value", "26118915-6090-4610-87e4-49d8ca9f808d", "displayName", "John"));
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("title", "Tour Guide");
        attributes.put("locale", "en-US");
        attributes.put("phoneNumbers", List.of(Map.of("value", "555-555-8377", "type", "work")));
        attributes.put("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", enterprise);
        return new MemberProfile(
                new UserName("alice@example.com"),
                new PersonName("Ms. Alice Adams", "Adams", "Alice", null, "Ms.", null),
                "Alice Adams",
                List.of(new EmailAddress("alice@example.com", "work", true, null)),
                "00u1abcd",
                attributes);
    }

    public static MemberProfile aliceRenamed() {
        MemberProfile profile = aliceProfile();
        return new MemberProfile(
                new UserName("alice.adams@example.com"),
                profile.name(),
                profile.displayName(),
                List.of(new EmailAddress("alice.adams@example.com", "work", true, null)),
                profile.externalId(),
                profile.attributes());
    }

    /** One example per event type, keyed by the type's simple name. */
    public static Map<String, Object> all() {
        Map<String, Object> all = new LinkedHashMap<>();
        put(all, new OrganizationCreated(ORG, "Acme", TENANT));
        put(all, new ProvisioningEnabled(ORG, TENANT));
        put(all, new ProvisioningCredentialsIssued(ORG, CREDENTIAL, TOKEN_HASH, PREVIOUS_CREDENTIAL));
        put(all, new ProvisioningDisabled(ORG, CREDENTIAL));
        put(
                all,
                new OrganizationAdminGranted(
                        ORG, new AdminId("c2d8f1e0-0a1b-4c3d-8e9f-1a2b3c4d5e6f"), "ops@example.com"));
        put(
                all,
                new OrganizationAdminRevoked(
                        ORG, new AdminId("c2d8f1e0-0a1b-4c3d-8e9f-1a2b3c4d5e6f"), "ops@example.com"));
        put(
                all,
                new OrganizationAdminPasswordGiven(
                        ORG, new AdminId("c2d8f1e0-0a1b-4c3d-8e9f-1a2b3c4d5e6f"), "ops@example.com"));
        put(all, new OrganizationRenamed(ORG, "Acme", "Acme Corporation"));
        put(all, new MemberProvisioned(ORG, ALICE, Source.OKTA, aliceProfile(), true));
        put(all, new MemberProfileChanged(ORG, ALICE, aliceProfile(), aliceRenamed()));
        put(all, new MemberTakenOver(ORG, BOB));
        put(all, new MemberDeactivated(ORG, ALICE));
        put(all, new MemberReactivated(ORG, ALICE));
        put(all, new MemberDeprovisioned(ORG, ALICE));
        put(all, new MemberRemoved(ORG, BOB));
        put(all, new TeamProvisioned(ORG, ENGINEERING, Source.OKTA, new TeamName("Engineering"), "00g1efgh"));
        put(all, new TeamRenamed(ORG, ENGINEERING, new TeamName("Engineering"), new TeamName("R&D")));
        put(all, new TeamTakenOver(ORG, ENGINEERING));
        put(all, new TeamExternalIdChanged(ORG, ENGINEERING, "00g1efgh", "00g2ijkl"));
        put(all, new MemberAddedToTeam(ORG, ENGINEERING, ALICE));
        put(all, new MemberRemovedFromTeam(ORG, ENGINEERING, ALICE));
        put(all, new TeamDeleted(ORG, ENGINEERING));
        return all;
    }

    private static void put(Map<String, Object> all, Object event) {
        all.put(event.getClass().getSimpleName(), event);
    }
}
