package com.controlpanel.provisioning.domain.organization;

import static com.controlpanel.provisioning.domain.testing.Examples.ACME;
import static com.controlpanel.provisioning.domain.testing.Examples.ACME_TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.listWithAllOf;

import com.controlpanel.provisioning.domain.api.Actor;
import com.controlpanel.provisioning.domain.api.AdminId;
import com.controlpanel.provisioning.domain.api.CreateOrganizationCommand;
import com.controlpanel.provisioning.domain.api.CredentialId;
import com.controlpanel.provisioning.domain.api.DisableProvisioningCommand;
import com.controlpanel.provisioning.domain.api.EnableProvisioningCommand;
import com.controlpanel.provisioning.domain.api.GrantOrganizationAdminCommand;
import com.controlpanel.provisioning.domain.api.InvalidValueException;
import com.controlpanel.provisioning.domain.api.IssueProvisioningCredentialsCommand;
import com.controlpanel.provisioning.domain.api.NotFoundException;
import com.controlpanel.provisioning.domain.api.OrganizationAdminGranted;
import com.controlpanel.provisioning.domain.api.OrganizationAdminPasswordGiven;
import com.controlpanel.provisioning.domain.api.OrganizationAdminRevoked;
import com.controlpanel.provisioning.domain.api.OrganizationCreated;
import com.controlpanel.provisioning.domain.api.OrganizationRenamed;
import com.controlpanel.provisioning.domain.api.ProvisioningCredentialsIssued;
import com.controlpanel.provisioning.domain.api.ProvisioningDisabled;
import com.controlpanel.provisioning.domain.api.ProvisioningEnabled;
import com.controlpanel.provisioning.domain.api.RecordAdminPasswordGivenCommand;
import com.controlpanel.provisioning.domain.api.RenameOrganizationCommand;
import com.controlpanel.provisioning.domain.api.RevokeOrganizationAdminCommand;
import com.controlpanel.provisioning.domain.api.RuleViolationException;
import com.controlpanel.provisioning.domain.api.SecretToken;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrganizationTest {

    private static final CredentialId FIRST = new CredentialId("first");
    private static final CredentialId SECOND = new CredentialId("second");
    private final SecretToken firstToken = SecretToken.generate();
    private final SecretToken secondToken = SecretToken.generate();

    private FixtureConfiguration<Organization> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Organization.class);
        fixture.registerCommandHandlerInterceptor(new CorrelationDataInterceptor<>(
                new SimpleCorrelationDataProvider(Actor.KIND, Actor.ID, Actor.NAME, Actor.REQUEST_ID)));
    }

    private OrganizationCreated created() {
        return new OrganizationCreated(ACME, "Acme", ACME_TENANT);
    }

    @Test
    void createsOrganization() {
        fixture.givenNoPriorActivity()
                .when(new CreateOrganizationCommand(ACME, "  Acme ", ACME_TENANT))
                .expectEvents(created());
    }

    @Test
    void renamesWithTheNameItHadBefore() {
        fixture.given(created())
                .when(new RenameOrganizationCommand(ACME, " Acme Corporation "))
                .expectEvents(new OrganizationRenamed(ACME, "Acme", "Acme Corporation"));
    }

    @Test
    void aSecondRenameRecordsTheNameOfTheFirst() {
        fixture.given(created(), new OrganizationRenamed(ACME, "Acme", "Acme Corporation"))
                .when(new RenameOrganizationCommand(ACME, "Acme Inc."))
                .expectEvents(new OrganizationRenamed(ACME, "Acme Corporation", "Acme Inc."));
    }

    @Test
    void theSameNameAgainRecordsNothing() {
        fixture.given(created(), new OrganizationRenamed(ACME, "Acme", "Acme Corporation"))
                .when(new RenameOrganizationCommand(ACME, "Acme Corporation"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aNameDifferingOnlyInCaseIsARename() {
        fixture.given(created())
                .when(new RenameOrganizationCommand(ACME, "ACME"))
                .expectEvents(new OrganizationRenamed(ACME, "Acme", "ACME"));
    }

    @Test
    void refusesABlankOrOverlongName() {
        assertThatThrownBy(() -> new RenameOrganizationCommand(ACME, "  "))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("organization name is required");
        assertThatThrownBy(() -> new RenameOrganizationCommand(ACME, "x".repeat(201)))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("organization name must be at most 200 characters");
    }

    @Test
    void enablingProvisioningIssuesTheFirstToken() {
        fixture.given(created())
                .when(new EnableProvisioningCommand(ACME, FIRST, firstToken.hash()))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(true)
                .expectEvents(
                        new ProvisioningEnabled(ACME, ACME_TENANT),
                        new ProvisioningCredentialsIssued(ACME, FIRST, firstToken.hash(), null))
                .expectState(organization ->
                        assertThat(organization.accepts(firstToken.reveal())).isTrue());
    }

    @Test
    void enablingTwiceIssuesNothing() {
        fixture.given(
                        created(),
                        new ProvisioningEnabled(ACME, ACME_TENANT),
                        new ProvisioningCredentialsIssued(ACME, FIRST, firstToken.hash(), null))
                .when(new EnableProvisioningCommand(ACME, SECOND, secondToken.hash()))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(false)
                .expectNoEvents()
                .expectState(organization ->
                        assertThat(organization.accepts(firstToken.reveal())).isTrue());
    }

    @Test
    void rule6_switchingOffRevokesTheToken() {
        fixture.given(
                        created(),
                        new ProvisioningEnabled(ACME, ACME_TENANT),
                        new ProvisioningCredentialsIssued(ACME, FIRST, firstToken.hash(), null))
                .when(new DisableProvisioningCommand(ACME))
                // names the token that stops working, for the audit trail
                .expectEvents(new ProvisioningDisabled(ACME, FIRST))
                .expectState(organization -> {
                    assertThat(organization.provisioningEnabled()).isFalse();
                    assertThat(organization.accepts(firstToken.reveal())).isFalse();
                });
    }

    @Test
    void rule6_theOldTokenStaysDeadWhenSwitchedOnAgain() {
        fixture.given(
                        created(),
                        new ProvisioningEnabled(ACME, ACME_TENANT),
                        new ProvisioningCredentialsIssued(ACME, FIRST, firstToken.hash(), null),
                        new ProvisioningDisabled(ACME, FIRST))
                .when(new EnableProvisioningCommand(ACME, SECOND, secondToken.hash()))
                .expectEvents(
                        new ProvisioningEnabled(ACME, ACME_TENANT),
                        new ProvisioningCredentialsIssued(ACME, SECOND, secondToken.hash(), null))
                .expectState(organization -> {
                    assertThat(organization.accepts(firstToken.reveal())).isFalse();
                    assertThat(organization.accepts(secondToken.reveal())).isTrue();
                });
    }

    @Test
    void switchingOffTwiceRecordsNothing() {
        fixture.given(created())
                .when(new DisableProvisioningCommand(ACME))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void rule7_newCredentialsBreakTheOldTokenAtOnce() {
        fixture.given(
                        created(),
                        new ProvisioningEnabled(ACME, ACME_TENANT),
                        new ProvisioningCredentialsIssued(ACME, FIRST, firstToken.hash(), null))
                .when(new IssueProvisioningCredentialsCommand(ACME, SECOND, secondToken.hash()))
                // names the token it revokes, for the audit trail
                .expectEvents(new ProvisioningCredentialsIssued(ACME, SECOND, secondToken.hash(), FIRST))
                .expectState(organization -> {
                    assertThat(organization.accepts(firstToken.reveal())).isFalse();
                    assertThat(organization.accepts(secondToken.reveal())).isTrue();
                });
    }

    @Test
    void refusesCredentialsWhileProvisioningIsOff() {
        fixture.given(created())
                .when(new IssueProvisioningCredentialsCommand(ACME, SECOND, secondToken.hash()))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
    }

    private static final AdminId ANN = new AdminId("admin-ann");
    private static final AdminId BOB = new AdminId("admin-bob");

    @Test
    void grantsAnAdminOnce() {
        fixture.given(created(), new OrganizationAdminGranted(ACME, ANN, "ann@acme.test"))
                .when(new GrantOrganizationAdminCommand(ACME, ANN, "ann@acme.test"))
                .expectNoEvents();
        fixture.given(created())
                .when(new GrantOrganizationAdminCommand(ACME, ANN, "ann@acme.test"))
                .expectEvents(new OrganizationAdminGranted(ACME, ANN, "ann@acme.test"));
    }

    @Test
    void removesAnAdminWithTheEmailTheyWereGrantedWith() {
        fixture.given(
                        created(),
                        new OrganizationAdminGranted(ACME, ANN, "ann@acme.test"),
                        new OrganizationAdminGranted(ACME, BOB, "bob@acme.test"))
                .when(new RevokeOrganizationAdminCommand(ACME, ANN))
                .expectEvents(new OrganizationAdminRevoked(ACME, ANN, "ann@acme.test"));
    }

    @Test
    void theLastAdminIsNotRemoved() {
        fixture.given(
                        created(),
                        new OrganizationAdminGranted(ACME, ANN, "ann@acme.test"),
                        new OrganizationAdminGranted(ACME, BOB, "bob@acme.test"),
                        new OrganizationAdminRevoked(ACME, BOB, "bob@acme.test"))
                .when(new RevokeOrganizationAdminCommand(ACME, ANN))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage("ann@acme.test is the organization's only admin and can not be removed: add "
                        + "another admin first")
                .expectNoEvents();
    }

    @Test
    void anAccountThatIsNoAdminHereIsNotFound() {
        fixture.given(
                        created(),
                        new OrganizationAdminGranted(ACME, ANN, "ann@acme.test"),
                        new OrganizationAdminGranted(ACME, BOB, "bob@acme.test"),
                        new OrganizationAdminRevoked(ACME, BOB, "bob@acme.test"))
                .when(new RevokeOrganizationAdminCommand(ACME, BOB))
                .expectException(NotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void recordsANewPasswordGivenToOneOfItsAdminsUnderTheEmailTheAccountHasNow() {
        fixture.given(created(), new OrganizationAdminGranted(ACME, ANN, "ann@acme.test"))
                .when(new RecordAdminPasswordGivenCommand(ACME, ANN, "ann.lee@acme.test"))
                .expectEvents(new OrganizationAdminPasswordGiven(ACME, ANN, "ann.lee@acme.test"));
    }

    @Test
    void aNewPasswordForAnAccountThatIsNoAdminHereIsNotRecorded() {
        fixture.given(
                        created(),
                        new OrganizationAdminGranted(ACME, ANN, "ann@acme.test"),
                        new OrganizationAdminGranted(ACME, BOB, "bob@acme.test"),
                        new OrganizationAdminRevoked(ACME, BOB, "bob@acme.test"))
                .when(new RecordAdminPasswordGivenCommand(ACME, BOB, "bob@acme.test"))
                .expectException(NotFoundException.class)
                .expectNoEvents();
        fixture.given(created())
                .when(new RecordAdminPasswordGivenCommand(ACME, ANN, "ann@acme.test"))
                .expectException(NotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void anAdminRemovedCanBeAddedAgain() {
        fixture.given(
                        created(),
                        new OrganizationAdminGranted(ACME, ANN, "ann@acme.test"),
                        new OrganizationAdminGranted(ACME, BOB, "bob@acme.test"),
                        new OrganizationAdminRevoked(ACME, BOB, "bob@acme.test"))
                .when(new GrantOrganizationAdminCommand(ACME, BOB, "bob@acme.test"))
                .expectEvents(new OrganizationAdminGranted(ACME, BOB, "bob@acme.test"));
    }

    @Test
    void rule10_recordsWhichAdminSwitchedProvisioningOnAndIssuedTheToken() {
        Actor admin = Actor.admin(new AdminId("admin-1"), "admin@acme.test");
        var metaData = new java.util.HashMap<String, Object>(admin.toMetaData());
        metaData.put(Actor.REQUEST_ID, "req-42");
        fixture.given(created())
                .when(new EnableProvisioningCommand(ACME, FIRST, firstToken.hash()), metaData)
                .expectEventsMatching(
                        exactSequenceOf(recordedBy(admin, "req-42"), recordedBy(admin, "req-42"), andNoMore()));
    }

    @Test
    void theTokenItselfIsNeverRecorded() {
        fixture.given(created())
                .when(new EnableProvisioningCommand(ACME, FIRST, firstToken.hash()))
                .expectEventsMatching(listWithAllOf(new TypeSafeMatcher<EventMessage<?>>() {
                    @Override
                    protected boolean matchesSafely(EventMessage<?> event) {
                        return !String.valueOf(event.getPayload()).contains(firstToken.reveal());
                    }

                    @Override
                    public void describeTo(Description description) {
                        description.appendText("an event that does not contain the token");
                    }
                }));
    }

    private static Matcher<EventMessage<?>> recordedBy(Actor actor, String requestId) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(EventMessage<?> event) {
                return Actor.fromMetaData(event.getMetaData()).equals(actor)
                        && requestId.equals(event.getMetaData().get(Actor.REQUEST_ID));
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("an event recorded by " + actor + " in request " + requestId);
            }
        };
    }
}
