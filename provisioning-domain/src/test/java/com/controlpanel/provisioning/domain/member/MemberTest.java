package com.controlpanel.provisioning.domain.member;

import static com.controlpanel.provisioning.domain.testing.Examples.ACME;
import static com.controlpanel.provisioning.domain.testing.Examples.ALICE;
import static com.controlpanel.provisioning.domain.testing.Examples.BOB;
import static com.controlpanel.provisioning.domain.testing.Examples.ENGINEERING;
import static com.controlpanel.provisioning.domain.testing.Examples.GLOBEX;
import static com.controlpanel.provisioning.domain.testing.Examples.SALES;
import static com.controlpanel.provisioning.domain.testing.Examples.aliceProfile;
import static com.controlpanel.provisioning.domain.testing.Examples.invited;
import static com.controlpanel.provisioning.domain.testing.Examples.manualTeam;
import static com.controlpanel.provisioning.domain.testing.Examples.profile;
import static com.controlpanel.provisioning.domain.testing.Examples.provisioned;
import static com.controlpanel.provisioning.domain.testing.Examples.provisioningOn;
import static com.controlpanel.provisioning.domain.testing.Examples.pushedTeam;
import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.domain.api.DeactivateMemberCommand;
import com.controlpanel.provisioning.domain.api.DeprovisionMemberCommand;
import com.controlpanel.provisioning.domain.api.EditMemberCommand;
import com.controlpanel.provisioning.domain.api.EmailAddress;
import com.controlpanel.provisioning.domain.api.InvalidValueException;
import com.controlpanel.provisioning.domain.api.InviteMemberCommand;
import com.controlpanel.provisioning.domain.api.MemberAddedToTeam;
import com.controlpanel.provisioning.domain.api.MemberDeactivated;
import com.controlpanel.provisioning.domain.api.MemberDeprovisioned;
import com.controlpanel.provisioning.domain.api.MemberProfile;
import com.controlpanel.provisioning.domain.api.MemberProfileChanged;
import com.controlpanel.provisioning.domain.api.MemberProvisioned;
import com.controlpanel.provisioning.domain.api.MemberReactivated;
import com.controlpanel.provisioning.domain.api.MemberRemoved;
import com.controlpanel.provisioning.domain.api.MemberTakenOver;
import com.controlpanel.provisioning.domain.api.NotFoundException;
import com.controlpanel.provisioning.domain.api.PersonName;
import com.controlpanel.provisioning.domain.api.ProvisionMemberCommand;
import com.controlpanel.provisioning.domain.api.ProvisioningDisabled;
import com.controlpanel.provisioning.domain.api.RemoveMemberCommand;
import com.controlpanel.provisioning.domain.api.ReplaceProvisionedMemberCommand;
import com.controlpanel.provisioning.domain.api.RuleViolationException;
import com.controlpanel.provisioning.domain.api.Source;
import com.controlpanel.provisioning.domain.api.UniquenessException;
import com.controlpanel.provisioning.domain.api.UserName;
import com.controlpanel.provisioning.domain.testing.InMemoryDirectory;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MemberTest {

    private final InMemoryDirectory directory = new InMemoryDirectory();
    private FixtureConfiguration<Member> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Member.class);
        fixture.registerInjectableResource(directory);
    }

    @Test
    void provisionsMemberPushedByOkta() {
        directory.record(provisioningOn());
        fixture.givenNoPriorActivity()
                .when(new ProvisionMemberCommand(ALICE, ACME, aliceProfile(), true))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new MemberProvisioned(ACME, ALICE, Source.OKTA, aliceProfile(), true));
    }

    @Test
    void rejectsTakenUserNameWhateverItsCase() {
        directory.record(provisioningOn(), provisioned(BOB, profile("Alice@ACME.test", "Other", "Person")));
        fixture.givenNoPriorActivity()
                .when(new ProvisionMemberCommand(ALICE, ACME, aliceProfile(), true))
                .expectException(UniquenessException.class)
                .expectNoEvents();
    }

    @Test
    void refusesUserNameThatLooksLikeAnother() {
        directory.record(provisioningOn());
        for (String lookAlike : List.of("alice@acme.test\u200b", "\uff41lice@acme.test", "jose\u0301@acme.test")) {
            fixture.givenNoPriorActivity()
                    .when(new ProvisionMemberCommand(ALICE, ACME, profile(lookAlike, "Look", "Alike"), true))
                    .expectException(InvalidValueException.class)
                    .expectExceptionMessage(org.hamcrest.Matchers.allOf(
                            org.hamcrest.Matchers.containsString("must be written plainly"),
                            org.hamcrest.Matchers.endsWith("which makes it look like another one")))
                    .expectNoEvents();
        }
    }

    @Test
    void aUserNameKeptAsItIsIsNotCheckedAgain() {
        // stored before the check came: a replace that keeps it goes through
        directory.record(provisioningOn());
        MemberProfile stored = profile("alice@acme.test\u200b", "Alice", "Adams");
        MemberProfile retitled = new MemberProfile(
                stored.userName(), stored.name(), stored.displayName(), stored.emails(), stored.externalId(), Map.of());
        fixture.given(directory.record(provisioned(ALICE, stored)))
                .when(new ReplaceProvisionedMemberCommand(ALICE, ACME, retitled, true, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new MemberProfileChanged(ACME, ALICE, stored, retitled));
    }

    @Test
    void refusesProfileTooLargeToKeepButLetsOneKeptOverItShrink() {
        directory.record(provisioningOn());
        MemberProfile huge = withTitle(aliceProfile(), "t".repeat(MemberProfile.MAX_JSON_LENGTH));
        fixture.givenNoPriorActivity()
                .when(new ProvisionMemberCommand(ALICE, ACME, huge, true))
                .expectException(InvalidValueException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("at most 900,000 characters"))
                .expectNoEvents();
        MemberProfile larger = withTitle(aliceProfile(), "t".repeat(MemberProfile.MAX_JSON_LENGTH + 10));
        MemberProfile smaller = withTitle(aliceProfile(), "t".repeat(MemberProfile.MAX_JSON_LENGTH - 10));
        fixture.given(directory.record(provisioned(ALICE, huge)))
                .when(new ReplaceProvisionedMemberCommand(ALICE, ACME, larger, true, null))
                .expectException(InvalidValueException.class)
                .expectNoEvents();
        fixture.given(directory.record(provisioned(ALICE, huge)))
                .when(new ReplaceProvisionedMemberCommand(ALICE, ACME, smaller, true, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new MemberProfileChanged(ACME, ALICE, huge, smaller));
    }

    @Test
    void aProfilesJsonLengthCountsEscapes() {
        MemberProfile plain = withTitle(aliceProfile(), "x".repeat(1000));
        MemberProfile escaped = withTitle(aliceProfile(), "\u0001".repeat(1000));
        assertThat(escaped.jsonLength() - plain.jsonLength()).isEqualTo(5000);
    }

    private static MemberProfile withTitle(MemberProfile profile, String title) {
        return new MemberProfile(
                profile.userName(),
                profile.name(),
                profile.displayName(),
                profile.emails(),
                profile.externalId(),
                Map.of("title", title));
    }

    @Test
    void userNameOfAnotherOrganizationIsNoConflict() {
        directory.record(provisioningOn(), new MemberProvisioned(GLOBEX, BOB, Source.OKTA, aliceProfile(), true));
        fixture.givenNoPriorActivity()
                .when(new ProvisionMemberCommand(ALICE, ACME, aliceProfile(), true))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new MemberProvisioned(ACME, ALICE, Source.OKTA, aliceProfile(), true));
    }

    @Test
    void rule1_refusesAdminEditOfProvisionedMemberWhileProvisioningIsOn() {
        directory.record(provisioningOn());
        fixture.given(directory.record(provisioned(ALICE, aliceProfile())))
                .when(new EditMemberCommand(ALICE, ACME, "alice.new@acme.test", null, null, null))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("managed in Okta"))
                .expectNoEvents();
    }

    @Test
    void rule1_refusesAdminDeleteOfProvisionedMemberWhileProvisioningIsOn() {
        directory.record(provisioningOn());
        fixture.given(directory.record(provisioned(ALICE, aliceProfile())))
                .when(new RemoveMemberCommand(ALICE, ACME))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
    }

    @Test
    void rule1_refusesAdminDeactivationOfProvisionedMemberWhileProvisioningIsOn() {
        directory.record(provisioningOn());
        fixture.given(directory.record(provisioned(ALICE, aliceProfile())))
                .when(new DeactivateMemberCommand(ALICE, ACME))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
    }

    @Test
    void rule2_adminInvitesMemberByHandWhileProvisioningIsOn() {
        directory.record(provisioningOn(), manualTeam(SALES, "Sales"));
        MemberProfile invitedProfile = MemberProfile.invited("bob@acme.test", PersonName.of("Bob", "Brown"));
        fixture.givenNoPriorActivity()
                .when(new InviteMemberCommand(BOB, ACME, invitedProfile, Set.of(SALES)))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new MemberProvisioned(ACME, BOB, Source.MANUAL, invitedProfile, true));
    }

    /** What renaming the invited Bob to Bob Brown records. */
    private static MemberProfileChanged bobRenamedBrown(MemberProvisioned bob) {
        return new MemberProfileChanged(
                ACME,
                BOB,
                bob.profile(),
                new MemberProfile(
                        bob.profile().userName(),
                        PersonName.of("Bob", "Brown"),
                        null,
                        bob.profile().emails(),
                        null,
                        Map.of()));
    }

    @Test
    void anAdminEditChangesTheProfileAndDeactivatesInOneCommand() {
        MemberProvisioned bob = invited(BOB, "bob@acme.test");
        fixture.given(directory.record(bob))
                .when(new EditMemberCommand(BOB, ACME, null, PersonName.of("Bob", "Brown"), null, false, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(bobRenamedBrown(bob), new MemberDeactivated(ACME, BOB));
    }

    @Test
    void anAdminEditOfWhetherAMemberIsActiveAloneChangesOnlyThat() {
        MemberProvisioned bob = invited(BOB, "bob@acme.test");
        fixture.given(directory.record(bob, new MemberDeactivated(ACME, BOB)))
                .when(new EditMemberCommand(BOB, ACME, null, null, null, true, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new MemberReactivated(ACME, BOB));
    }

    @Test
    void rule2_adminEditsManualMemberWhileProvisioningIsOn() {
        directory.record(provisioningOn());
        MemberProvisioned bob = invited(BOB, "bob@acme.test");
        fixture.given(directory.record(bob))
                .when(new EditMemberCommand(BOB, ACME, null, PersonName.of("Bob", "Brown"), null, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(bobRenamedBrown(bob));
    }

    @Test
    void rule3_refusesInviteIntoTeamPushedFromOkta() {
        directory.record(provisioningOn(), pushedTeam(ENGINEERING, "Engineering"), manualTeam(SALES, "Sales"));
        fixture.givenNoPriorActivity()
                .when(new InviteMemberCommand(
                        BOB,
                        ACME,
                        MemberProfile.invited("bob@acme.test", PersonName.EMPTY),
                        Set.of(SALES, ENGINEERING)))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.startsWith(
                        "bob@acme.test can not be invited into team " + ENGINEERING + ", which was pushed from Okta"))
                .expectNoEvents();
    }

    @Test
    void refusesInviteIntoTeamOfAnotherOrganization() {
        directory.record(new com.controlpanel.provisioning.domain.api.TeamProvisioned(
                GLOBEX, SALES, Source.MANUAL, new com.controlpanel.provisioning.domain.api.TeamName("Sales"), null));
        fixture.givenNoPriorActivity()
                .when(new InviteMemberCommand(
                        BOB, ACME, MemberProfile.invited("bob@acme.test", PersonName.EMPTY), Set.of(SALES)))
                .expectException(NotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void rule5_provisionedMemberKeepsItsOktaSourceWhenEditedAfterProvisioningIsOff() {
        fixture.given(directory.record(provisioned(ALICE, aliceProfile())))
                .andGiven(directory.record(new ProvisioningDisabled(ACME, null)))
                .when(new EditMemberCommand(ALICE, ACME, null, PersonName.of("Alice", "Archer"), null, null))
                .expectSuccessfulHandlerExecution()
                .expectState(member -> assertThat(member.source()).isEqualTo(Source.OKTA));
    }

    @Test
    void rule6_adminEditsProvisionedMemberOnceProvisioningIsOff() {
        MemberProfile edited = aliceProfile().withUserName(new UserName("alice.new@acme.test"));
        edited = new MemberProfile(
                edited.userName(),
                edited.name(),
                edited.displayName(),
                List.of(EmailAddress.work("alice.new@acme.test")),
                edited.externalId(),
                edited.attributes());
        fixture.given(directory.record(provisioned(ALICE, aliceProfile())))
                .when(new EditMemberCommand(ALICE, ACME, "alice.new@acme.test", null, null, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new MemberProfileChanged(ACME, ALICE, aliceProfile(), edited));
    }

    @Test
    void rule6_refusesScimChangesOnceProvisioningIsOff() {
        fixture.given(directory.record(provisioned(ALICE, aliceProfile())))
                .when(new ReplaceProvisionedMemberCommand(ALICE, ACME, aliceProfile(), false, null))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
    }

    @Test
    void rule8_oktaCreatesNewMemberWithTheEmailAnAdminEditedAway() {
        MemberProfile renamed = aliceProfile().withUserName(new UserName("alice.new@acme.test"));
        directory.record(
                provisioned(BOB, aliceProfile()), new MemberProfileChanged(ACME, BOB, aliceProfile(), renamed));
        directory.record(provisioningOn());
        fixture.givenNoPriorActivity()
                .when(new ProvisionMemberCommand(ALICE, ACME, aliceProfile(), true))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new MemberProvisioned(ACME, ALICE, Source.OKTA, aliceProfile(), true));
    }

    @Test
    void rule9_oktaDeactivationKeepsTheMember() {
        directory.record(provisioningOn());
        fixture.given(directory.record(provisioned(ALICE, aliceProfile())))
                .when(new ReplaceProvisionedMemberCommand(ALICE, ACME, aliceProfile(), false, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new MemberDeactivated(ACME, ALICE))
                .expectState(member -> {
                    assertThat(member.active()).isFalse();
                    assertThat(member.profile()).isEqualTo(aliceProfile());
                });
    }

    @Test
    void rule9_oktaReactivatesADeactivatedMember() {
        directory.record(provisioningOn());
        fixture.given(directory.record(provisioned(ALICE, aliceProfile()), new MemberDeactivated(ACME, ALICE)))
                .when(new ReplaceProvisionedMemberCommand(ALICE, ACME, aliceProfile(), true, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new MemberReactivated(ACME, ALICE));
    }

    @Test
    void rule9_scimDeleteRemovesTheMember() {
        directory.record(provisioningOn());
        fixture.given(directory.record(provisioned(ALICE, aliceProfile())))
                .when(new DeprovisionMemberCommand(ALICE, ACME, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new MemberDeprovisioned(ACME, ALICE))
                .expectMarkedDeleted();
    }

    @Test
    void aDeletionAnswersTheTeamsTheMemberWasInForThemToRecordItLeaving() {
        directory.record(provisioningOn());
        directory.record(new MemberAddedToTeam(ACME, ENGINEERING, ALICE));
        fixture.given(directory.record(provisioned(ALICE, aliceProfile())))
                .when(new DeprovisionMemberCommand(ALICE, ACME, null))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(List.of(ENGINEERING))
                .expectEvents(new MemberDeprovisioned(ACME, ALICE));
    }

    @Test
    void ignoresRepeatedDeactivation() {
        directory.record(provisioningOn());
        fixture.given(directory.record(provisioned(ALICE, aliceProfile()), new MemberDeactivated(ACME, ALICE)))
                .when(new ReplaceProvisionedMemberCommand(ALICE, ACME, aliceProfile(), false, null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void replacingWithTheSameProfileRecordsNothing() {
        directory.record(provisioningOn());
        fixture.given(directory.record(provisioned(ALICE, aliceProfile())))
                .when(new ReplaceProvisionedMemberCommand(ALICE, ACME, aliceProfile(), true, 0L))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    private final MemberProfile finalSigma = profile("oς@acme.test", "Alice", "Adams");
    private final MemberProfile sigma = profile("oσ@acme.test", "Bob", "Brown");

    /**
     * Alice and Bob, both stored before keys were case-folded, when "oς" and "oσ" (Greek's final and other small sigma)
     * had two keys: schema 19 kept Alice's former key beside Bob's.
     */
    private void recordKeptPair() {
        directory.record(provisioningOn(), provisioned(BOB, sigma), provisioned(ALICE, finalSigma));
        directory.keptBeside(ALICE);
    }

    @Test
    void aMemberThatKeptItsFormerKeyBesideAnothersTakesTheOthersUserNameInNoCase() {
        recordKeptPair();
        for (String taken : List.of("oσ@acme.test", "Oς@acme.test", "OΣ@ACME.TEST")) {
            fixture.given(provisioned(ALICE, finalSigma))
                    .when(new ReplaceProvisionedMemberCommand(
                            ALICE, ACME, finalSigma.withUserName(new UserName(taken)), true, null))
                    .expectException(UniquenessException.class)
                    .expectNoEvents();
        }
        MemberProfile renamed = profile("oς@acme.test", "Alice", "Andrews");
        fixture.given(provisioned(ALICE, finalSigma))
                .when(new ReplaceProvisionedMemberCommand(ALICE, ACME, renamed, true, null))
                .expectEvents(new MemberProfileChanged(ACME, ALICE, finalSigma, renamed));
    }

    @Test
    void theMemberHoldingAKeyAnotherKeptBesideItChangesItsCase() {
        recordKeptPair();
        MemberProfile upper = sigma.withUserName(new UserName("OΣ@acme.test"));
        fixture.given(provisioned(BOB, sigma))
                .when(new ReplaceProvisionedMemberCommand(BOB, ACME, upper, true, null))
                .expectEvents(new MemberProfileChanged(ACME, BOB, sigma, upper));
    }

    @Test
    void changingOnlyTheCaseOfTheUserNameKeepsIt() {
        directory.record(provisioningOn());
        MemberProfile upper = aliceProfile().withUserName(new UserName("ALICE@acme.test"));
        fixture.given(directory.record(provisioned(ALICE, aliceProfile())))
                .when(new ReplaceProvisionedMemberCommand(ALICE, ACME, upper, true, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new MemberProfileChanged(ACME, ALICE, aliceProfile(), upper));
    }

    @Test
    void refusesAUserNameTakenByAnotherMember() {
        directory.record(provisioningOn(), provisioned(BOB, profile("bob@acme.test", "Bob", "Brown")));
        fixture.given(directory.record(provisioned(ALICE, aliceProfile())))
                .when(new ReplaceProvisionedMemberCommand(
                        ALICE, ACME, aliceProfile().withUserName(new UserName("BOB@acme.test")), true, null))
                .expectException(UniquenessException.class)
                .expectNoEvents();
    }

    @Test
    void refusesAStaleExpectedVersion() {
        directory.record(provisioningOn());
        fixture.given(directory.record(provisioned(ALICE, aliceProfile()), new MemberDeactivated(ACME, ALICE)))
                .when(new ReplaceProvisionedMemberCommand(ALICE, ACME, aliceProfile(), true, 0L))
                .expectException(ConflictingAggregateVersionException.class)
                .expectNoEvents();
    }

    @Test
    void oktaTakesOverAMemberInvitedByAnAdminWhenItFirstChangesIt() {
        directory.record(provisioningOn());
        MemberProfile fromOkta = profile("bob@acme.test", "Bob", "Brown");
        fixture.given(directory.record(invited(BOB, "bob@acme.test")))
                .when(new ReplaceProvisionedMemberCommand(BOB, ACME, fromOkta, true, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(
                        new MemberTakenOver(ACME, BOB),
                        new MemberProfileChanged(
                                ACME, BOB, MemberProfile.invited("bob@acme.test", PersonName.EMPTY), fromOkta))
                .expectState(member -> assertThat(member.source()).isEqualTo(Source.OKTA));
    }

    @Test
    void aMemberTakenOverByOktaIsTakenOverOnceAndThenReadOnlyForAdmins() {
        directory.record(provisioningOn());
        fixture.given(directory.record(invited(BOB, "bob@acme.test"), new MemberTakenOver(ACME, BOB)))
                .when(new ReplaceProvisionedMemberCommand(
                        BOB, ACME, MemberProfile.invited("bob@acme.test", PersonName.EMPTY), false, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new MemberDeactivated(ACME, BOB));
        fixture.given(invited(BOB, "bob@acme.test"), new MemberTakenOver(ACME, BOB))
                .when(new RemoveMemberCommand(BOB, ACME))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
    }

    @Test
    void aScimDeleteOfAMemberInvitedByAnAdminRecordsTheTakeOverFirst() {
        directory.record(provisioningOn());
        fixture.given(directory.record(invited(BOB, "bob@acme.test")))
                .when(new DeprovisionMemberCommand(BOB, ACME, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new MemberTakenOver(ACME, BOB), new MemberDeprovisioned(ACME, BOB))
                .expectMarkedDeleted();
    }

    @Test
    void nothingIsTakenOverWhileProvisioningIsOff() {
        fixture.given(directory.record(invited(BOB, "bob@acme.test")))
                .when(new ReplaceProvisionedMemberCommand(
                        BOB, ACME, profile("bob@acme.test", "Bob", "Brown"), true, null))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
    }

    @Test
    void aTakeOverThatCanNotBeCompletedIsNotRecorded() {
        directory.record(provisioningOn(), provisioned(ALICE, aliceProfile()));
        fixture.given(directory.record(invited(BOB, "bob@acme.test")))
                .when(new ReplaceProvisionedMemberCommand(
                        BOB, ACME, profile("alice@acme.test", "Bob", "Brown"), true, null))
                .expectException(UniquenessException.class)
                .expectNoEvents();
    }

    @Test
    void anotherOrganizationSeesNoSuchMember() {
        directory.record(provisioningOn());
        fixture.given(directory.record(invited(BOB, "bob@acme.test")))
                .when(new RemoveMemberCommand(BOB, GLOBEX))
                .expectException(NotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void adminRemovesManualMember() {
        fixture.given(directory.record(invited(BOB, "bob@acme.test")))
                .when(new RemoveMemberCommand(BOB, ACME))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new MemberRemoved(ACME, BOB))
                .expectMarkedDeleted();
    }
}
