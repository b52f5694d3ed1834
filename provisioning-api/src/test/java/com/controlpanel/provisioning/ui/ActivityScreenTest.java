package com.controlpanel.provisioning.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.controlpanel.provisioning.activity.ActivityFailures;
import com.controlpanel.provisioning.activity.ActivityQueries;
import com.controlpanel.provisioning.activity.FindActivityQuery;
import com.controlpanel.provisioning.application.CommandContext;
import com.controlpanel.provisioning.application.IssuedCredentials;
import com.controlpanel.provisioning.domain.api.Actor;
import com.controlpanel.provisioning.domain.api.CredentialId;
import com.controlpanel.provisioning.domain.api.MemberId;
import com.controlpanel.provisioning.domain.api.PersonName;
import com.controlpanel.provisioning.domain.api.TeamId;
import com.controlpanel.provisioning.testing.ApplicationTest;
import com.controlpanel.provisioning.testing.Fixtures;
import com.controlpanel.provisioning.testing.RawStreams;
import com.controlpanel.provisioning.ui.Scenery.Tenant;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Activity > Actions: the timeline with who, what and about whom, its filters, pages, the details of an action, new
 * actions appearing live, the exports, and bad filters explained next to their fields.
 */
@ExtendWith(ChromiumAvailable.class)
@ApplicationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ActivityScreenTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    ActivityQueries activity;

    @Autowired
    ActivityFailures failures;

    private Browser browser;
    private Scenery scenery;
    private Tenant tenant;
    private MemberId ada;

    /**
     * One organization the tests look at: members and a team made by the service, provisioning switched on, a member
     * and a team pushed by Okta, and one change made by its admin in the browser.
     */
    @BeforeAll
    void start() {
        scenery = new Scenery(context);
        tenant = scenery.organization("Northwind Activity");
        ada = scenery.invite(tenant, "Ada", "Lovelace");
        scenery.invite(tenant, "Grace", "Hopper");
        scenery.team(tenant, "Design", ada);
        scenery.provisioningOn(tenant);
        MemberId linus = scenery.oktaMember(tenant, "Linus", "Torvalds");
        scenery.oktaTeam(tenant, "Engineering", linus);

        browser = Browser.start(port);
        browser.signIn(tenant.adminEmail(), Scenery.PASSWORD);
        browser.open(tenant.path("/members/" + ada.value()));
        browser.type(By.id("member-family"), "King");
        browser.submit(By.cssSelector("#member-form button[type=submit]"));
        assertThat(browser.text(By.cssSelector(".flash-notice"))).contains("Saved the changes");
        awaitActivity(tenant, 12);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    /** Activity rows are written asynchronously, milliseconds after their change: wait for them before looking. */
    private void awaitActivity(Tenant org, int rows) {
        // up to a minute: in one full run the rows took over 10 s to appear (not reproduced, cause not found)
        long deadline = System.nanoTime() + java.time.Duration.ofMinutes(1).toNanos();
        while (activity.find(FindActivityQuery.latest(org.id(), 500)).items().size() < rows) {
            assertThat(System.nanoTime())
                    .as("%d activity rows within a minute", rows)
                    .isLessThan(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The summaries listed, once there are this many (the page may still be loading, rows may be arriving). */
    private List<String> summaries(int expected) {
        try {
            browser.waitUntil(d -> summaries().size() == expected);
        } catch (org.openqa.selenium.TimeoutException e) {
            assertThat(summaries()).hasSize(expected);
        }
        return summaries();
    }

    /** The summaries listed, newest first, read in one go (rows may be arriving). */
    @SuppressWarnings("unchecked")
    private List<String> summaries() {
        return (List<String>) browser.script("return Array.from(document.querySelectorAll("
                + "'#activity-rows .summary-link')).map(link => link.textContent.trim());");
    }

    @SuppressWarnings("unchecked")
    private List<String> rowValues(String selector) {
        return (List<String>) browser.script(
                "return Array.from(document.querySelectorAll(arguments[0])).map(e => e.textContent.trim());",
                "#activity-rows " + selector);
    }

    private void waitForLive() {
        browser.waitUntil(
                d -> "live".equals(browser.find(By.id("activity-live")).getAttribute("data-state")));
    }

    @Test
    void rendersTheTimelineWhoDidWhatAboutWhomAndOpensAnActionsDetails() {
        browser.open(tenant.path("/members"));
        browser.submit(By.linkText("Activity"));
        assertThat(browser.path()).isEqualTo(tenant.path("/activity"));

        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Activity");
        assertThat(browser.find(By.linkText("Activity")).getAttribute("aria-current"))
                .isEqualTo("page");
        assertThat(summaries(12))
                .startsWith(
                        "Updated member Ada King (ada.lovelace@northwind.example): name.familyName",
                        "Added Linus Torvalds (linus.torvalds@northwind.example) to team Engineering",
                        "Pushed team Engineering",
                        "Provisioned member Linus Torvalds (linus.torvalds@northwind.example)",
                        "Issued a new SCIM secret token (any earlier one stops working)",
                        "Switched user provisioning on")
                .endsWith("Created organization Northwind Activity");
        // the times are UTC, and the column says so (also where the phone layout labels each cell)
        assertThat(browser.find(By.cssSelector("#activity-table thead th"))
                        .getAttribute("textContent")
                        .strip())
                .isEqualTo("When (UTC)");
        assertThat(browser.find(By.cssSelector("#activity-rows td.date")).getAttribute("data-label"))
                .isEqualTo("When (UTC)");
        List<String> who = rowValues(".actor-name");
        assertThat(who.get(0)).isEqualTo(tenant.adminEmail());
        assertThat(who.get(1)).isEqualTo("Okta (SCIM)");
        assertThat(who.get(11)).isEqualTo("System");
        assertThat(rowValues(".action-badge").subList(0, 4))
                .containsExactly("Member updated", "Member added to team", "Team pushed", "Member provisioned");
        WebElement oktaRow = browser.all(By.cssSelector("#activity-rows tr")).get(1);
        assertThat(oktaRow.findElements(By.cssSelector(".actor .okta-mark"))).hasSize(1);
        assertThat(oktaRow.findElement(By.cssSelector(".subject-link")).getText())
                .isEqualTo("Engineering");
        assertThat(browser.present(By.cssSelector(".pager"))).as("one page").isFalse();
        browser.screenshot("activity");

        // the summary is a link: the keyboard opens the details
        browser.find(By.cssSelector("#activity-rows .summary-link")).sendKeys(Keys.ENTER);
        browser.waitUntil(d -> browser.path().matches(".*/activity/\\d+"));
        assertThat(browser.text(By.tagName("h1"))).startsWith("Updated member Ada King");
        assertThat(browser.all(By.cssSelector("#action-changes tbody tr"))).hasSize(1);
        assertThat(browser.text(By.cssSelector("#action-changes tbody tr")))
                .contains("name.familyName")
                .contains("Lovelace")
                .contains("King");
        assertThat(browser.text(By.id("action-facts-side")))
                .contains(tenant.adminEmail())
                .contains("Admin")
                .contains("Request id")
                .contains("HeadlessChrome");
        // the moment right after this action: not after others stored later in the same millisecond
        String position = browser.find(By.id("page")).getAttribute("data-position");
        assertThat(browser.find(By.id("as-of-link")).getAttribute("href"))
                .contains("/audit?at=")
                .endsWith("&through=" + position);
        assertThat(browser.find(By.id("subject-history-link")).getAttribute("href"))
                .endsWith(tenant.path("/members/" + ada.value() + "/history"));
        browser.screenshot("activity-details");
        String details = browser.path();
        browser.submit(By.id("as-of-link"));
        assertThat(browser.text(By.id("past-organization-name")))
                .contains(", right after the event at position " + position + " in the store, rebuilt from");
        browser.open(details);

        browser.resize(Browser.PHONE);
        try {
            browser.open(tenant.path("/activity"));
            assertThat(browser.find(By.cssSelector("#activity-rows .summary-link"))
                            .isDisplayed())
                    .isTrue();
            browser.assertNoHorizontalScroll();
            browser.screenshotOfWindow("activity-phone");
        } finally {
            browser.resize(Browser.LAPTOP);
        }
    }

    @Test
    void filtersByWhoByActionAndByMemberOrTeam() {
        browser.open(tenant.path("/activity"));
        new Select(browser.find(By.id("activity-actor"))).selectByVisibleText("Okta (SCIM integration)");
        browser.waitUntil(d -> browser.path().contains("actor=okta"));
        browser.waitUntil(d -> rowValues(".actor-name").size() == 3);
        assertThat(rowValues(".actor-name")).containsOnly("Okta (SCIM)");

        new Select(browser.find(By.id("activity-action"))).selectByValue("team");
        browser.waitUntil(d -> browser.path().contains("action=team"));
        browser.waitUntil(d -> summaries().size() == 2);
        assertThat(rowValues(".action-badge")).containsExactly("Member added to team", "Team pushed");
        browser.screenshot("activity-filtered");

        // a name that could mean several: say so next to the field and offer them
        browser.open(tenant.path("/activity"));
        browser.type(By.id("activity-subject"), "g");
        browser.find(By.id("activity-subject")).sendKeys(Keys.ENTER);
        browser.waitUntil(d -> browser.present(By.id("activity-subject-error")));
        assertThat(browser.text(By.id("activity-subject-error")))
                .isEqualTo("3 members and teams match “g”: pick one, or type more of the name or email.");
        assertThat(browser.find(By.id("activity-subject")).getAttribute("aria-invalid"))
                .isEqualTo("true");
        assertThat(browser.all(By.cssSelector(".subject-choices a")))
                .extracting(WebElement::getText)
                .containsExactly("Grace Hopper (grace.hopper@northwind.example)", "Design", "Engineering");
        // the one Okta pushed carries its badge here too (rule 5)
        assertThat(browser.all(By.cssSelector(".subject-choices li")))
                .extracting(li -> li.findElement(By.tagName("a")).getText()
                        + (li.findElements(By.cssSelector(".subject-okta[aria-label=Okta]"))
                                        .isEmpty()
                                ? ""
                                : " [Okta]"))
                .containsExactly("Grace Hopper (grace.hopper@northwind.example)", "Design", "Engineering [Okta]");
        browser.screenshot("activity-subject-choices");
        browser.click(By.linkText("Grace Hopper (grace.hopper@northwind.example)"));
        browser.waitUntil(d -> browser.present(By.id("filter-subject")));
        assertThat(browser.text(By.id("filter-subject"))).contains("About Grace Hopper");
        assertThat(summaries(1)).containsExactly("Invited member Grace Hopper (grace.hopper@northwind.example)");

        // a name that means one: filtered at once, also the team changes about a member; the address then names that
        // member by id, so that a bookmark keeps meaning them once someone else answers to the name too
        browser.open(tenant.path("/activity?subject=ada.lovelace%40northwind.example"));
        assertThat(browser.text(By.id("filter-subject"))).contains("About Ada King");
        assertThat(rowValues(".action-badge"))
                .containsExactly("Member updated", "Member added to team", "Member invited");
        assertThat(browser.path()).contains("subject=" + ada.value()).doesNotContain("northwind.example");
        browser.open(tenant.path("/activity"));
        browser.type(By.id("activity-subject"), "ada.lovelace");
        browser.find(By.id("activity-subject")).sendKeys(Keys.ENTER);
        browser.waitUntil(d -> browser.present(By.id("filter-subject")));
        browser.waitUntil(d -> browser.path().contains("subject=" + ada.value()));
        browser.driver().navigate().refresh();
        assertThat(browser.text(By.id("filter-subject"))).contains("About Ada King");
        assertThat(browser.find(By.id("activity-subject")).getDomProperty("value"))
                .contains("Ada King");

        // one actor, from a row
        browser.open(tenant.path("/activity"));
        browser.click(By.cssSelector("#activity-rows .actor-name"));
        browser.waitUntil(d -> browser.present(By.id("filter-by")));
        assertThat(browser.text(By.id("filter-by"))).contains(tenant.adminEmail());
        assertThat(summaries(1)).hasSize(1);
    }

    @Test
    void theTimelineSaysItIsBehindWhileRecordingFailsAndNoLongerOnceAnActionIsRecorded() {
        Tenant org = scenery.alsoManagedBy(tenant, "Northwind Behind");
        scenery.invite(org, "Bea", "Hind");
        awaitActivity(org, 3);
        browser.open(org.path("/activity"));
        assertThat(browser.present(By.id("activity-behind"))).isFalse();

        // as the processor's error handler hears of an event it can not store (and passes it on to be retried)
        var failure = new IllegalStateException("Value too long for column \"NAME\": 'Secret Person'");
        assertThatThrownBy(() -> failures.onError(failure, GenericEventMessage.asEventMessage("an event"), null))
                .isSameAs(failure);
        browser.open(org.path("/activity"));
        assertThat(browser.text(By.id("activity-behind")))
                .contains("The timeline is behind")
                .doesNotContain("Secret Person");
        browser.screenshot("activity-behind");

        scenery.invite(org, "Cy", "Recovered");
        awaitActivity(org, 4);
        browser.open(org.path("/activity"));
        assertThat(browser.present(By.id("activity-behind"))).isFalse();
    }

    @Test
    void whatChangedWrapsALongEmailWithinItsCardAtTheNarrowestPhoneWidth() {
        Tenant org = scenery.alsoManagedBy(tenant, "Narrow Changes Activity");
        MemberId member = scenery.invite(org, "Nora", "Narrow");
        scenery.changeEmail(org, member, "nora.narrow-renamed-for-the-audit@northwind.example");
        browser.open(org.path("/activity"));
        browser.waitUntil(d -> summaries().stream().anyMatch(summary -> summary.startsWith("Updated member")));
        browser.click(By.xpath("//a[contains(@class,'summary-link')][starts-with(., 'Updated member')]"));
        browser.waitUntil(d -> browser.present(By.id("action-changes")));
        browser.resize(new org.openqa.selenium.Dimension(320, 800));
        try {
            @SuppressWarnings("unchecked")
            List<String> outside = (List<String>) browser.script("const card = document.getElementById("
                    + "'action-changes').getBoundingClientRect();"
                    + " return Array.from(document.querySelectorAll('#action-changes :is(ins, del, code)'))"
                    + ".filter(e => e.getBoundingClientRect().right > card.right + 0.5).map(e => e.textContent);");
            assertThat(outside).as("cut off at the card's right edge").isEmpty();
            browser.assertNoHorizontalScroll();
            browser.screenshotOfWindow("activity-details-narrow");
        } finally {
            browser.resize(Browser.LAPTOP);
        }
    }

    @Test
    void anActionsDetailsShowEveryValueBesideAnExtensionsLongAttributeName() {
        Tenant org = scenery.alsoManagedBy(tenant, "Northwind Extension");
        scenery.provisioningOn(org);
        scenery.oktaMember(
                org,
                Fixtures.OKTA,
                "grace.hopper@northwind.example",
                PersonName.of("Grace", "Hopper"),
                "Grace Hopper",
                Map.of(
                        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
                        Map.of("department", "Navy Research", "employeeNumber", "1906")));
        browser.waitUntil(d -> activity.find(FindActivityQuery.latest(org.id(), 1)).items().stream()
                .anyMatch(row -> row.summary().startsWith("Provisioned member Grace Hopper")));
        browser.open(org.path("/activity"));
        browser.click(By.cssSelector("#activity-rows .summary-link"));
        browser.waitUntil(d -> browser.path().matches(".*/activity/\\d+"));
        assertThat(browser.text(By.tagName("h1"))).startsWith("Provisioned member Grace Hopper");
        try {
            for (Dimension width : List.of(Browser.LAPTOP, new Dimension(861, 900), Browser.PHONE)) {
                browser.resize(width);
                browser.assertNoHorizontalScroll();
                // each value beside its name, on screen and wide enough for a word: a name that took the list's
                // whole width left its value none, pushed off to the right
                assertThat(browser.script("return Array.from(document.querySelectorAll('.facts dd'))"
                                + ".filter(dd => { const r = dd.getBoundingClientRect();"
                                + " return r.width < 40 || r.right > innerWidth; })"
                                + ".map(dd => dd.previousElementSibling.textContent);"))
                        .as("names whose value is hidden or squeezed at " + width)
                        .asList()
                        .isEmpty();
                assertThat(browser.text(By.id("action-facts")))
                        .contains("Navy Research")
                        .contains("1906");
                // the long name wraps after a dot or colon, never inside one of its names
                String department = "profile.urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department";
                Browser.Wrapping wrapping = browser.wrapping(".facts dt code", department, ".:", "");
                assertThat(wrapping.elsewhere()).as("at " + width).isEmpty();
                if (width.equals(Browser.PHONE)) {
                    assertThat(wrapping.mostLines()).as("wrapped on a phone").isGreaterThan(1);
                }
            }
        } finally {
            browser.resize(Browser.LAPTOP);
        }
    }

    @Test
    void longNamesWrapAndAnOrdinaryEmailStaysOnOneLine() {
        Tenant org = scenery.alsoManagedBy(tenant, "Northwind Long Activity");
        MemberId member =
                scenery.invite(org, "long.member@northwind.example", PersonName.of("G".repeat(250), "F".repeat(250)));
        TeamId team = scenery.team(org, "Team" + "t".repeat(250), member);
        browser.open(org.path("/teams/" + team.value()));
        browser.openDialog(By.id("rename-team-button"), "rename-dialog");
        browser.type(By.id("rename-name"), "Team" + "u".repeat(250));
        browser.submit(By.cssSelector("button[form=rename-form]"));
        awaitActivity(org, 6);

        browser.open(org.path("/activity"));
        assertThat(summaries(6).get(0)).startsWith("Renamed team Team");
        browser.assertNothingScrollsSideways();
        assertThat(browser.script("return new Set(Array.from(document.querySelector('#activity-rows .actor-name')"
                        + ".getClientRects()).map(box => Math.round(box.top))).size;"))
                .as("the admin's email on one line, not broken")
                .isEqualTo(1L);
        browser.screenshot("activity-long-names");
        // beside the sections' column down to its narrowest, and down to the narrowest table before cards
        try {
            for (int width : List.of(1101, 1000, 861, 641)) {
                browser.resize(new Dimension(width, 900));
                browser.open(org.path("/activity"));
                browser.assertNothingScrollsSideways();
            }
        } finally {
            browser.resize(Browser.LAPTOP);
        }

        browser.open(org.path("/activity?subject=" + member.value()));
        assertThat(browser.text(By.id("filter-subject"))).startsWith("About GGG");
        browser.assertNothingScrollsSideways();
    }

    @Test
    void aNameThatMeansMoreThanAreListedSaysSoAndThePickedOneIsShownByItsName() {
        Tenant org = scenery.alsoManagedBy(tenant, "Northwind Many Matches");
        for (int i = 1; i <= 8; i++) {
            scenery.invite(org, "Okta0", "Tester" + i);
        }
        awaitActivity(org, 10);
        browser.open(org.path("/activity"));
        browser.type(By.id("activity-subject"), "okta0");
        browser.find(By.id("activity-subject")).sendKeys(Keys.ENTER);
        browser.waitUntil(d -> browser.present(By.id("activity-subject-error")));
        assertThat(browser.text(By.id("activity-subject-error")))
                .isEqualTo("8 members and teams match “okta0”, 6 of them listed: pick one, or type more of the name or"
                        + " email.");
        assertThat(browser.all(By.cssSelector(".subject-choices a"))).hasSize(6);

        String label = "Okta0 Tester1 (okta0.tester1@northwind.example)";
        browser.click(By.linkText(label));
        browser.waitUntil(d -> browser.present(By.id("filter-subject")));
        assertThat(browser.text(By.id("filter-subject"))).contains("About " + label);
        assertThat(browser.find(By.id("activity-subject")).getDomProperty("value"))
                .as("the name picked, not its id")
                .isEqualTo(label);
        assertThat(summaries(1)).containsExactly("Invited member " + label);

        // applied again as it is, the field still means the one picked
        browser.click(By.cssSelector("#activity-filters button[type=submit]"));
        browser.waitUntil(d -> browser.path().contains("picked="));
        browser.waitUntil(d -> browser.present(By.id("filter-subject")));
        assertThat(browser.text(By.id("filter-subject"))).contains("About " + label);
        assertThat(summaries(1)).containsExactly("Invited member " + label);

        // a name typed over it is looked up instead
        browser.type(By.id("activity-subject"), "okta0.tester2@northwind.example");
        browser.find(By.id("activity-subject")).sendKeys(Keys.ENTER);
        browser.waitUntil(d -> browser.text(By.id("filter-subject")).contains("Tester2"));
        assertThat(summaries(1)).containsExactly("Invited member Okta0 Tester2 (okta0.tester2@northwind.example)");
    }

    @Test
    void whatOktaProvisionedCarriesItsBadgeAlsoAsTheSubjectOfAnAction() {
        browser.open(tenant.path("/activity"));
        @SuppressWarnings("unchecked")
        List<String> badged = (List<String>) browser.script("return Array.from(document.querySelectorAll("
                + "'#activity-rows td[data-label=About]')).filter(cell => cell.querySelector('.subject-okta'))"
                + ".map(cell => cell.querySelector('.subject-link').textContent.trim());");
        assertThat(badged).isNotEmpty().allMatch(name -> name.contains("Linus") || name.contains("Engineering"));
        assertThat(badged).anyMatch(name -> name.contains("Engineering"));
        @SuppressWarnings("unchecked")
        List<String> plain = (List<String>) browser.script("return Array.from(document.querySelectorAll("
                + "'#activity-rows td[data-label=About]')).filter(cell => !cell.querySelector('.subject-okta'))"
                + ".map(cell => cell.querySelector('.subject-link').textContent.trim());");
        assertThat(plain).anyMatch(name -> name.contains("Ada")).noneMatch(name -> name.contains("Linus"));
    }

    @Test
    void oktasActionsAreThoseOfEverySecretTokenItUsedAndOneTokensAreOneLinkFurther() {
        Tenant org = scenery.alsoManagedBy(tenant, "Two Tokens Activity");
        scenery.provisioningOn(org);
        scenery.oktaMember(org, "Una", "Early");
        CommandContext laterToken = new CommandContext(
                Actor.identityProvider(new CredentialId("test-credential-regenerated")),
                null,
                "Okta SCIM Client 1.0.0");
        scenery.oktaMember(org, laterToken, "Ida", "Later");
        browser.open(org.path("/activity"));
        browser.waitUntil(d -> summaries().stream().anyMatch(summary -> summary.contains("Ida Later"))
                && summaries().stream().anyMatch(summary -> summary.contains("Una Early")));

        // Okta in the Who column: every action of the integration, whichever Secret Token it used
        browser.click(By.cssSelector("#activity-rows .actor-name"));
        browser.waitUntil(d -> browser.path().contains("actor=okta"));
        browser.waitUntil(d -> summaries().size() == 2);
        assertThat(summaries()).anyMatch(summary -> summary.contains("Una Early"));
        assertThat(summaries()).anyMatch(summary -> summary.contains("Ida Later"));

        // an action's details: all of Okta's, or those made with the token this one was
        browser.click(By.xpath("//a[contains(@class,'summary-link')][contains(., 'Una Early')]"));
        browser.waitUntil(d -> browser.present(By.id("token-actions-link")));
        assertThat(browser.find(By.id("actor-actions-link")).getText()).isEqualTo("All actions by Okta (SCIM)");
        assertThat(browser.find(By.id("actor-actions-link")).getAttribute("href"))
                .endsWith("/activity?actor=okta");
        browser.click(By.id("token-actions-link"));
        browser.waitUntil(d -> browser.present(By.id("filter-by")));
        assertThat(browser.text(By.id("filter-by"))).contains("Okta (SCIM) with one Secret Token");
        browser.waitUntil(d -> summaries().size() == 1);
        assertThat(summaries().get(0)).contains("Una Early");
    }

    @Test
    void newCredentialsAndSwitchingOffLeadToTheActionsMadeWithTheTokenThatStoppedWorking() throws InterruptedException {
        Tenant org = scenery.alsoManagedBy(tenant, "Regenerated Activity");
        IssuedCredentials first = scenery.provisioningOn(org);
        scenery.oktaMember(org, okta(first), "Olga", "Old");
        IssuedCredentials second = scenery.newCredentials(org);
        scenery.oktaMember(org, okta(second), "Nina", "New");
        scenery.provisioningOff(org);
        browser.open(org.path("/activity"));
        browser.waitUntil(
                d -> summaries().stream().anyMatch(summary -> summary.startsWith("Switched user provisioning off")));

        // regenerated: the token it replaced and the one it issued are each one link away
        browser.click(
                By.xpath("//a[contains(@class,'summary-link')][contains(., 'the one it replaces stops working')]"));
        browser.waitUntil(d -> browser.present(By.id("revoked-token-actions-link")));
        assertThat(browser.text(By.id("action-facts")))
                .contains(first.credentialId().value())
                .contains(second.credentialId().value())
                .doesNotContain(first.secretToken().reveal())
                .doesNotContain(second.secretToken().reveal());
        String regenerated = browser.path();
        browser.click(By.id("revoked-token-actions-link"));
        browser.waitUntil(d -> browser.present(By.id("filter-by")));
        assertThat(summaries()).containsExactly("Provisioned member Olga Old (olga.old@northwind.example)");
        browser.open(regenerated);
        browser.click(By.id("issued-token-actions-link"));
        browser.waitUntil(d -> browser.present(By.id("filter-by")));
        assertThat(summaries()).containsExactly("Provisioned member Nina New (nina.new@northwind.example)");

        // switched off: the token that stopped working then
        browser.open(org.path("/activity"));
        browser.click(
                By.xpath("//a[contains(@class,'summary-link')][starts-with(., 'Switched user provisioning off')]"));
        browser.waitUntil(d -> browser.present(By.id("revoked-token-actions-link")));
        assertThat(browser.present(By.id("issued-token-actions-link"))).isFalse();
        browser.click(By.id("revoked-token-actions-link"));
        browser.waitUntil(d -> browser.present(By.id("filter-by")));
        assertThat(summaries()).containsExactly("Provisioned member Nina New (nina.new@northwind.example)");

        // a token issued that has made no action yet: the link to its actions is an empty timeline, not a bad link
        IssuedCredentials unused = scenery.provisioningOn(org);
        // its issue on the timeline, whose details link to it
        String issued = "\"" + unused.credentialId().value() + "\"";
        long deadline = System.nanoTime() + java.time.Duration.ofMinutes(1).toNanos();
        while (activity.find(FindActivityQuery.latest(org.id(), 500)).items().stream()
                .noneMatch(row -> String.valueOf(row.details()).contains(issued))) {
            assertThat(System.nanoTime()).as("the issue on the timeline").isLessThan(deadline);
            Thread.sleep(100);
        }
        Browser.Fetched none =
                browser.fetch(org.path("/activity?by=" + unused.credentialId().value()));
        assertThat(none.status()).isEqualTo(200);
        assertThat(none.body()).doesNotContain("This link is not right");
    }

    private static CommandContext okta(IssuedCredentials credentials) {
        return new CommandContext(Actor.identityProvider(credentials.credentialId()), null, "Okta SCIM Client 1.0.0");
    }

    @Test
    void whatOktaTookOverKeepsItsBadgeAfterItIsDeleted() {
        Tenant org = scenery.alsoManagedBy(tenant, "Northwind Take-overs");
        MemberId tom = scenery.invite(org, "Tom", "Taken");
        TeamId team = scenery.team(org, "Taken team");
        scenery.invite(org, "Pat", "Plain");
        scenery.provisioningOn(org);
        // deleted over SCIM, each taken over first
        scenery.oktaDeletes(org, tom);
        scenery.oktaDeletes(org, team);
        awaitActivity(org, 11);

        browser.open(org.path("/activity"));
        @SuppressWarnings("unchecked")
        List<String> badged = (List<String>) browser.script("return Array.from(document.querySelectorAll("
                + "'#activity-rows td[data-label=About]')).filter(cell => cell.querySelector('.subject-okta'))"
                + ".map(cell => cell.querySelector('.subject-link').textContent.trim());");
        assertThat(badged)
                .anyMatch(name -> name.contains("Tom Taken"))
                .anyMatch(name -> name.contains("Taken team"))
                .noneMatch(name -> name.contains("Pat Plain"));
        assertThat(rowValues(".action-badge"))
                .containsSubsequence(
                        "Team deleted", "Team taken over by Okta", "Member deprovisioned", "Member taken over by Okta");
    }

    @Test
    void aMemberWhoIsGoneIsFoundByTheNameTheTimelineGaveThem() {
        Tenant org = scenery.alsoManagedBy(tenant, "Northwind Departures");
        MemberId dan = scenery.invite(org, "Dan", "Brown");
        scenery.invite(org, "Erin", "Stone");
        scenery.remove(org, dan);
        // created, its admin added, two invited, one deleted
        awaitActivity(org, 5);

        browser.open(org.path("/activity?subject=dan+brown"));

        assertThat(browser.text(By.id("filter-subject")))
                .contains("About Dan Brown (dan.brown@northwind.example) (deleted)");
        assertThat(browser.path()).as("named by id from then on").contains("subject=" + dan.value());
        assertThat(rowValues(".action-badge")).containsExactly("Member deleted", "Member invited");

        // someone who came since under a name that matches too: both are offered, not the one still here alone
        scenery.invite(org, "Dan", "Bright");
        awaitActivity(org, 6);
        browser.open(org.path("/activity?subject=dan"));
        browser.waitUntil(d -> browser.present(By.id("activity-subject-error")));
        assertThat(browser.text(By.id("activity-subject-error")))
                .isEqualTo("2 members and teams match “dan”: pick one, or type more of the name or email.");
        assertThat(browser.all(By.cssSelector(".subject-choices a")))
                .extracting(WebElement::getText)
                .containsExactly(
                        "Dan Bright (dan.bright@northwind.example)",
                        "Dan Brown (dan.brown@northwind.example) (deleted)");
        assertThat(browser.present(By.id("filter-subject"))).isFalse();

        // a rehire: the same name, typed in full, means either of them
        scenery.invite(org, "Dan", "Brown");
        awaitActivity(org, 7);
        browser.open(org.path("/activity?subject=Dan+Brown"));
        browser.waitUntil(d -> browser.present(By.id("activity-subject-error")));
        assertThat(browser.all(By.cssSelector(".subject-choices a")))
                .extracting(WebElement::getText)
                .containsExactly(
                        "Dan Brown (dan.brown@northwind.example)", "Dan Brown (dan.brown@northwind.example) (deleted)");
    }

    @Test
    void aDeletedMemberWhoWasInATeamIsNamedByTheTimelineNotByTheirId() {
        Tenant org = scenery.alsoManagedBy(tenant, "Northwind Leavers");
        TeamId crew = scenery.team(org, "Crew");
        MemberId fay = scenery.invite(org, "Fay", "Gone", crew);
        scenery.remove(org, fay);
        // the member's newest rows are then its removal from the team, whose subject is the team
        long deadline = System.nanoTime() + java.time.Duration.ofMinutes(1).toNanos();
        while (activity
                .find(new FindActivityQuery(org.id(), null, null, null, fay.value(), null, null, null, 10))
                .items()
                .stream()
                .noneMatch(row -> row.action().equals("team.member-removed"))) {
            assertThat(System.nanoTime())
                    .as("the removal from the team within a minute")
                    .isLessThan(deadline);
            java.util.concurrent.locks.LockSupport.parkNanos(50_000_000);
        }

        browser.open(org.path("/activity?subject=" + fay.value()));

        assertThat(browser.text(By.id("filter-subject")))
                .contains("About Fay Gone (fay.gone@northwind.example) (deleted)");
        assertThat(rowValues(".action-badge")).contains("Member deleted", "Member invited");
    }

    @Test
    void aRenamedTeamOrMemberIsFoundByAFormerNameAlsoOnceAnotherHasIt() {
        Tenant org = scenery.alsoManagedBy(tenant, "Northwind Renames");
        TeamId design = scenery.team(org, "Manual Design");
        scenery.renameTeam(org, design, "Design Crew");
        MemberId kim = scenery.invite(org, "Kim", "Old");
        scenery.changeEmail(org, kim, "kim.new@northwind.example");
        // created, its admin added, the team created and renamed, Kim invited and her email changed
        awaitActivity(org, 6);

        browser.open(org.path("/activity?subject=manual+design"));
        // found by the name it had; named by the one it has
        assertThat(browser.text(By.id("filter-subject"))).startsWith("About Design Crew");
        assertThat(browser.path()).as("named by id from then on").contains("subject=" + design.value());
        assertThat(rowValues(".action-badge")).containsExactly("Team renamed", "Team created");

        browser.open(org.path("/activity?subject=kim.old%40northwind"));
        assertThat(browser.text(By.id("filter-subject"))).startsWith("About Kim Old (kim.new@northwind.example)");
        assertThat(browser.path()).contains("subject=" + kim.value());

        // rule 8: the name is free again and another team takes it; both are offered, the one that has it now first
        TeamId newDesign = scenery.team(org, "Manual Design");
        awaitActivity(org, 7);
        browser.open(org.path("/activity?subject=Manual+Design"));
        browser.waitUntil(d -> browser.present(By.id("activity-subject-error")));
        assertThat(browser.text(By.id("activity-subject-error")))
                .isEqualTo("2 members and teams match “Manual Design”: pick one, or type more of the name or email.");
        assertThat(browser.all(By.cssSelector(".subject-choices a")))
                .extracting(WebElement::getText)
                .containsExactly("Manual Design", "Design Crew, formerly Manual Design");
        browser.click(By.linkText("Manual Design"));
        browser.waitUntil(d -> browser.path().contains("subject=" + newDesign.value()));
        assertThat(rowValues(".action-badge")).containsExactly("Team created");

        // renamed to a name that holds the former one: found by both, so the new "Ops" is not taken as the only one
        TeamId ops = scenery.team(org, "Ops");
        scenery.renameTeam(org, ops, "Ops Old");
        scenery.team(org, "Ops");
        awaitActivity(org, 10);
        browser.open(org.path("/activity?subject=Ops"));
        browser.waitUntil(d -> browser.present(By.id("activity-subject-error")));
        assertThat(browser.all(By.cssSelector(".subject-choices a")))
                .extracting(WebElement::getText)
                .containsExactlyInAnyOrder("Ops", "Ops Old, formerly Ops");
    }

    @Test
    void pagesToOlderActionsByCursor() {
        Tenant busy = scenery.alsoManagedBy(tenant, "Northwind Busy");
        for (int i = 1; i <= 30; i++) {
            scenery.invite(busy, "Person", "Number" + i);
        }
        awaitActivity(busy, 32);
        browser.open(busy.path("/activity"));
        assertThat(summaries(25).get(0)).startsWith("Invited member Person Number30");

        browser.click(By.linkText("Older actions"));
        browser.waitUntil(d -> browser.path().contains("before="));
        browser.waitUntil(d -> summaries().size() == 7);
        assertThat(summaries().get(0)).startsWith("Invited member Person Number5");
        assertThat(summaries()).last().isEqualTo("Created organization Northwind Busy");
        assertThat(browser.present(By.linkText("Older actions"))).isFalse();
        // the page's script says so once htmx has settled the older page
        browser.waitUntil(
                d -> !"live".equals(browser.find(By.id("activity-live")).getAttribute("data-state")));

        browser.click(By.linkText("Newest actions"));
        browser.waitUntil(d -> !browser.path().contains("before="));
        browser.waitUntil(d -> summaries().size() == 25);
    }

    @Test
    void pagesBackToNewerActionsOnePageAtATime() {
        Tenant busy = scenery.alsoManagedBy(tenant, "Northwind Busier");
        for (int i = 1; i <= 55; i++) {
            scenery.invite(busy, "Person", "Number" + i);
        }
        // 57 rows: the organization created, its admin added, 55 invitations; pages of 25
        awaitActivity(busy, 57);
        browser.open(busy.path("/activity"));
        assertThat(browser.present(By.id("newer-link")))
                .as("the newest page has none newer")
                .isFalse();
        browser.click(By.linkText("Older actions"));
        browser.waitUntil(
                d -> summaries().size() == 25 && summaries().get(0).startsWith("Invited member Person Number30"));
        browser.click(By.linkText("Older actions"));
        browser.waitUntil(d -> summaries().size() == 7);
        assertThat(summaries().get(0)).startsWith("Invited member Person Number5");

        // one page up: the 25 actions just above, not the newest ones
        browser.click(By.id("newer-link"));
        browser.waitUntil(
                d -> summaries().size() == 25 && summaries().get(0).startsWith("Invited member Person Number30"));
        assertThat(summaries().get(summaries().size() - 1)).startsWith("Invited member Person Number6");
        assertThat(browser.path()).contains("before=");
        String given = browser.path().replaceAll(".*before=(\\d+).*", "$1");
        // and up again: no more than a page above, so the newest page
        browser.click(By.id("newer-link"));
        browser.waitUntil(d -> !browser.path().contains("before="));
        browser.waitUntil(
                d -> summaries().size() == 25 && summaries().get(0).startsWith("Invited member Person Number55"));
        assertThat(browser.present(By.id("newer-link"))).isFalse();

        // a cursor no page gives (edited by hand) is a link that is not right, as a page number that is none is on
        // the lists, rather than the newest page shown as if it were the one asked for
        // (digits too: past the newest action, it would show the newest page labelled as older ones, not live)
        for (String cursor : List.of("abc", "1234567890123456789", "-5", "999999999")) {
            browser.open(busy.path("/activity?action=team.deleted&before=" + cursor));
            assertThat(browser.text(By.tagName("h1"))).as(cursor).isEqualTo("This link is not right");
        }
        // a cursor a page gave, with other filters: an older page, here empty
        browser.open(busy.path("/activity?action=team.deleted&before=" + given));
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Activity");
    }

    @Test
    void aPageOverTheAdminsLiveStreamCapSaysSoAndGoesLiveOnceAnotherStreamEnds() throws Exception {
        // an organization whose admin has no live stream open yet, signed in in the browser
        Tenant capped = scenery.organization("Northwind Capped");
        scenery.invite(capped, "Mary", "Jackson");
        awaitActivity(capped, 1);
        browser.open(tenant.path("/members"));
        browser.signOut();
        browser.signIn(capped.adminEmail(), Scenery.PASSWORD);
        // the admin's other live streams, as a script would hold them, up to the cap
        List<java.net.Socket> held = new java.util.ArrayList<>();
        try {
            while (true) {
                java.net.Socket socket = rawStream(capped);
                if (RawStreams.statusLine(socket).contains(" 429")) {
                    socket.close();
                    break;
                }
                held.add(socket);
                assertThat(held).as("streams before the cap").hasSizeLessThanOrEqualTo(16);
            }

            assertThat(held).as("streams open at once, by default").hasSize(16);

            browser.open(capped.path("/activity"));
            browser.waitUntil(d -> browser.text(By.id("activity-live")).contains("Live updates are paused"));
            assertThat(browser.text(By.id("activity-live")))
                    .contains("live Activity pages or streams open already")
                    .contains("goes live by itself soon after one of them is closed");
            assertThat(browser.find(By.id("activity-live")).getAttribute("data-state"))
                    .isEqualTo("paused");
            // the browser asks again on its own and is refused again: the page still says why
            Thread.sleep(12_000);
            assertThat(browser.text(By.id("activity-live"))).contains("Live updates are paused");

            // the script's streams close; each frees its place at its next write (here: a new action)
            for (java.net.Socket socket : held) {
                socket.close();
            }
            held.clear();
            scenery.invite(capped, "Christine", "Darden");
            browser.waitUntil(
                    java.time.Duration.ofSeconds(30),
                    d -> "live".equals(browser.find(By.id("activity-live")).getAttribute("data-state")));
            // the action made while it was paused is fetched once it is live, and the next ones come live
            browser.waitUntil(d -> String.join("\n", summaries()).contains("Christine Darden"));
            scenery.invite(capped, "Katherine", "Goble");
            browser.waitUntil(d -> String.join("\n", summaries()).contains("Katherine Goble"));
        } finally {
            for (java.net.Socket socket : held) {
                socket.close();
            }
            browser.open(capped.path("/members"));
            browser.signOut();
            browser.signIn(tenant.adminEmail(), Scenery.PASSWORD);
        }
    }

    /** A live stream of this organization opened by its admin over a plain socket, its answer not read yet. */
    private java.net.Socket rawStream(Tenant org) throws java.io.IOException {
        return RawStreams.open(
                port, "/api/orgs/" + org.id().value() + "/activity/stream", org.adminEmail(), Scenery.PASSWORD);
    }

    @Test
    void aNewActionAppearsLiveIfTheFiltersLetItThrough() {
        Tenant live = scenery.alsoManagedBy(tenant, "Northwind Live");
        awaitActivity(live, 2);
        browser.open(live.path("/activity"));
        waitForLive();
        int before = summaries(2).size();

        MemberId katherine = scenery.invite(live, "Katherine", "Johnson");
        // the row is written asynchronously (up to a minute here), then it arrives live, without a reload
        awaitActivity(live, 3);
        browser.waitUntil(d -> summaries().size() == before + 1);
        assertThat(summaries().get(0))
                .isEqualTo("Invited member Katherine Johnson (katherine.johnson@northwind.example)");
        assertThat(browser.text(By.id("activity-live")))
                .isEqualTo("New action: Invited member Katherine Johnson (katherine.johnson@northwind.example).");
        assertThat(browser.find(By.id("activity-live")).getAttribute("role")).isEqualTo("status");
        browser.screenshot("activity-live");

        // only what the filters let through arrives: here team actions, so not the member invited first
        browser.open(live.path("/activity?action=team"));
        waitForLive();
        assertThat(browser.present(By.id("activity-empty"))).isTrue();
        scenery.invite(live, "Dorothy", "Vaughan");
        scenery.team(live, "Computing", katherine);
        awaitActivity(live, 6);
        browser.waitUntil(d -> summaries().size() == 2);
        assertThat(summaries())
                .containsExactly(
                        "Added Katherine Johnson (katherine.johnson@northwind.example) to team Computing",
                        "Created team Computing");
        assertThat(browser.present(By.id("activity-empty"))).isFalse();
    }

    @Test
    void exportsTheFilteredTimelineAsCsvAndJson() throws Exception {
        browser.open(tenant.path("/activity?actor=okta"));
        String csvLink = browser.find(By.id("export-csv")).getAttribute("href");
        Browser.Fetched csv = browser.fetch(csvLink);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.disposition())
                .startsWith("attachment")
                .contains("activity-northwind-activity-")
                .contains(".csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).startsWith("position,occurredAt,actorKind,actorId,actorName,action");
        assertThat(browser.fetchFirstBytes(csvLink, 4))
                .as("UTF-8's byte order mark first, for spreadsheets, then the header")
                .containsExactly(0xEFL, 0xBBL, 0xBFL, (long) 'p');
        assertThat(lines).hasSize(4);
        assertThat(lines.subList(1, 4)).allMatch(line -> line.contains(",IDENTITY_PROVIDER,"));

        Browser.Fetched json = browser.fetch(browser.find(By.id("export-json")).getAttribute("href"));
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.contentType()).startsWith("application/json");
        assertThat(json.disposition()).contains(".json");
        JsonNode rows = JSON.readTree(json.body());
        assertThat(browser.fetchFirstBytes(browser.find(By.id("export-json")).getAttribute("href"), 1))
                .containsExactly((long) '[');
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).get("action").asText()).isEqualTo("team.member-added");
        assertThat(rows.findValuesAsText("actorKind")).containsOnly("IDENTITY_PROVIDER");

        // a format no link gives is no file of another format
        Browser.Fetched xml = browser.fetch(csvLink.replace("format=csv", "format=xml"));
        assertThat(xml.status()).isEqualTo(400);
        assertThat(xml.contentType()).startsWith("text/html");
        assertThat(xml.body()).contains("This link is not right");
        // nor is a page's cursor, which no export link carries (the whole timeline was exported, as if it were not
        // there)
        for (String cursor : List.of("abc", "-5", "", "1")) {
            Browser.Fetched paged = browser.fetch(csvLink + "&before=" + cursor);
            assertThat(paged.status()).as(cursor).isEqualTo(400);
            assertThat(paged.body()).as(cursor).contains("This link is not right");
        }
    }

    @Test
    void badFiltersAreExplainedNextToTheirFieldsAndNothingBreaks() {
        browser.open(tenant.path("/activity?from=yesterday&action=member.invited&actor=okta"));
        assertThat(browser.text(By.id("activity-from-error")))
                .isEqualTo("“yesterday” is not a date and time. Pick one, or write it like 2026-01-05 14:30 (UTC).");
        assertThat(browser.find(By.id("activity-from")).getAttribute("aria-invalid"))
                .isEqualTo("true");
        assertThat(browser.find(By.id("activity-from")).getAttribute("aria-describedby"))
                .isEqualTo("activity-from-error");
        assertThat(browser.text(By.id("activity-results-status"))).contains("Fix the filters above");
        assertThat(browser.present(By.id("activity-rows"))).isFalse();
        assertThat(browser.present(By.id("export-csv"))).isFalse();
        assertThat(browser.text(By.tagName("body"))).doesNotContain("Exception").doesNotContain("Whitelabel");
        assertThat(browser.fetch(browser.path()).status()).isEqualTo(422);
        browser.screenshot("activity-bad-filters");
        // an actor or action no list of the page gives comes from an edited link: said so, as on the other pages
        for (String edited : List.of(
                "action=member.exploded",
                "actor=bogus",
                "from=yesterday&action=bogus",
                // an id of no member or team the organization has or had (it was shown as "About <id>")
                "subject=00000000-0000-0000-0000-000000000000",
                // an id of no one who acted here and of no token issued here (an empty timeline "by" it)
                "by=abc",
                "by=00000000-0000-0000-0000-000000000000",
                "by=" + "x".repeat(201))) {
            Browser.Fetched refused = browser.fetch(tenant.path("/activity?" + edited));
            assertThat(refused.status()).as(edited).isEqualTo(400);
            assertThat(refused.body()).as(edited).contains("This link is not right");
        }
        assertThat(browser.fetch(tenant.path("/activity?action=MEMBER.INVITED&actor=Admin"))
                        .status())
                .isEqualTo(200);
        assertThat(browser.fetch(tenant.path("/activity?subject=" + tenant.id().value()))
                        .status())
                .as("the organization's own actions")
                .isEqualTo(200);

        // a range that ends before it starts, sent by the form (htmx): the message replaces the results
        browser.open(tenant.path("/activity"));
        browser.script("document.getElementById('activity-from').value = '2026-03-02T10:00:00';"
                + "document.getElementById('activity-to').value = '2026-03-01T10:00:00';");
        browser.click(By.cssSelector("#activity-filters button[type=submit]"));
        browser.waitUntil(d -> browser.present(By.id("activity-to-error")));
        assertThat(browser.text(By.id("activity-to-error"))).isEqualTo("Choose a moment after the start of the range.");
        // as with a form sent back with an error: the focus on the refused field, whose error is read with it
        browser.waitUntil(d ->
                "activity-to".equals(browser.driver().switchTo().activeElement().getAttribute("id")));
        assertThat(browser.present(By.cssSelector(".flash-alert"))).isFalse();
        assertThat(browser.pageProblems()).isEmpty();
    }
}
