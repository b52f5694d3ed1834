package com.controlpanel.provisioning.domain.team;

import static com.controlpanel.provisioning.domain.testing.Examples.ACME;
import static com.controlpanel.provisioning.domain.testing.Examples.ALICE;
import static com.controlpanel.provisioning.domain.testing.Examples.BOB;
import static com.controlpanel.provisioning.domain.testing.Examples.CAROL;
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

import com.controlpanel.provisioning.domain.api.AddMemberToTeamCommand;
import com.controlpanel.provisioning.domain.api.CreateTeamCommand;
import com.controlpanel.provisioning.domain.api.DeleteTeamCommand;
import com.controlpanel.provisioning.domain.api.DeprovisionTeamCommand;
import com.controlpanel.provisioning.domain.api.InvalidValueException;
import com.controlpanel.provisioning.domain.api.MemberAddedToTeam;
import com.controlpanel.provisioning.domain.api.MemberDeprovisioned;
import com.controlpanel.provisioning.domain.api.MemberId;
import com.controlpanel.provisioning.domain.api.MemberRemoved;
import com.controlpanel.provisioning.domain.api.MemberRemovedFromTeam;
import com.controlpanel.provisioning.domain.api.NotFoundException;
import com.controlpanel.provisioning.domain.api.ProvisionTeamCommand;
import com.controlpanel.provisioning.domain.api.ProvisioningDisabled;
import com.controlpanel.provisioning.domain.api.ReleaseDeletedMemberCommand;
import com.controlpanel.provisioning.domain.api.RemoveMemberFromTeamCommand;
import com.controlpanel.provisioning.domain.api.RenameTeamCommand;
import com.controlpanel.provisioning.domain.api.RuleViolationException;
import com.controlpanel.provisioning.domain.api.Source;
import com.controlpanel.provisioning.domain.api.TeamChange;
import com.controlpanel.provisioning.domain.api.TeamDeleted;
import com.controlpanel.provisioning.domain.api.TeamExternalIdChanged;
import com.controlpanel.provisioning.domain.api.TeamName;
import com.controlpanel.provisioning.domain.api.TeamProvisioned;
import com.controlpanel.provisioning.domain.api.TeamRenamed;
import com.controlpanel.provisioning.domain.api.TeamTakenOver;
import com.controlpanel.provisioning.domain.api.UniquenessException;
import com.controlpanel.provisioning.domain.api.UpdateProvisionedTeamCommand;
import com.controlpanel.provisioning.domain.testing.InMemoryDirectory;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.ResultValidator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TeamTest {

    private static final MemberId DAVE = new MemberId("dave");

    private final InMemoryDirectory directory = new InMemoryDirectory();
    private FixtureConfiguration<Team> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Team.class);
        fixture.registerInjectableResource(directory);
        directory.record(
                provisioned(ALICE, aliceProfile()),
                provisioned(CAROL, profile("carol@acme.test", "Carol", "Clark")),
                invited(BOB, "bob@acme.test"));
    }

    @Test
    void aDeletedMemberIsLetGoOnTheTeamsRecordWhateverTheTeamsSourceAndProvisioning() {
        directory.record(provisioningOn(), new MemberDeprovisioned(ACME, ALICE));
        fixture.given(pushedTeam(ENGINEERING, "Engineering"), new MemberAddedToTeam(ACME, ENGINEERING, ALICE))
                .when(new ReleaseDeletedMemberCommand(ENGINEERING, ACME, ALICE))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new MemberRemovedFromTeam(ACME, ENGINEERING, ALICE));
    }

    @Test
    void aMemberThatStillExistsOrIsNotInTheTeamIsNotLetGo() {
        directory.record(provisioningOn(), new MemberRemoved(ACME, BOB));
        fixture.given(manualTeam(SALES, "Sales"), new MemberAddedToTeam(ACME, SALES, ALICE))
                .when(new ReleaseDeletedMemberCommand(SALES, ACME, ALICE))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(manualTeam(SALES, "Sales"), new MemberAddedToTeam(ACME, SALES, ALICE))
                .when(new ReleaseDeletedMemberCommand(SALES, ACME, BOB))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void pushesTeamFromOktaWithItsMembers() {
        directory.record(provisioningOn());
        fixture.givenNoPriorActivity()
                .when(new ProvisionTeamCommand(
                        ENGINEERING, ACME, new TeamName("Engineering"), "okta-1", List.of(ALICE)))
                .expectSuccessfulHandlerExecution()
                .expectEvents(
                        new TeamProvisioned(ACME, ENGINEERING, Source.OKTA, new TeamName("Engineering"), "okta-1"),
                        new MemberAddedToTeam(ACME, ENGINEERING, ALICE));
    }

    @Test
    void rule3_aPushWithAManualMemberCreatesNothingAndNamesTheTeamByItsNameOnly() {
        directory.record(provisioningOn());
        fixture.givenNoPriorActivity()
                .when(new ProvisionTeamCommand(ENGINEERING, ACME, new TeamName("Engineering"), "okta-1", List.of(BOB)))
                .expectException(RuleViolationException.class)
                // the id it was to have would be looked up in vain: nothing was created
                .expectExceptionMessage(org.hamcrest.Matchers.allOf(
                        org.hamcrest.Matchers.containsString("Member bob@acme.test (" + BOB
                                + ") was invited in the Control Panel and can not be added to the new team"
                                + " \"Engineering\", which was pushed from Okta"),
                        org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(ENGINEERING.value()))))
                .expectNoEvents();
    }

    @Test
    void rejectsTakenTeamNameWhateverItsCase() {
        directory.record(provisioningOn(), manualTeam(SALES, "Engineering"));
        fixture.givenNoPriorActivity()
                .when(new ProvisionTeamCommand(ENGINEERING, ACME, new TeamName("ENGINEERING"), null, List.of()))
                .expectException(UniquenessException.class)
                // naming the team that has it, so that the Control Panel can say which one, as it is written
                .expectException(
                        new org.hamcrest.FeatureMatcher<UniquenessException, java.util.Optional<String>>(
                                org.hamcrest.Matchers.equalTo(java.util.Optional.of(SALES.value())),
                                "holder",
                                "holder") {
                            @Override
                            protected java.util.Optional<String> featureValueOf(UniquenessException refusal) {
                                return refusal.holderId();
                            }
                        })
                .expectNoEvents();
    }

    @Test
    void refusesANewNameThatLooksLikeAnotherButKeepsOneTheTeamAlreadyHas() {
        directory.record(provisioningOn());
        for (String lookAlike : List.of("Tab\tname", "No-break\u00A0space", "Zero\u200Bwidth", "Line\nbreak")) {
            fixture.givenNoPriorActivity()
                    .when(new CreateTeamCommand(SALES, ACME, new TeamName(lookAlike)))
                    .expectException(InvalidValueException.class)
                    .expectExceptionMessage(org.hamcrest.Matchers.allOf(
                            org.hamcrest.Matchers.containsString("must be written plainly"),
                            org.hamcrest.Matchers.endsWith("which makes it look like another one")))
                    .expectNoEvents();
        }
        fixture.givenNoPriorActivity()
                .when(new ProvisionTeamCommand(ENGINEERING, ACME, new TeamName("Eng\u00A0team"), null, List.of()))
                .expectException(InvalidValueException.class)
                .expectNoEvents();
        // an accent written as a separate mark, or the Angstrom sign for the letter: the same text to Unicode
        for (String apart : List.of("E\u0301quipe", "\u212Bngstr\u00F6m")) {
            fixture.givenNoPriorActivity()
                    .when(new ProvisionTeamCommand(ENGINEERING, ACME, new TeamName(apart), null, List.of()))
                    .expectException(InvalidValueException.class)
                    .expectExceptionMessage(org.hamcrest.Matchers.allOf(
                            org.hamcrest.Matchers.containsString("plainly: '"
                                    + java.text.Normalizer.normalize(apart, java.text.Normalizer.Form.NFC) + "'"),
                            org.hamcrest.Matchers.endsWith("which makes it look like another one")))
                    .expectNoEvents();
        }
        // full-width brackets and digits, half-width katakana: how names in Japanese are written
        fixture.givenNoPriorActivity()
                .when(new ProvisionTeamCommand(ENGINEERING, ACME, new TeamName("営業（東京）第１課 ｴｲｷﾞｮｳ"), null, List.of()))
                .expectSuccessfulHandlerExecution();
        // a team stored with such a name before keeps it: Okta sends the name with every membership update
        fixture.given(directory.record(pushedTeam(ENGINEERING, "Eng\u00A0team")))
                .when(new UpdateProvisionedTeamCommand(
                        ENGINEERING, ACME, List.of(new TeamChange.Rename(new TeamName("Eng\u00A0team"))), null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void takesANameWrittenWithMarksNoLetterComposesWith() {
        directory.record(provisioningOn());
        // marks no letter composes with are how Thai and Devanagari are written
        fixture.givenNoPriorActivity()
                .when(new CreateTeamCommand(
                        SALES, ACME, new TeamName("\u0E17\u0E35\u0E21 \u0939\u093F\u0902\u0926\u0940")))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aTeamThatKeptItsFormerKeyBesideAnothersTakesTheOthersNameInNoCase() {
        // both stored before keys were case-folded ("Ομάδας" and "Ομάδασ" had two keys): schema 19 kept Sales's
        directory.record(provisioningOn(), manualTeam(ENGINEERING, "Ομάδασ"), manualTeam(SALES, "Ομάδας"));
        directory.keptBeside(SALES);
        for (String taken : List.of("Ομάδασ", "ΟΜΆΔΑΣ", "ομάδας")) {
            fixture.given(manualTeam(SALES, "Ομάδας"))
                    .when(new RenameTeamCommand(SALES, ACME, new TeamName(taken)))
                    .expectException(UniquenessException.class)
                    .expectNoEvents();
        }
    }

    @Test
    void theTeamHoldingAKeyAnotherKeptBesideItChangesItsCase() {
        directory.record(provisioningOn(), manualTeam(ENGINEERING, "Ομάδασ"), manualTeam(SALES, "Ομάδας"));
        directory.keptBeside(SALES);
        fixture.given(manualTeam(ENGINEERING, "Ομάδασ"))
                .when(new RenameTeamCommand(ENGINEERING, ACME, new TeamName("ΟΜΆΔΑΣ")))
                .expectEvents(new TeamRenamed(ACME, ENGINEERING, new TeamName("Ομάδασ"), new TeamName("ΟΜΆΔΑΣ")));
    }

    @Test
    void rule1_refusesAdminRenameOfPushedTeamWhileProvisioningIsOn() {
        directory.record(provisioningOn());
        fixture.given(directory.record(pushedTeam(ENGINEERING, "Engineering")))
                .when(new RenameTeamCommand(ENGINEERING, ACME, new TeamName("R&D")))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("managed in Okta"))
                .expectNoEvents();
    }

    @Test
    void rule1_refusesAdminDeleteOfPushedTeamWhileProvisioningIsOn() {
        directory.record(provisioningOn());
        fixture.given(directory.record(pushedTeam(ENGINEERING, "Engineering")))
                .when(new DeleteTeamCommand(ENGINEERING, ACME))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
    }

    @Test
    void rule1_refusesAdminMembershipChangeOfPushedTeamWhileProvisioningIsOn() {
        directory.record(provisioningOn());
        fixture.given(directory.record(pushedTeam(ENGINEERING, "Engineering")))
                .andGiven(new MemberAddedToTeam(ACME, ENGINEERING, ALICE))
                .when(new RemoveMemberFromTeamCommand(ENGINEERING, ACME, ALICE))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
    }

    @Test
    void rule2_adminCreatesTeamByHandWhileProvisioningIsOn() {
        directory.record(provisioningOn());
        fixture.givenNoPriorActivity()
                .when(new CreateTeamCommand(SALES, ACME, new TeamName("Sales")))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new TeamProvisioned(ACME, SALES, Source.MANUAL, new TeamName("Sales"), null));
    }

    @Test
    void rule3_adminCannotAddManualMemberToPushedTeam() {
        fixture.given(directory.record(pushedTeam(ENGINEERING, "Engineering")))
                .when(new AddMemberToTeamCommand(ENGINEERING, ACME, BOB))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("Member bob@acme.test (" + BOB
                        + ") was invited in the Control Panel and can not be added to team \"Engineering\" ("
                        + ENGINEERING + "), which was pushed from Okta"))
                .expectNoEvents();
    }

    @Test
    void rule3_oktaCannotPutManualMemberInPushedTeamAndTheWholePatchIsRefused() {
        directory.record(provisioningOn());
        fixture.given(directory.record(pushedTeam(ENGINEERING, "Engineering")))
                .when(new UpdateProvisionedTeamCommand(
                        ENGINEERING,
                        ACME,
                        List.of(
                                new TeamChange.Rename(new TeamName("R&D")),
                                new TeamChange.AddMembers(List.of(ALICE)),
                                new TeamChange.AddMembers(List.of(BOB))),
                        null))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage(
                        org.hamcrest.Matchers.containsString("Member bob@acme.test (" + BOB + ") was invited"))
                .expectNoEvents();
    }

    @Test
    void aScimChangeAnswersTheTeamsVersionAfterIt() {
        directory.record(provisioningOn());
        fixture.given(directory.record(pushedTeam(ENGINEERING, "Engineering")))
                .when(new UpdateProvisionedTeamCommand(
                        ENGINEERING,
                        ACME,
                        List.of(new TeamChange.Rename(new TeamName("R&D")), new TeamChange.AddMembers(List.of(ALICE))),
                        null))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(2L);
    }

    @Test
    void aScimChangeThatChangesNothingAnswersTheVersionItFound() {
        directory.record(provisioningOn());
        fixture.given(directory.record(pushedTeam(ENGINEERING, "Engineering")))
                .when(new UpdateProvisionedTeamCommand(
                        ENGINEERING, ACME, List.of(new TeamChange.Rename(new TeamName("Engineering"))), null))
                .expectNoEvents()
                .expectResultMessagePayload(0L);
    }

    @Test
    void rule4_adminAddsProvisionedMemberToManualTeam() {
        directory.record(provisioningOn());
        fixture.given(directory.record(manualTeam(SALES, "Sales")))
                .when(new AddMemberToTeamCommand(SALES, ACME, ALICE))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new MemberAddedToTeam(ACME, SALES, ALICE));
    }

    @Test
    void rule6_adminRenamesPushedTeamOnceProvisioningIsOff() {
        fixture.given(directory.record(pushedTeam(ENGINEERING, "Engineering")))
                .andGiven(directory.record(new ProvisioningDisabled(ACME, null)))
                .when(new RenameTeamCommand(ENGINEERING, ACME, new TeamName("R&D")))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new TeamRenamed(ACME, ENGINEERING, new TeamName("Engineering"), new TeamName("R&D")));
    }

    @Test
    void rule8_oktaPushesAgainTheTeamNameAnAdminRenamedAway() {
        directory.record(
                pushedTeam(SALES, "Engineering"),
                new TeamRenamed(ACME, SALES, new TeamName("Engineering"), new TeamName("R&D")),
                provisioningOn());
        fixture.givenNoPriorActivity()
                .when(new ProvisionTeamCommand(ENGINEERING, ACME, new TeamName("Engineering"), "okta-1", List.of()))
                .expectSuccessfulHandlerExecution()
                .expectEvents(
                        new TeamProvisioned(ACME, ENGINEERING, Source.OKTA, new TeamName("Engineering"), "okta-1"));
    }

    @Test
    void rule9_deletingTeamNeverRemovesItsMembersAndRecordsThatEachLeftIt() {
        directory.record(provisioningOn());
        fixture.given(directory.record(pushedTeam(ENGINEERING, "Engineering")))
                .andGiven(
                        new MemberAddedToTeam(ACME, ENGINEERING, ALICE),
                        new MemberAddedToTeam(ACME, ENGINEERING, CAROL))
                .when(new DeprovisionTeamCommand(ENGINEERING, ACME, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(
                        new MemberRemovedFromTeam(ACME, ENGINEERING, ALICE),
                        new MemberRemovedFromTeam(ACME, ENGINEERING, CAROL),
                        new TeamDeleted(ACME, ENGINEERING))
                .expectMarkedDeleted();
    }

    @Test
    void anAdminDeletingATeamRecordsThatEachMemberLeftIt() {
        fixture.given(directory.record(manualTeam(SALES, "Sales")))
                .andGiven(new MemberAddedToTeam(ACME, SALES, BOB))
                .when(new DeleteTeamCommand(SALES, ACME))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new MemberRemovedFromTeam(ACME, SALES, BOB), new TeamDeleted(ACME, SALES))
                .expectMarkedDeleted();
    }

    @Test
    void replacingMembersRecordsWhoLeftAndWhoJoined() {
        directory.record(provisioningOn());
        fixture.given(directory.record(pushedTeam(ENGINEERING, "Engineering")))
                .andGiven(new MemberAddedToTeam(ACME, ENGINEERING, ALICE))
                .when(new UpdateProvisionedTeamCommand(
                        ENGINEERING, ACME, List.of(new TeamChange.ReplaceMembers(List.of(CAROL))), 1L))
                .expectSuccessfulHandlerExecution()
                .expectEvents(
                        new MemberRemovedFromTeam(ACME, ENGINEERING, ALICE),
                        new MemberAddedToTeam(ACME, ENGINEERING, CAROL))
                .expectState(team -> assertThat(team.memberIds()).containsExactly(CAROL));
    }

    /** One SCIM change of the pushed team Engineering, provisioning on, after the events given. */
    private ResultValidator<Team> oktaChanges(List<?> alsoGiven, TeamChange... changes) {
        directory.record(provisioningOn());
        List<Object> given = new ArrayList<>(List.of(directory.record(pushedTeam(ENGINEERING, "Engineering"))));
        given.addAll(alsoGiven);
        return fixture.given(given).when(new UpdateProvisionedTeamCommand(ENGINEERING, ACME, List.of(changes), null));
    }

    @Test
    void oktaPatchAppliesItsOperationsInOrderAndRecordsWhatTheyChangedTogether() {
        // Alice removed and added again stays; Carol added and removed again never joins
        oktaChanges(
                        List.of(new MemberAddedToTeam(ACME, ENGINEERING, ALICE)),
                        new TeamChange.RemoveMembers(List.of(ALICE)),
                        new TeamChange.AddMembers(List.of(ALICE, CAROL)),
                        new TeamChange.ChangeExternalId("okta-2"),
                        new TeamChange.RemoveMembers(List.of(CAROL)))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new TeamExternalIdChanged(ACME, ENGINEERING, "okta-Engineering", "okta-2"))
                .expectState(team -> assertThat(team.memberIds()).containsExactly(ALICE));
        // the last of the operations on one member decides: added, then removed, then added again
        oktaChanges(
                        List.of(),
                        new TeamChange.AddMembers(List.of(CAROL)),
                        new TeamChange.ReplaceMembers(List.of()),
                        new TeamChange.AddMembers(List.of(CAROL, ALICE)))
                .expectSuccessfulHandlerExecution()
                .expectEvents(
                        new MemberAddedToTeam(ACME, ENGINEERING, CAROL),
                        new MemberAddedToTeam(ACME, ENGINEERING, ALICE));
    }

    @Test
    void oktaNameChangedAndChangedBackInOnePatchRecordsNothing() {
        oktaChanges(
                        List.of(),
                        new TeamChange.Rename(new TeamName("R&D")),
                        new TeamChange.ChangeExternalId("okta-2"),
                        new TeamChange.Rename(new TeamName("Engineering")),
                        new TeamChange.ChangeExternalId("okta-Engineering"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(0L);
        oktaChanges(List.of(), new TeamChange.Rename(new TeamName("R&D")), new TeamChange.Rename(new TeamName("Ops")))
                .expectEvents(new TeamRenamed(ACME, ENGINEERING, new TeamName("Engineering"), new TeamName("Ops")));
    }

    @Test
    void aMemberAddedAndRemovedAgainInOnePatchIsStillCheckedAndRefusesTheWholePatch() {
        oktaChanges(
                        List.of(),
                        new TeamChange.AddMembers(List.of(BOB)),
                        new TeamChange.RemoveMembers(List.of(BOB)),
                        new TeamChange.AddMembers(List.of(ALICE)))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
        oktaChanges(List.of(), new TeamChange.AddMembers(List.of(DAVE)), new TeamChange.ReplaceMembers(List.of(ALICE)))
                .expectException(NotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void oktaRenameToTheSameNameRecordsNothing() {
        directory.record(provisioningOn());
        fixture.given(directory.record(pushedTeam(ENGINEERING, "Engineering")))
                .andGiven(new MemberAddedToTeam(ACME, ENGINEERING, ALICE))
                .when(new UpdateProvisionedTeamCommand(
                        ENGINEERING,
                        ACME,
                        List.of(
                                new TeamChange.Rename(new TeamName("Engineering")),
                                new TeamChange.AddMembers(List.of(ALICE))),
                        null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void refusesUnknownMember() {
        fixture.given(directory.record(manualTeam(SALES, "Sales")))
                .when(new AddMemberToTeamCommand(
                        SALES, ACME, new com.controlpanel.provisioning.domain.api.MemberId("nobody")))
                .expectException(NotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void refusesMemberOfAnotherOrganization() {
        directory.record(new com.controlpanel.provisioning.domain.api.MemberProvisioned(
                GLOBEX,
                new com.controlpanel.provisioning.domain.api.MemberId("stranger"),
                Source.OKTA,
                profile("stranger@globex.test", "S", "T"),
                true));
        fixture.given(directory.record(manualTeam(SALES, "Sales")))
                .when(new AddMemberToTeamCommand(
                        SALES, ACME, new com.controlpanel.provisioning.domain.api.MemberId("stranger")))
                .expectException(NotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void refusesDeletedMember() {
        directory.record(new MemberDeprovisioned(ACME, CAROL));
        fixture.given(directory.record(manualTeam(SALES, "Sales")))
                .when(new AddMemberToTeamCommand(SALES, ACME, CAROL))
                .expectException(NotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void ignoresAddingAMemberAlreadyInTheTeam() {
        fixture.given(directory.record(manualTeam(SALES, "Sales")))
                .andGiven(new MemberAddedToTeam(ACME, SALES, ALICE))
                .when(new AddMemberToTeamCommand(SALES, ACME, ALICE))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void oktaTakesOverATeamCreatedByAnAdminWhenItFirstChangesIt() {
        directory.record(provisioningOn());
        fixture.given(directory.record(manualTeam(SALES, "Sales"), new MemberAddedToTeam(ACME, SALES, ALICE)))
                .when(new UpdateProvisionedTeamCommand(
                        SALES,
                        ACME,
                        List.of(
                                new TeamChange.Rename(new TeamName("Sales EMEA")),
                                new TeamChange.AddMembers(List.of(CAROL))),
                        null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(
                        new TeamTakenOver(ACME, SALES),
                        new TeamRenamed(ACME, SALES, new TeamName("Sales"), new TeamName("Sales EMEA")),
                        new MemberAddedToTeam(ACME, SALES, CAROL))
                .expectState(team -> assertThat(team.source()).isEqualTo(Source.OKTA));
    }

    @Test
    void aTeamTakenOverByOktaIsReadOnlyForAdminsAndTakesNoManualMember() {
        directory.record(provisioningOn());
        fixture.given(directory.record(manualTeam(SALES, "Sales"), new TeamTakenOver(ACME, SALES)))
                .when(new RenameTeamCommand(SALES, ACME, new TeamName("Mine")))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
        fixture.given(manualTeam(SALES, "Sales"), new TeamTakenOver(ACME, SALES))
                .when(new UpdateProvisionedTeamCommand(
                        SALES, ACME, List.of(new TeamChange.AddMembers(List.of(BOB))), null))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
    }

    @Test
    void rule3_aTeamHoldingAManualMemberIsNotTakenOverUnlessTheChangeLetsItGo() {
        directory.record(provisioningOn());
        Object[] salesWithBob = directory.record(manualTeam(SALES, "Sales"), new MemberAddedToTeam(ACME, SALES, BOB));
        fixture.given(salesWithBob)
                .when(new UpdateProvisionedTeamCommand(
                        SALES, ACME, List.of(new TeamChange.AddMembers(List.of(ALICE))), null))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString(
                        "member bob@acme.test (" + BOB + "), invited in the Control Panel, would be in it"))
                .expectNoEvents();
        fixture.given(salesWithBob)
                .when(new UpdateProvisionedTeamCommand(
                        SALES, ACME, List.of(new TeamChange.ReplaceMembers(List.of(ALICE))), null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(
                        new TeamTakenOver(ACME, SALES),
                        new MemberRemovedFromTeam(ACME, SALES, BOB),
                        new MemberAddedToTeam(ACME, SALES, ALICE));
    }

    @Test
    void rule3_aManualMemberJoiningATeamCreatedInTheControlPanelIsNamedAsJoiningATeamTakenOverNotOnePushed() {
        directory.record(provisioningOn());
        fixture.given(directory.record(manualTeam(SALES, "Sales")))
                .when(new UpdateProvisionedTeamCommand(
                        SALES, ACME, List.of(new TeamChange.AddMembers(List.of(BOB))), null))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.allOf(
                        org.hamcrest.Matchers.containsString(
                                "Team \"Sales\" (" + SALES + ") was created in the" + " Control Panel"),
                        org.hamcrest.Matchers.containsString("member bob@acme.test (" + BOB + "), invited in the"
                                + " Control Panel, would be in it: push the group without them or have Okta"),
                        org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("pushed from Okta"))))
                .expectNoEvents();
    }

    @Test
    void rule3_aRemovalOfTheManualMembersLetsOktaTakeTheTeamOverAndARefusalNamesThemAll() {
        directory.record(provisioningOn(), invited(DAVE, "dave@acme.test"));
        Object[] salesWithBobAndDave = directory.record(
                manualTeam(SALES, "Sales"),
                new MemberAddedToTeam(ACME, SALES, BOB),
                new MemberAddedToTeam(ACME, SALES, ALICE),
                new MemberAddedToTeam(ACME, SALES, DAVE));
        fixture.given(salesWithBobAndDave)
                .when(new UpdateProvisionedTeamCommand(
                        SALES, ACME, List.of(new TeamChange.Rename(new TeamName("Sales EMEA"))), null))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("members bob@acme.test (" + BOB
                        + "), dave@acme.test (" + DAVE + "), invited in the Control Panel, would be in it"))
                .expectNoEvents();
        fixture.given(salesWithBobAndDave)
                .when(new UpdateProvisionedTeamCommand(
                        SALES, ACME, List.of(new TeamChange.RemoveMembers(List.of(BOB, DAVE))), null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(
                        new TeamTakenOver(ACME, SALES),
                        new MemberRemovedFromTeam(ACME, SALES, BOB),
                        new MemberRemovedFromTeam(ACME, SALES, DAVE));
    }

    @Test
    void aScimDeleteOfATeamCreatedByAnAdminRecordsTheTakeOverFirst() {
        directory.record(provisioningOn());
        fixture.given(directory.record(manualTeam(SALES, "Sales")))
                .when(new DeprovisionTeamCommand(SALES, ACME, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new TeamTakenOver(ACME, SALES), new TeamDeleted(ACME, SALES))
                .expectMarkedDeleted();
    }

    @Test
    void anotherOrganizationSeesNoSuchTeam() {
        fixture.given(directory.record(manualTeam(SALES, "Sales")))
                .when(new DeleteTeamCommand(SALES, GLOBEX))
                .expectException(NotFoundException.class)
                .expectNoEvents();
    }
}
