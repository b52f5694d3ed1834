package com.controlpanel.provisioning.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.domain.api.MemberId;
import com.controlpanel.provisioning.domain.api.TeamId;
import com.controlpanel.provisioning.testing.ApplicationTest;
import com.controlpanel.provisioning.ui.Scenery.Tenant;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Audit replay: the history of a member, a team and of User provisioning; the organization as of an earlier moment,
 * with its banner; the operator's rebuild with its progress and verification, refused to anyone else.
 */
@ExtendWith(ChromiumAvailable.class)
@ApplicationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditReplayScreensTest {

    private static final DateTimeFormatter FIELD = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern(
                    "d MMM yyyy, HH:mm:ss.SSS 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    private Browser browser;
    private Scenery scenery;
    private Tenant tenant;
    private MemberId ada;
    private MemberId grace;
    private MemberId hedy;
    private TeamId design;
    private Instant beforeTheChanges;
    private String signedInAs;

    /**
     * An organization with Ada in the team Design; then, a moment later, Grace invited, Hedy invited and deleted,
     * Design renamed, Ada taken out of it and deactivated, the organization renamed, provisioning switched on.
     */
    @BeforeAll
    void start() throws InterruptedException {
        scenery = new Scenery(context);
        tenant = scenery.organization("Northwind Replay");
        ada = scenery.invite(tenant, "Ada", "Lovelace");
        design = scenery.team(tenant, "Design", ada);
        Thread.sleep(20);
        beforeTheChanges = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Thread.sleep(20);
        grace = scenery.invite(tenant, "Grace", "Hopper");
        hedy = scenery.invite(tenant, "Hedy", "Lamarr");
        scenery.remove(tenant, hedy);
        scenery.renameTeam(tenant, design, "Product Design");
        scenery.removeFromTeam(tenant, design, ada);
        scenery.deactivate(tenant, ada);
        scenery.renameOrganization(tenant, "Northwind Replay Ltd");
        scenery.provisioningOn(tenant);
        browser = Browser.start(port);
    }

    @BeforeEach
    void signedInAsTheAdmin() {
        signIn(tenant.adminEmail(), Scenery.PASSWORD);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    private void signIn(String email, String password) {
        if (email.equals(signedInAs)) {
            return;
        }
        browser.open("/login");
        browser.driver().manage().deleteAllCookies();
        browser.signIn(email, password);
        signedInAs = email;
    }

    @SuppressWarnings("unchecked")
    private List<String> texts(String selector) {
        return (List<String>) browser.script(
                "return Array.from(document.querySelectorAll(arguments[0])).map(e => e.textContent.trim());", selector);
    }

    @Test
    void showsAMembersHistoryFromTheEventStore() {
        browser.open(tenant.path("/members/" + ada.value()));
        browser.submit(By.id("member-history-link"));
        assertThat(browser.path()).endsWith("/history");

        assertThat(browser.text(By.tagName("h1"))).isEqualTo("History of Ada Lovelace");
        assertThat(browser.text(By.id("history-summary"))).startsWith("2 events");
        assertThat(texts(".history-entry .entry-title")).containsExactly("Invited in the Control Panel", "Deactivated");
        assertThat(texts(".history-entry code")).contains("MemberProvisioned", "MemberDeactivated");
        WebElement first = browser.find(By.cssSelector(".history-entry"));
        assertThat(first.getText()).contains("By System");
        first.findElement(By.tagName("summary")).click();
        assertThat(first.findElement(By.cssSelector("pre.json")).getText())
                .contains("\"userName\" : \"ada.lovelace@northwind.example\"")
                .contains("\"source\" : \"MANUAL\"");
        assertThat(first.findElement(By.cssSelector(".as-of-link")).getAttribute("href"))
                .contains(tenant.path("/audit?at="));
        browser.screenshot("history-member");

        // a deleted member keeps its history, and the page says how it ended
        browser.open(tenant.path("/members/" + hedy.value() + "/history"));
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("History of Hedy Lamarr");
        assertThat(browser.text(By.id("history-gone"))).startsWith("This member no longer exists.");
        assertThat(texts(".history-entry .entry-title"))
                .containsExactly("Invited in the Control Panel", "Deleted by an admin");
        // its name in the trail is no link (it has no page): as far from the divider after it as a link is
        assertThat(browser.find(By.cssSelector("nav[aria-label=breadcrumb] li:nth-child(2)"))
                        .findElements(By.tagName("a")))
                .isEmpty();
        @SuppressWarnings("unchecked")
        List<Number> gaps = (List<Number>)
                browser.script("const items = document.querySelectorAll('nav[aria-label=breadcrumb] li');"
                        + "function textEdge(li, end) { const r = document.createRange();"
                        + " r.selectNodeContents(li.querySelector('a, span')); const b = r.getBoundingClientRect();"
                        + " return end ? b.right : b.left; }"
                        + "return [0, 1].map(i => textEdge(items[i + 1], false) - textEdge(items[i], true));");
        assertThat(gaps.get(1).doubleValue())
                .as("the gap after the name (a span) against the one after Members (a link): " + gaps)
                .isCloseTo(gaps.get(0).doubleValue(), org.assertj.core.data.Offset.offset(1.5));
    }

    @Test
    void theHistoryOfAMemberOrTeamFromOktaCarriesTheOktaBadgeAlsoOnceDeleted() {
        // an organization of its own (another of this admin's would put the switcher in the top bar of the others)
        Tenant pushed = scenery.organization("Northwind Pushed");
        signIn(pushed.adminEmail(), Scenery.PASSWORD);
        scenery.provisioningOn(pushed);
        MemberId linus = scenery.oktaMember(pushed, "Linus", "Okta");
        MemberId margaret = scenery.oktaMember(pushed, "Margaret", "Okta");
        TeamId platform = scenery.oktaTeam(pushed, "Platform", linus, margaret);
        scenery.oktaDeletes(pushed, margaret);

        for (String history : List.of(
                "/members/" + linus.value() + "/history",
                "/members/" + margaret.value() + "/history",
                "/teams/" + platform.value() + "/history")) {
            browser.open(pushed.path(history));
            assertThat(browser.present(By.cssSelector(".page-header .okta-badge")))
                    .as("rule 5: " + history)
                    .isTrue();
        }
        // the team's history names each member its events are about; one deleted since by its last name, said so
        assertThat(texts(".history-entry .entry-member"))
                .contains("Member: Linus Okta", "Member: Margaret Okta (deleted)")
                .doesNotContain("Member: Margaret Okta");
        assertThat(browser.find(By.cssSelector(".entry-member a")).getAttribute("href"))
                .endsWith("/members/" + linus.value() + "/history");
        // who acted, said once: the Okta mark and its name, no "(SCIM integration)" after "Okta (SCIM)"
        assertThat(texts(".history-entry .entry-who"))
                .isNotEmpty()
                .allSatisfy(who -> assertThat(who.replaceAll("\\s+", " "))
                        .startsWith("By Okta (SCIM) · ")
                        .doesNotContain("integration"));
    }

    @Test
    void showsATeamsHistoryAndTheHistoryOfUserProvisioning() {
        browser.open(tenant.path("/teams/" + design.value()));
        browser.submit(By.id("team-history-link"));
        assertThat(browser.path()).endsWith("/history");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("History of Product Design");
        assertThat(texts(".history-entry .entry-title"))
                .containsExactly("Created in the Control Panel", "Member added", "Renamed", "Member removed");
        assertThat(texts(".history-entry .entry-member"))
                .containsExactly("Member: Ada Lovelace", "Member: Ada Lovelace");
        assertThat(browser.find(By.cssSelector(".entry-member a")).getAttribute("href"))
                .endsWith(tenant.path("/members/" + ada.value() + "/history"));
        assertThat(browser.present(By.cssSelector(".page-header .avatar"))).isTrue();
        assertThat(browser.present(By.cssSelector(".page-header .okta-badge")))
                .as("created in the Control Panel")
                .isFalse();
        browser.screenshot("history-team");

        browser.open(tenant.path("/settings/provisioning"));
        browser.submit(By.id("provisioning-history-link"));
        assertThat(browser.path()).isEqualTo(tenant.path("/audit/provisioning"));
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("History of User provisioning");
        assertThat(browser.find(By.linkText("Provisioning history")).getAttribute("aria-current"))
                .isEqualTo("page");
        assertThat(texts(".history-entry .entry-title"))
                .containsExactly(
                        "Organization created",
                        "Admin added",
                        "Organization renamed",
                        "User provisioning switched on",
                        "New Secret Token issued");
        WebElement issued = browser.all(By.cssSelector(".history-entry")).get(4);
        issued.findElement(By.tagName("summary")).click();
        assertThat(issued.findElement(By.cssSelector("pre.json")).getText())
                .contains("\"tokenHash\" : \"(not shown)\"");
        browser.screenshot("history-provisioning");

        // a deleted or unknown member has no page, and says so in a page of the Control Panel
        browser.open(tenant.path("/members/" + MemberId.random().value() + "/history"));
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Page not found");
        assertThat(browser.text(By.tagName("main"))).contains("has no history in this organization");
    }

    @Test
    void theOrganizationAsOfAnEarlierMomentShowsThatStateUnderAPastBanner() {
        browser.open(tenant.path("/members"));
        browser.submit(By.linkText("Audit replay"));
        assertThat(browser.path()).isEqualTo(tenant.path("/audit"));
        assertThat(browser.text(By.id("as-of-intro"))).contains("Choose a moment");
        assertThat(browser.present(By.id("past-banner"))).isFalse();

        browser.script("document.getElementById('as-of-at').value = arguments[0];", FIELD.format(beforeTheChanges));
        browser.submit(By.cssSelector("#as-of-form button[type=submit]"));

        assertThat(browser.text(By.id("past-banner")))
                .contains("A past state, not the present.")
                .contains("This is Northwind Replay as it was on " + SHOWN.format(beforeTheChanges))
                .contains("Nothing here can be changed.");
        assertThat(browser.text(By.id("past-organization-name")))
                .as("named as it was then; the top bar names it as it is now")
                .startsWith("This is Northwind Replay as it was on");
        assertThat(browser.text(By.cssSelector(".topbar .org-name span:last-child")))
                .isEqualTo("Northwind Replay Ltd");
        assertThat(browser.driver().getTitle()).startsWith("Northwind Replay as of ");
        assertThat(browser.text(By.id("then-members"))).isEqualTo("1");
        assertThat(browser.text(By.id("then-provisioning"))).isEqualTo("Off");
        assertThat(texts("#then-members-list .identity-name")).containsExactly("Ada Lovelace");
        WebElement adaThen =
                browser.find(By.cssSelector("#then-members-list tr[data-member-id='" + ada.value() + "']"));
        assertThat(adaThen.findElement(By.cssSelector(".status")).getText()).isEqualTo("Invited");
        assertThat(adaThen.findElements(By.cssSelector(".chip a")))
                .extracting(WebElement::getText)
                .containsExactly("Design");
        assertThat(texts("#then-teams-list .identity-name")).containsExactly("Design");
        assertThat(texts("#then-teams-list .member-count")).containsExactly("1 member");
        browser.screenshot("audit-as-of");

        // and now: Grace is there, Design is renamed and Ada out of it and deactivated
        browser.script(
                "document.getElementById('as-of-at').value = arguments[0];",
                FIELD.format(Instant.now().minusMillis(1)));
        browser.submit(By.cssSelector("#as-of-form button[type=submit]"));
        assertThat(texts("#then-members-list .identity-name")).containsExactly("Ada Lovelace", "Grace Hopper");
        assertThat(browser.find(By.cssSelector("#then-members-list tr[data-member-id='" + ada.value() + "'] .status"))
                        .getText())
                .isEqualTo("Deactivated");
        assertThat(browser.present(By.cssSelector("#then-members-list tr[data-member-id='" + grace.value() + "']")))
                .isTrue();
        assertThat(texts("#then-teams-list .identity-name")).containsExactly("Product Design");
        assertThat(texts("#then-teams-list .member-count")).containsExactly("0 members");
        assertThat(browser.text(By.id("then-provisioning"))).isEqualTo("On");

        browser.resize(Browser.PHONE);
        try {
            browser.open(tenant.path("/audit?at=" + beforeTheChanges));
            assertThat(browser.find(By.id("past-banner")).isDisplayed()).isTrue();
            browser.assertNoHorizontalScroll();
            browser.screenshotOfWindow("audit-as-of-phone");
        } finally {
            browser.resize(Browser.LAPTOP);
        }
    }

    @Test
    void aPagePastTheEndOfAPastStateOrAHistorySaysSoAndLinksToTheLastPage() {
        browser.open(tenant.path("/audit?at=" + beforeTheChanges + "&teams=500&members=500"));
        assertThat(browser.text(By.id("then-teams"))).isEqualTo("1");
        assertThat(browser.text(By.id("then-teams-list")))
                .contains("This page is past the end of the list")
                .doesNotContain("No teams at that moment");
        assertThat(browser.text(By.id("then-members-list")))
                .contains("This page is past the end of the list")
                .doesNotContain("No members at that moment");

        browser.open(tenant.path("/teams/" + design.value() + "/history?offset=900"));
        assertThat(browser.text(By.id("history-entries"))).contains("This page is past the end of the list");
        browser.click(By.linkText("Go to the last page"));
        browser.waitUntil(d -> !browser.path().contains("offset=900"));
        assertThat(browser.all(By.cssSelector(".history-entry"))).isNotEmpty();
    }

    @Test
    void aMomentThatIsNotOneOrNotInThePastIsExplainedNextToTheField() {
        browser.open(tenant.path("/audit?at=last%20tuesday"));
        assertThat(browser.text(By.id("as-of-at-error")))
                .isEqualTo("“last tuesday” is not a date and time. Pick one, or write it like 2026-01-05 14:30 (UTC).");
        assertThat(browser.find(By.id("as-of-at")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.present(By.id("past-banner"))).isFalse();
        assertThat(browser.fetch(browser.path()).status()).isEqualTo(422);
        browser.screenshot("audit-as-of-error");

        // opened without a moment it asks for one; sent without one, it says so at the field, which has the focus
        browser.open(tenant.path("/audit"));
        assertThat(browser.present(By.id("as-of-at-error"))).isFalse();
        browser.submit(By.cssSelector("#as-of-form button[type=submit]"));
        assertThat(browser.path()).isEqualTo(tenant.path("/audit?at="));
        assertThat(browser.text(By.id("as-of-at-error"))).startsWith("Enter a moment");
        assertThat(browser.find(By.id("as-of-at")).getAttribute("aria-invalid")).isEqualTo("true");
        browser.waitUntil(d ->
                "as-of-at".equals(browser.driver().switchTo().activeElement().getAttribute("id")));
        assertThat(browser.fetch(browser.path()).status()).isEqualTo(422);
        // also in a browser that runs no scripts: the refused field is marked to have the focus as the page loads
        browser.scripts(false);
        try {
            browser.open(tenant.path("/audit?at="));
            assertThat(browser.driver().switchTo().activeElement().getAttribute("id"))
                    .isEqualTo("as-of-at");
        } finally {
            browser.scripts(true);
        }

        browser.open(tenant.path("/audit?at=2999-01-01T00:00:00Z"));
        assertThat(browser.text(By.id("as-of-at-error"))).startsWith("That moment is still to come");
        // the moment asked for stays in the field, to be corrected
        assertThat(browser.find(By.id("as-of-at")).getAttribute("value")).isEqualTo("2999-01-01T00:00");

        // Java reads a moment a billion years ago; no database holds one
        browser.open(tenant.path("/audit?at=-999999999-01-01T00:00:00Z"));
        assertThat(browser.text(By.id("as-of-at-error")))
                .contains("is too far away")
                .contains("years 1 and 9999");

        browser.open(tenant.path("/audit?at=2000-01-01"));
        assertThat(browser.text(By.id("past-banner"))).contains("1 Jan 2000, 00:00:00.000 UTC");
        assertThat(browser.text(By.id("as-of-nothing"))).contains("The organization did not exist yet");
        // the banner says so too, rather than show it "as it was" then
        assertThat(browser.text(By.id("past-organization-name")))
                .startsWith("On 1 Jan 2000, 00:00:00.000 UTC, " + tenant.name())
                .endsWith(" did not exist yet: no event of it had happened.");

        // a position edited into the address that is no event of that moment: not claimed, and said so
        browser.open(tenant.path("/audit?at=" + beforeTheChanges + "&through=" + Long.MAX_VALUE));
        assertThat(browser.text(By.id("past-organization-name"))).doesNotContain("right after the event");
        assertThat(browser.text(By.id("through-ignored")))
                .isEqualTo("No event of this organization at that moment is at position " + Long.MAX_VALUE
                        + " in the store: every event of that millisecond is counted.");
        assertThat(texts("#then-members-list .identity-name")).containsExactly("Ada Lovelace");
    }

    @Test
    void theOperatorRebuildsTheReadModelsWithProgressAndVerification() {
        signIn(ApplicationTest.ADMIN, ApplicationTest.PASSWORD);
        browser.open(tenant.path("/audit"));
        browser.submit(By.linkText("Rebuild read models"));
        assertThat(browser.path()).isEqualTo(tenant.path("/audit/rebuild"));
        assertThat(browser.text(By.id("rebuild-start"))).contains("every organization");
        browser.screenshot("audit-rebuild-start");

        browser.submit(By.id("start-rebuild"));
        assertThat(browser.path()).matches(".*/audit/rebuild/[0-9a-f-]{36}");
        // the progress card replaces itself every 500 ms while the rebuild runs: read it through the retrying reads
        String barTag =
                browser.waitUntil(d -> browser.find(By.id("rebuild-bar")).getTagName());
        assertThat(barTag).isEqualTo("progress");
        awaitCompleted();
        // nothing above the verdict still says it has only started
        assertThat(browser.present(By.cssSelector(".flash-area .flash"))).isFalse();
        assertThat(browser.text(By.id("rebuild-counts"))).doesNotContain("keeps answering");
        // the rate of the whole rebuild, told apart from the replay's own below
        assertThat(browser.text(By.id("rebuild-counts")))
                .containsPattern("^[0-9,]+ of [0-9,]+ events \\(100%\\), [0-9,]+ events per second over the whole"
                        + " rebuild, in [0-9,]+ (ms|s)\\.");

        // the read models are as the events make them: compared, and none replaced
        assertThat(browser.text(By.id("rebuild-progress-title"))).isEqualTo("Verified: nothing to replace");
        assertThat(browser.text(By.id("rebuild-verdict")))
                .isEqualTo("Verified: every live table equals the rows its events make, so none was replaced.");
        assertThat(browser.text(By.id("rebuild-replaced"))).isEqualTo("Verified in place: activity, directory.");
        assertThat(texts("#rebuild-phases .rebuild-phase")).hasSize(5);
        assertThat(texts("#rebuild-phases .rebuild-phase").get(2))
                .matches("replaying the events [0-9,]+ (ms|s) \\([0-9,]+ events per second\\)");
        assertThat(browser.text(By.id("rebuild-phases")))
                .startsWith("Time per phase: catching up ")
                .contains(" · holding writes for a snapshot of the live read models ")
                .containsPattern(" · comparing them with the live read models [0-9,]+ (ms|s)\\.$");
        assertVerifiedTables();
        browser.screenshot("audit-rebuild-in-place");

        // asked for fresh tables: every read model written again, switched, and compared with the one it replaced
        browser.find(By.id("rebuild-fresh")).click();
        browser.submit(By.id("start-rebuild"));
        awaitCompleted();
        assertThat(browser.text(By.id("rebuild-progress-title"))).isEqualTo("Rebuilt and verified");
        assertThat(browser.text(By.id("rebuild-verdict")))
                .isEqualTo("Verified: every rebuilt table equals the live one it replaced.");
        assertThat(browser.text(By.id("rebuild-replaced")))
                .isEqualTo("Rebuilt into fresh tables and switched: activity, directory.");
        assertThat(texts("#rebuild-phases .rebuild-phase"))
                .hasSize(6)
                .first()
                .asString()
                .matches("replaying the events [0-9,]+ (ms|s) \\([0-9,]+ events per second\\)");
        assertThat(browser.text(By.id("rebuild-phases")))
                .startsWith("Time per phase: replaying the events")
                .contains(" · writing the read models ", " · switching ")
                .containsPattern(" · verifying [0-9,]+ (ms|s)\\.$");
        assertVerifiedTables();
        browser.screenshot("audit-rebuild");
    }

    /** Waits until the progress card, which replaces itself while the rebuild runs, says it completed. */
    private void awaitCompleted() {
        // a small store is rebuilt in well under a second; a big one shows the bar moving until it is done
        new WebDriverWait(browser.driver(), Duration.ofSeconds(120))
                .ignoring(StaleElementReferenceException.class)
                .until(d -> "completed"
                        .equals(browser.find(By.id("rebuild-progress")).getAttribute("data-status")));
    }

    private void assertVerifiedTables() {
        WebElement bar = browser.find(By.id("rebuild-bar"));
        assertThat(bar.getAttribute("value")).isEqualTo(bar.getAttribute("max"));
        List<WebElement> tables = browser.all(By.cssSelector("#rebuild-verification tr.comparison"));
        assertThat(tables).hasSizeGreaterThanOrEqualTo(2);
        assertThat(tables).allMatch(row -> "true".equals(row.getAttribute("data-equal")));
        assertThat(texts("#rebuild-verification td[data-label='Read model']")).contains("directory", "activity");
        assertThat(browser.find(By.id("rebuild-progress")).getAttribute("hx-trigger"))
                .as("polling stops when it is done")
                .isNull();
    }

    @Test
    void aRebuildWhoseNodeWentSilentSaysWhetherItHadSwitched() {
        signIn(ApplicationTest.ADMIN, ApplicationTest.PASSWORD);
        String beforeTheSwitch = silentRebuild("replay", "write");
        String afterTheSwitch = silentRebuild("replay", "write", "catch-up", "last-catch-up", "snapshot-and-switch");

        browser.open(tenant.path("/audit/rebuild/" + beforeTheSwitch));
        assertThat(browser.text(By.id("rebuild-progress-title"))).isEqualTo("The rebuild failed");
        assertThat(browser.text(By.id("rebuild-error")))
                .startsWith("Nothing was switched. The live read models are untouched.")
                .contains("It had not switched");

        browser.open(tenant.path("/audit/rebuild/" + afterTheSwitch));
        assertThat(browser.text(By.id("rebuild-progress-title"))).isEqualTo("The rebuild failed");
        assertThat(browser.text(By.id("rebuild-error")))
                .startsWith("The rebuilt read models are live, but not verified.")
                .contains("It had switched")
                .doesNotContain("Nothing was switched");
        assertThat(browser.text(By.id("rebuild-error")).split("Start another rebuild", -1))
                .as("the advice once")
                .hasSize(2);
        assertThat(texts("#rebuild-phases .rebuild-phase"))
                .hasSize(5)
                .last()
                .asString()
                .startsWith("switching ");
        browser.screenshot("audit-rebuild-lost-after-switch");
    }

    /** A rebuild its node last reported an hour ago, running, with these phases done. */
    private String silentRebuild(String... phases) {
        String id = java.util.UUID.randomUUID().toString();
        Instant startedAt = Instant.now().minus(Duration.ofHours(1));
        StringBuilder done = new StringBuilder();
        for (String phase : phases) {
            done.append(done.length() == 0 ? "" : ",")
                    .append("{\"name\":\"")
                    .append(phase)
                    .append("\",\"millis\":1200,\"events\":")
                    .append(phase.equals("replay") ? 500 : 0)
                    .append('}');
        }
        String progress = "{\"id\":\"" + id + "\",\"status\":\"RUNNING\",\"phase\":\"Verifying\",\"eventsDone\":500,"
                + "\"eventsTotal\":500,\"eventsPerSecond\":100.0,\"startedAt\":\"" + startedAt + "\",\"phases\":["
                + done
                + "]}";
        context.getBean(org.springframework.jdbc.core.JdbcTemplate.class)
                .update(
                        "INSERT INTO rebuild_job (rebuild_id, status, started_at, reported_at, progress)"
                                + " VALUES (?, 'RUNNING', ?, ?, ?)",
                        id,
                        java.sql.Timestamp.from(startedAt),
                        java.sql.Timestamp.from(startedAt.plusSeconds(20)),
                        progress);
        return id;
    }

    @Test
    void anAdminWhoIsNotTheOperatorMayNotRebuildEvenByForcingIt() {
        browser.open(tenant.path("/audit"));
        assertThat(browser.present(By.linkText("Rebuild read models"))).isFalse();

        browser.open(tenant.path("/audit/rebuild"));
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Not allowed");
        assertThat(browser.text(By.tagName("main"))).contains("Only the operator of this service may rebuild");
        browser.screenshot("audit-rebuild-not-allowed");

        // a forged form with this session's CSRF token
        browser.open(tenant.path("/audit"));
        browser.postForged(tenant.path("/audit/rebuild"), java.util.Map.of());
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Not allowed");
    }
}
