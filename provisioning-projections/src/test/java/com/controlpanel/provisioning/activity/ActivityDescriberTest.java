package com.controlpanel.provisioning.activity;

import static com.controlpanel.provisioning.testing.EventExamples.ALICE;
import static com.controlpanel.provisioning.testing.EventExamples.BOB;
import static com.controlpanel.provisioning.testing.EventExamples.ENGINEERING;
import static com.controlpanel.provisioning.testing.EventExamples.ORG;
import static com.controlpanel.provisioning.testing.EventExamples.TOKEN_HASH;
import static com.controlpanel.provisioning.testing.EventExamples.aliceProfile;
import static com.controlpanel.provisioning.testing.EventExamples.aliceRenamed;
import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.domain.api.Actor;
import com.controlpanel.provisioning.domain.api.AdminId;
import com.controlpanel.provisioning.domain.api.CredentialId;
import com.controlpanel.provisioning.domain.api.EmailAddress;
import com.controlpanel.provisioning.domain.api.MemberAddedToTeam;
import com.controlpanel.provisioning.domain.api.MemberDeactivated;
import com.controlpanel.provisioning.domain.api.MemberProfile;
import com.controlpanel.provisioning.domain.api.MemberProfileChanged;
import com.controlpanel.provisioning.domain.api.MemberProvisioned;
import com.controlpanel.provisioning.domain.api.MemberReactivated;
import com.controlpanel.provisioning.domain.api.MemberTakenOver;
import com.controlpanel.provisioning.domain.api.OrganizationAdminPasswordGiven;
import com.controlpanel.provisioning.domain.api.OrganizationAdminRevoked;
import com.controlpanel.provisioning.domain.api.OrganizationEvent;
import com.controlpanel.provisioning.domain.api.OrganizationRenamed;
import com.controlpanel.provisioning.domain.api.PersonName;
import com.controlpanel.provisioning.domain.api.ProvisioningCredentialsIssued;
import com.controlpanel.provisioning.domain.api.ProvisioningDisabled;
import com.controlpanel.provisioning.domain.api.Source;
import com.controlpanel.provisioning.domain.api.TeamName;
import com.controlpanel.provisioning.domain.api.TeamProvisioned;
import com.controlpanel.provisioning.domain.api.TeamRenamed;
import com.controlpanel.provisioning.domain.api.TeamTakenOver;
import com.controlpanel.provisioning.domain.api.UserName;
import com.controlpanel.provisioning.testing.EventExamples;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Event in, activity row out: what Activity > Actions says of each kind of event. */
class ActivityDescriberTest {

    private static final Instant AT = Instant.parse("2026-11-02T09:30:00.250Z");
    private static final Actor ADMIN = Actor.admin(new AdminId("admin-1"), "admin@example.com");
    private static final Actor OKTA = Actor.identityProvider(new CredentialId("cred-1"));
    private static final Map<String, String> ACTIONS = Map.ofEntries(
            Map.entry("OrganizationCreated", "organization.created"),
            Map.entry("ProvisioningEnabled", "provisioning.enabled"),
            Map.entry("ProvisioningCredentialsIssued", "provisioning.credentials-issued"),
            Map.entry("ProvisioningDisabled", "provisioning.disabled"),
            Map.entry("OrganizationAdminGranted", "organization.admin-granted"),
            Map.entry("OrganizationAdminRevoked", "organization.admin-revoked"),
            Map.entry("OrganizationAdminPasswordGiven", "organization.admin-password-given"),
            Map.entry("OrganizationRenamed", "organization.renamed"),
            Map.entry("MemberProvisioned", "member.provisioned"),
            Map.entry("MemberProfileChanged", "member.updated"),
            Map.entry("MemberTakenOver", "member.taken-over"),
            Map.entry("MemberDeactivated", "member.deactivated"),
            Map.entry("MemberReactivated", "member.reactivated"),
            Map.entry("MemberDeprovisioned", "member.deprovisioned"),
            Map.entry("MemberRemoved", "member.removed"),
            Map.entry("TeamProvisioned", "team.pushed"),
            Map.entry("TeamRenamed", "team.renamed"),
            Map.entry("TeamTakenOver", "team.taken-over"),
            Map.entry("TeamExternalIdChanged", "team.external-id-changed"),
            Map.entry("MemberAddedToTeam", "team.member-added"),
            Map.entry("MemberRemovedFromTeam", "team.member-removed"),
            Map.entry("TeamDeleted", "team.deleted"));

    private final ObjectMapper json = new ObjectMapper();
    private final SubjectNames.InMemory names = new SubjectNames.InMemory();

    /** The row of an event; every action the describer names is one a filter by action may name. */
    private ActivityRow describe(OrganizationEvent event, Actor actor) {
        ActivityRow row = ActivityDescriber.describe(
                new ActivityDescriber.Input(42, "event-42", AT, event, actor, "req-1", "Okta SCIM Client 1.0.0"),
                names);
        assertThat(ActivityActions.known(row.action()))
                .as("%s is among ActivityActions' (a filter by it would be refused)", row.action())
                .isTrue();
        return row;
    }

    @TestFactory
    Stream<DynamicTest> everyEventBecomesARowWithActorActionSubjectAndSummary() {
        assertThat(ACTIONS.keySet())
                .containsExactlyInAnyOrderElementsOf(EventExamples.all().keySet());
        return EventExamples.all().entrySet().stream()
                .map(example -> DynamicTest.dynamicTest(example.getKey(), () -> {
                    ActivityRow row = describe((OrganizationEvent) example.getValue(), ADMIN);
                    assertThat(row.action()).isEqualTo(ACTIONS.get(example.getKey()));
                    assertThat(row.position()).isEqualTo(42);
                    assertThat(row.eventId()).isEqualTo("event-42");
                    assertThat(row.organizationId()).isEqualTo(ORG.value());
                    assertThat(row.occurredAt()).isEqualTo(AT);
                    assertThat(row.actorKind()).isEqualTo("ADMIN");
                    assertThat(row.actorName()).isEqualTo("admin@example.com");
                    assertThat(row.requestId()).isEqualTo("req-1");
                    assertThat(row.subjectType()).isIn("ORGANIZATION", "MEMBER", "TEAM");
                    assertThat(row.subjectId()).isNotBlank();
                    assertThat(row.summary()).isNotBlank();
                    assertThat(json.readTree(row.details()).isObject()).isTrue();
                    assertThat(row.details() + row.summary()).doesNotContain(TOKEN_HASH.value());
                }));
    }

    @Test
    void rule10_oktaChangesAreRecordedAsTheIntegrationsWithTheirRequest() {
        ActivityRow row = describe(new MemberProvisioned(ORG, ALICE, Source.OKTA, aliceProfile(), true), OKTA);
        assertThat(row.actorKind()).isEqualTo("IDENTITY_PROVIDER");
        assertThat(row.actorId()).isEqualTo("cred-1");
        assertThat(row.client()).isEqualTo("Okta SCIM Client 1.0.0");
        assertThat(row.subjectName()).isEqualTo("Alice Adams (alice@example.com)");
        assertThat(row.summary()).isEqualTo("Provisioned member Alice Adams (alice@example.com)");
    }

    @Test
    void aMemberProvisionedDeactivatedSaysSoInItsSummary() throws Exception {
        ActivityRow row = describe(new MemberProvisioned(ORG, ALICE, Source.OKTA, aliceProfile(), false), OKTA);
        assertThat(row.action()).isEqualTo("member.provisioned");
        assertThat(row.summary()).isEqualTo("Provisioned member Alice Adams (alice@example.com), deactivated");
        assertThat(json.readTree(row.details()).get("active").asBoolean(true)).isFalse();
    }

    /**
     * A new member's details list its profile as flat fields, in the profile's order: extension attributes named in
     * full, complex values as emails are (value, or an address's parts, then type, primary and display name), other
     * structured values as their JSON, an attribute sent empty as null.
     */
    @Test
    void aNewMembersDetailsListItsProfileFieldByFieldInOrder() throws Exception {
        Map<String, Object> manager = new LinkedHashMap<>();
        manager.put("value", "m-1");
        Map<String, Object> enterprise = new LinkedHashMap<>();
        enterprise.put("department", "Ops");
        enterprise.put("manager", manager);
        Map<String, Object> phone = new LinkedHashMap<>();
        phone.put("value", "555");
        phone.put("type", "work");
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("title", "Guide \"Zoë\"");
        attributes.put("nickName", null);
        attributes.put("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", enterprise);
        attributes.put("phoneNumbers", List.of(phone, Map.of("value", "556", "primary", true)));
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("streetAddress", "1 Main St");
        address.put("locality", "Springfield");
        address.put("country", "US");
        address.put("type", "work");
        attributes.put("addresses", List.of(address, Map.of("formatted", "2 Side St, Shelbyville")));
        attributes.put("roles", List.of(Map.of("nested", Map.of("value", "x"))));
        MemberProfile profile = new MemberProfile(
                new UserName("zoe@example.com"),
                new PersonName("Zoë Ng", "Ng", "Zoë", null, "Dr.", null),
                "Zoë",
                List.of(new EmailAddress("zoe@example.com", "work", true, null)),
                "00u9",
                attributes);

        ActivityRow row = describe(new MemberProvisioned(ORG, ALICE, Source.OKTA, profile, true), OKTA);

        assertThat(json.writeValueAsString(json.readTree(row.details()).get("profile")))
                .isEqualTo("{\"userName\":\"zoe@example.com\",\"displayName\":\"Zoë\",\"externalId\":\"00u9\","
                        + "\"name.formatted\":\"Zoë Ng\",\"name.givenName\":\"Zoë\",\"name.familyName\":\"Ng\","
                        + "\"name.honorificPrefix\":\"Dr.\",\"emails\":\"zoe@example.com (work, primary)\","
                        + "\"title\":\"Guide \\\"Zoë\\\"\",\"nickName\":null,"
                        + "\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department\":\"Ops\","
                        + "\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager\":\"m-1\","
                        + "\"phoneNumbers\":\"555 (work); 556 (primary)\","
                        + "\"addresses\":\"1 Main St, Springfield, US (work); 2 Side St, Shelbyville\","
                        + "\"roles\":\"[{\\\"nested\\\":{\\\"value\\\":\\\"x\\\"}}]\"}");
    }

    @Test
    void newCredentialsAndSwitchingOffNameTheTokenThatStopsWorkingNeverTheToken() throws Exception {
        CredentialId first = new CredentialId("cred-first");
        CredentialId second = new CredentialId("cred-second");

        ActivityRow firstIssued = describe(new ProvisioningCredentialsIssued(ORG, first, TOKEN_HASH, null), ADMIN);
        assertThat(firstIssued.summary()).isEqualTo("Issued a new SCIM secret token (any earlier one stops working)");
        assertThat(json.readTree(firstIssued.details()).get("credentialId").asText())
                .isEqualTo("cred-first");
        assertThat(json.readTree(firstIssued.details()).has("revokedCredentialId"))
                .isFalse();

        ActivityRow regenerated = describe(new ProvisioningCredentialsIssued(ORG, second, TOKEN_HASH, first), ADMIN);
        assertThat(regenerated.summary())
                .isEqualTo("Issued a new SCIM secret token: the one it replaces stops working");
        JsonNode details = json.readTree(regenerated.details());
        assertThat(details.get("credentialId").asText()).isEqualTo("cred-second");
        assertThat(details.get("revokedCredentialId").asText()).isEqualTo("cred-first");

        ActivityRow off = describe(new ProvisioningDisabled(ORG, second), ADMIN);
        assertThat(json.readTree(off.details()).get("revokedCredentialId").asText())
                .isEqualTo("cred-second");
        // recorded before the events named it: nothing made up
        assertThat(json.readTree(describe(new ProvisioningDisabled(ORG, null), ADMIN)
                                .details())
                        .has("revokedCredentialId"))
                .isFalse();
    }

    @Test
    void anAdminRemovedIsNamedByTheirEmail() throws Exception {
        ActivityRow row =
                describe(new OrganizationAdminRevoked(ORG, new AdminId("admin-2"), "leaver@example.com"), ADMIN);
        assertThat(row.action()).isEqualTo("organization.admin-revoked");
        assertThat(row.subjectType()).isEqualTo("ORGANIZATION");
        assertThat(row.summary()).isEqualTo("Removed leaver@example.com as an admin of the organization");
        JsonNode details = json.readTree(row.details());
        assertThat(details.get("adminId").asText()).isEqualTo("admin-2");
        assertThat(details.get("email").asText()).isEqualTo("leaver@example.com");
        assertThat(ActivityActions.label("organization.admin-revoked")).isEqualTo("Admin removed");
    }

    @Test
    void aNewPasswordGivenToAnAdminNamesTheAdminAndNeverThePassword() throws Exception {
        ActivityRow row = describe(
                new OrganizationAdminPasswordGiven(ORG, new AdminId("admin-2"), "forgetful@example.com"), ADMIN);
        assertThat(row.action()).isEqualTo("organization.admin-password-given");
        assertThat(row.subjectType()).isEqualTo("ORGANIZATION");
        assertThat(row.summary())
                .isEqualTo("Gave forgetful@example.com a new password: their former one stopped working");
        JsonNode details = json.readTree(row.details());
        assertThat(details.get("adminId").asText()).isEqualTo("admin-2");
        assertThat(details.get("email").asText()).isEqualTo("forgetful@example.com");
        assertThat(details.size()).as("nothing else: no password").isEqualTo(2);
        assertThat(ActivityActions.label("organization.admin-password-given")).isEqualTo("Admin given a new password");
    }

    @Test
    void aRenamedOrganizationShowsBothNamesAndIsCalledByItsNewOne() throws Exception {
        names.put(ORG.value(), ORG.value(), "Acme");
        ActivityRow row = describe(new OrganizationRenamed(ORG, "Acme", "Acme Corporation"), ADMIN);
        assertThat(row.action()).isEqualTo("organization.renamed");
        assertThat(row.subjectType()).isEqualTo("ORGANIZATION");
        assertThat(row.subjectName()).isEqualTo("Acme Corporation");
        assertThat(row.summary()).isEqualTo("Renamed the organization Acme to Acme Corporation");
        JsonNode change = json.readTree(row.details()).get("changes").get(0);
        assertThat(change.get("field").asText()).isEqualTo("name");
        assertThat(change.get("from").asText()).isEqualTo("Acme");
        assertThat(change.get("to").asText()).isEqualTo("Acme Corporation");
        assertThat(names.name(ORG.value())).contains("Acme Corporation");
        assertThat(ActivityActions.label("organization.renamed")).isEqualTo("Organization renamed");
    }

    @Test
    void anInvitationIsAnInvitation() {
        MemberProfile bob = MemberProfile.invited("bob@example.com", PersonName.EMPTY);
        ActivityRow row = describe(new MemberProvisioned(ORG, ALICE, Source.MANUAL, bob, true), ADMIN);
        assertThat(row.action()).isEqualTo("member.invited");
        assertThat(row.summary()).isEqualTo("Invited member bob@example.com");
    }

    @Test
    void aSummaryIsOneLineWhateverLineBreaksAndTabsANameHolds() {
        MemberProfile eve = MemberProfile.invited("eve@example.com", PersonName.of("Eve\r\nSecond", "Line\tTab\nEnd"));
        ActivityRow row = describe(new MemberProvisioned(ORG, ALICE, Source.MANUAL, eve, true), ADMIN);
        assertThat(row.summary()).isEqualTo("Invited member Eve Second Line Tab End (eve@example.com)");
        // the name itself stays as it was given, line breaks and all (the Control Panel shows it on one line)
        assertThat(row.subjectName()).contains("\n");
        MemberProfile separated =
                MemberProfile.invited("sep@example.com", PersonName.of("Line\u2028Para\u2029", "End"));
        assertThat(describe(new MemberProvisioned(ORG, BOB, Source.MANUAL, separated, true), ADMIN)
                        .summary())
                .isEqualTo("Invited member Line Para End (sep@example.com)");
        ActivityRow deactivated = describe(new MemberDeactivated(ORG, ALICE), ADMIN);
        assertThat(deactivated.summary())
                .doesNotContain("\n")
                .doesNotContain("\r")
                .doesNotContain("\t");
    }

    @Test
    void aTakeOverByOktaNamesTheSubjectAndTheSourceBeforeAndAfter() throws Exception {
        MemberProfile bob = MemberProfile.invited("bob@example.com", PersonName.EMPTY);
        describe(new MemberProvisioned(ORG, BOB, Source.MANUAL, bob, true), ADMIN);
        ActivityRow member = describe(new MemberTakenOver(ORG, BOB), OKTA);
        assertThat(member.action()).isEqualTo("member.taken-over");
        assertThat(member.actorKind()).isEqualTo("IDENTITY_PROVIDER");
        assertThat(member.subjectName()).isEqualTo("bob@example.com");
        assertThat(member.summary())
                .isEqualTo(
                        "Took over member bob@example.com, invited in the Control Panel: managed in Okta from now on");
        JsonNode change = json.readTree(member.details()).get("changes").get(0);
        assertThat(change.get("field").asText()).isEqualTo("source");
        assertThat(change.get("from").asText()).isEqualTo("MANUAL");
        assertThat(change.get("to").asText()).isEqualTo("OKTA");
        assertThat(ActivityActions.label("member.taken-over")).isEqualTo("Member taken over by Okta");

        describe(new TeamProvisioned(ORG, ENGINEERING, Source.MANUAL, new TeamName("Engineering"), null), ADMIN);
        ActivityRow team = describe(new TeamTakenOver(ORG, ENGINEERING), OKTA);
        assertThat(team.action()).isEqualTo("team.taken-over");
        assertThat(team.summary())
                .isEqualTo("Took over team Engineering, created in the Control Panel: managed in Okta from now on");
        assertThat(ActivityActions.known("team.taken-over")).isTrue();
    }

    @Test
    void aProfileChangeListsEachChangedFieldBeforeAndAfter() throws Exception {
        MemberProfileChanged change = new MemberProfileChanged(ORG, ALICE, aliceProfile(), aliceRenamed());
        ActivityRow row = describe(change, OKTA);
        JsonNode changes = json.readTree(row.details()).get("changes");
        assertThat(changes.findValuesAsText("field")).containsExactly("emails", "userName");
        JsonNode userName = changes.get(1);
        assertThat(userName.get("from").asText()).isEqualTo("alice@example.com");
        assertThat(userName.get("to").asText()).isEqualTo("alice.adams@example.com");
        assertThat(row.summary()).isEqualTo("Updated member Alice Adams (alice.adams@example.com): emails, userName");
    }

    @Test
    void severalEmailsAreKeptApartAsOtherListsAreNotByTheCommasOfTheirOwnTags() throws Exception {
        MemberProfile before = aliceProfile();
        MemberProfile two = new MemberProfile(
                before.userName(),
                before.name(),
                before.displayName(),
                List.of(
                        new EmailAddress("alice@example.com", "work", true, null),
                        new EmailAddress("alice@home.example", "home", false, null)),
                before.externalId(),
                before.attributes());
        JsonNode emails = json.readTree(describe(new MemberProfileChanged(ORG, ALICE, before, two), OKTA)
                        .details())
                .get("changes")
                .get(0);
        assertThat(emails.get("field").asText()).isEqualTo("emails");
        assertThat(emails.get("to").asText()).isEqualTo("alice@example.com (work, primary); alice@home.example (home)");
    }

    @Test
    void aChangeOnlyAnEmailsDisplayNameOrAValuePastTheCutMakesIsStillListed() throws Exception {
        MemberProfile before = aliceProfile();
        MemberProfile shownAs = new MemberProfile(
                before.userName(),
                before.name(),
                before.displayName(),
                List.of(new EmailAddress("alice@example.com", "work", true, "Alice at work")),
                before.externalId(),
                before.attributes());
        ActivityRow display = describe(new MemberProfileChanged(ORG, ALICE, before, shownAs), OKTA);
        JsonNode emails = json.readTree(display.details()).get("changes").get(0);
        assertThat(emails.get("field").asText()).isEqualTo("emails");
        assertThat(emails.get("from").asText()).isEqualTo("alice@example.com (work, primary)");
        assertThat(emails.get("to").asText())
                .isEqualTo("alice@example.com (work, primary, shown as \"Alice at work\")");
        assertThat(display.summary()).isEqualTo("Updated member Alice Adams (alice@example.com): emails");

        String longTitle = "T".repeat(2_500);
        MemberProfile titledA = withTitle(before, longTitle + "A");
        MemberProfile titledB = withTitle(before, longTitle + "B");
        ActivityRow title = describe(new MemberProfileChanged(ORG, ALICE, titledA, titledB), OKTA);
        JsonNode change = json.readTree(title.details()).get("changes").get(0);
        assertThat(change.get("field").asText()).isEqualTo("title");
        // alike up to past the cut: both shown from a little before where they part
        assertThat(change.get("from").asText())
                .startsWith("…TTT")
                .endsWith("TA")
                .hasSizeLessThanOrEqualTo(2_000);
        assertThat(change.get("to").asText()).startsWith("…TTT").endsWith("TB").hasSizeLessThanOrEqualTo(2_000);
        assertThat(title.summary()).endsWith(": title");
        // parting before the cut: each shown from its start, cut
        ActivityRow early =
                describe(new MemberProfileChanged(ORG, ALICE, withTitle(before, "A" + longTitle), titledB), OKTA);
        JsonNode earlyChange = json.readTree(early.details()).get("changes").get(0);
        assertThat(earlyChange.get("from").asText())
                .startsWith("AT")
                .hasSize(2_000)
                .endsWith("…");
        assertThat(earlyChange.get("to").asText())
                .startsWith("TT")
                .hasSize(2_000)
                .endsWith("…");
        // one value longer than the other, alike up to past the cut
        ActivityRow longer = describe(
                new MemberProfileChanged(ORG, ALICE, withTitle(before, longTitle), withTitle(before, longTitle + "+")),
                OKTA);
        JsonNode longerChange = json.readTree(longer.details()).get("changes").get(0);
        assertThat(longerChange.get("from").asText()).isEqualTo("…" + "T".repeat(40));
        assertThat(longerChange.get("to").asText()).isEqualTo("…" + "T".repeat(40) + "+");
    }

    /**
     * A complex value is written out only when that form shows all it holds: a change of any of its keys (an
     * address's postal code beside its formatted form, a manager's {@code $ref}) is listed, never hidden.
     */
    @Test
    void aChangeOfAnyKeyOfAComplexValueIsListed() throws Exception {
        Map<String, Object> work = new LinkedHashMap<>();
        work.put("formatted", "Building 40");
        work.put("streetAddress", "1 Microsoft Way");
        work.put("postalCode", "98052");
        work.put("type", "work");
        Map<String, Object> moved = new LinkedHashMap<>(work);
        moved.put("postalCode", "98053");
        MemberProfile before = withAttribute(aliceProfile(), "addresses", List.of(work));
        MemberProfile after = withAttribute(aliceProfile(), "addresses", List.of(moved));
        JsonNode change = json.readTree(describe(new MemberProfileChanged(ORG, ALICE, before, after), OKTA)
                        .details())
                .get("changes")
                .get(0);
        assertThat(change.get("field").asText()).isEqualTo("addresses");
        assertThat(change.get("from").asText()).isEqualTo("\"Building 40\": 1 Microsoft Way, 98052 (work)");
        assertThat(change.get("to").asText()).isEqualTo("\"Building 40\": 1 Microsoft Way, 98053 (work)");

        String enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
        MemberProfile managed = withAttribute(
                aliceProfile(), enterprise, Map.of("manager", Map.of("value", "m-1", "$ref", "../Users/m-1")));
        MemberProfile referred = withAttribute(
                aliceProfile(), enterprise, Map.of("manager", Map.of("value", "m-1", "$ref", "../Users/m-2")));
        JsonNode manager = json.readTree(describe(new MemberProfileChanged(ORG, ALICE, managed, referred), OKTA)
                        .details())
                .get("changes")
                .get(0);
        assertThat(manager.get("field").asText()).isEqualTo(enterprise + ":manager");
        assertThat(manager.get("to").asText()).contains("m-2");
    }

    @Test
    void theSummaryNamesAnExtensionsAttributeByItsOwnNameUnlessAnotherChangedFieldHasIt() throws Exception {
        String enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
        MemberProfile before = withAttribute(
                withTitle(aliceProfile(), "Engineer"),
                enterprise,
                Map.of("department", "Ops", "manager", Map.of("value", "m-1")));
        MemberProfile after = withAttribute(
                withTitle(aliceProfile(), "Lead"),
                enterprise,
                Map.of("department", "Platform", "manager", Map.of("value", "m-2")));
        ActivityRow row = describe(new MemberProfileChanged(ORG, ALICE, before, after), OKTA);
        assertThat(row.summary())
                .isEqualTo("Updated member Alice Adams (alice@example.com): title, department, manager");
        assertThat(json.readTree(row.details()).get("changes").findValuesAsText("field"))
                .as("the details keep the full names")
                .containsExactly("title", enterprise + ":department", enterprise + ":manager");

        // an extension's title beside the core title: both keep their full names
        String custom = "urn:example:params:scim:schemas:extension:custom:1.0:User";
        ActivityRow both = describe(
                new MemberProfileChanged(
                        ORG,
                        ALICE,
                        withAttribute(withTitle(aliceProfile(), "Engineer"), custom, Map.of("title", "A")),
                        withAttribute(withTitle(aliceProfile(), "Lead"), custom, Map.of("title", "B"))),
                OKTA);
        assertThat(both.summary())
                .isEqualTo("Updated member Alice Adams (alice@example.com): title, " + custom + ":title");
    }

    private static MemberProfile withAttribute(MemberProfile profile, String name, Object value) {
        Map<String, Object> attributes = new java.util.LinkedHashMap<>(profile.attributes());
        attributes.put(name, value);
        return new MemberProfile(
                profile.userName(),
                profile.name(),
                profile.displayName(),
                profile.emails(),
                profile.externalId(),
                attributes);
    }

    private static MemberProfile withTitle(MemberProfile profile, String title) {
        return withAttribute(profile, "title", title);
    }

    @Test
    void aDeactivationAndAReactivationSayWhatChangedBeforeAndAfter() throws Exception {
        describe(new MemberProvisioned(ORG, ALICE, Source.OKTA, aliceProfile(), true), OKTA);
        JsonNode deactivated = json.readTree(
                        describe(new MemberDeactivated(ORG, ALICE), OKTA).details())
                .get("changes");
        assertThat(deactivated).hasSize(1);
        assertThat(deactivated.get(0).get("field").asText()).isEqualTo("active");
        assertThat(deactivated.get(0).get("from").asBoolean()).isTrue();
        assertThat(deactivated.get(0).get("to").asBoolean()).isFalse();
        JsonNode reactivated = json.readTree(
                        describe(new MemberReactivated(ORG, ALICE), OKTA).details())
                .get("changes");
        assertThat(reactivated.get(0).get("from").asBoolean()).isFalse();
        assertThat(reactivated.get(0).get("to").asBoolean()).isTrue();
    }

    @Test
    void rowsNameTheirSubjectAsItWasAtTheTime() {
        describe(new MemberProvisioned(ORG, ALICE, Source.OKTA, aliceProfile(), true), OKTA);
        describe(new TeamProvisioned(ORG, ENGINEERING, Source.OKTA, new TeamName("Engineering"), null), OKTA);
        ActivityRow added = describe(new MemberAddedToTeam(ORG, ENGINEERING, ALICE), OKTA);
        assertThat(added.subjectName()).isEqualTo("Engineering");
        assertThat(added.relatedId()).isEqualTo(ALICE.value());
        assertThat(added.summary()).isEqualTo("Added Alice Adams (alice@example.com) to team Engineering");

        ActivityRow renamed =
                describe(new TeamRenamed(ORG, ENGINEERING, new TeamName("Engineering"), new TeamName("R&D")), ADMIN);
        assertThat(renamed.summary()).isEqualTo("Renamed team Engineering to R&D");
        ActivityRow later = describe(new MemberAddedToTeam(ORG, ENGINEERING, ALICE), OKTA);
        assertThat(later.subjectName()).isEqualTo("R&D");
    }
}
