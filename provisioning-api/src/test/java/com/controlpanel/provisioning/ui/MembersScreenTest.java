package com.controlpanel.provisioning.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.application.Commands;
import com.controlpanel.provisioning.directory.DirectoryQueries;
import com.controlpanel.provisioning.directory.FindMembersQuery;
import com.controlpanel.provisioning.directory.FindTeamsQuery;
import com.controlpanel.provisioning.directory.MemberStatus;
import com.controlpanel.provisioning.directory.MemberSummary;
import com.controlpanel.provisioning.domain.api.MemberId;
import com.controlpanel.provisioning.domain.api.PersonName;
import com.controlpanel.provisioning.domain.api.ReplaceProvisionedMemberCommand;
import com.controlpanel.provisioning.domain.api.Source;
import com.controlpanel.provisioning.domain.api.TeamId;
import com.controlpanel.provisioning.testing.ApplicationTest;
import com.controlpanel.provisioning.testing.Fixtures;
import com.controlpanel.provisioning.ui.Scenery.Tenant;
import java.util.List;
import java.util.Map;
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
 * Members: the list with badges, teams and statuses; search, filters, order and pages; provisioned members read-only
 * while provisioning is on and editable after; "Invite new member"; editing and deleting manual members.
 */
@ExtendWith(ChromiumAvailable.class)
@ApplicationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MembersScreenTest {

    private static final List<String[]> PEOPLE = List.of(
            new String[] {"Ada", "Lovelace"},
            new String[] {"Alan", "Turing"},
            new String[] {"Barbara", "Liskov"},
            new String[] {"Claude", "Shannon"},
            new String[] {"Donald", "Knuth"},
            new String[] {"Edsger", "Dijkstra"},
            new String[] {"Frances", "Allen"},
            new String[] {"Grace", "Hopper"},
            new String[] {"Hedy", "Lamarr"},
            new String[] {"Ivan", "Sutherland"},
            new String[] {"John", "Backus"},
            new String[] {"Ken", "Thompson"},
            new String[] {"Leslie", "Lamport"},
            new String[] {"Margaret", "Hamilton"},
            new String[] {"Niklaus", "Wirth"},
            new String[] {"Ole-Johan", "Dahl"},
            new String[] {"Peter", "Naur"},
            new String[] {"Radia", "Perlman"},
            new String[] {"Shafi", "Goldwasser"},
            new String[] {"Tony", "Hoare"},
            new String[] {"Vint", "Cerf"});

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    DirectoryQueries directory;

    @Autowired
    Commands commands;

    private Browser browser;
    private Scenery scenery;
    private Tenant tenant;
    private TeamId design;
    private MemberId ada;
    private MemberId linus;
    private MemberId whitfield;

    /**
     * One organization, which the tests only look at, with provisioning on: 22 members invited here, 3 provisioned by
     * Okta (one of them deactivated), the manual teams Design, Design-Ops, Marketing and Research, and the Okta team
     * Engineering. Tests that change things work in organizations of their own, managed by the same admin.
     */
    @BeforeAll
    void start() {
        scenery = new Scenery(context);
        tenant = scenery.organization("Northwind Traders");
        design = scenery.team(tenant, "Design");
        TeamId marketing = scenery.team(tenant, "Marketing");
        for (String[] person : PEOPLE) {
            MemberId id = scenery.invite(tenant, person[0], person[1]);
            if (person[0].equals("Ada")) {
                ada = id;
            }
        }
        scenery.team(tenant, "Research");
        scenery.provisioningOn(tenant);
        linus = scenery.oktaMember(tenant, "Linus", "Torvalds");
        MemberId margo = scenery.oktaMember(tenant, "Margo", "Seltzer");
        whitfield = scenery.oktaMember(tenant, "Whitfield", "Diffie");
        scenery.oktaTeam(tenant, "Engineering", linus, margo);
        scenery.team(tenant, "Design-Ops", linus);
        scenery.invite(tenant, "Sophie", "Wilson", design, marketing);
        deactivatedByOkta(whitfield);

        browser = Browser.start(port);
        browser.signIn(tenant.adminEmail(), Scenery.PASSWORD);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    /** Okta deactivates with active=false (rule 9): the command the SCIM endpoint sends for it. */
    private void deactivatedByOkta(MemberId member) {
        MemberSummary current = directory.findMember(tenant.id(), member).orElseThrow();
        commands.send(
                Fixtures.OKTA,
                new ReplaceProvisionedMemberCommand(
                        member, tenant.id(), current.member().profile(), false, null));
    }

    private WebElement row(MemberId member) {
        return browser.find(By.cssSelector("tr[data-member-id='" + member.value() + "']"));
    }

    /** The names in the results, read in one go (htmx may be replacing them). */
    @SuppressWarnings("unchecked")
    private List<String> names() {
        return (List<String>) browser.script("return Array.from(document.querySelectorAll("
                + "'#member-results .identity-name')).map(name => name.textContent.trim());");
    }

    /** The names listed, in order, once htmx has replaced the results (it may take a moment). */
    private void assertNames(String... expected) {
        try {
            browser.waitUntil(d -> names().equals(List.of(expected)));
        } catch (org.openqa.selenium.TimeoutException e) {
            assertThat(names()).containsExactly(expected);
        }
    }

    /** htmx replaced the results and pushed their URL. */
    private void waitForResults(String urlPart) {
        browser.waitUntil(d -> browser.path().contains(urlPart));
        browser.waitUntil(d -> !browser.present(By.cssSelector(".htmx-request")));
    }

    @Test
    void rendersMembersWithBadgesTeamsAndStatus() {
        browser.open(tenant.path("/members"));

        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Members");
        assertThat(browser.text(By.cssSelector(".page-header .subtitle"))).isEqualTo("25 members");
        assertThat(browser.all(By.cssSelector("tr.member-row"))).hasSize(20);
        assertThat(browser.text(By.cssSelector(".pager"))).contains("1–20 of 25 members");
        assertThat(browser.text(By.id("managed-in-okta-note"))).contains("managed in Okta");

        WebElement adaRow = row(ada);
        assertThat(adaRow.getText()).contains("Ada Lovelace").contains("ada.lovelace@northwind.example");
        assertThat(adaRow.findElements(By.cssSelector(".okta-badge"))).isEmpty();
        assertThat(adaRow.findElement(By.cssSelector(".status")).getText()).isEqualTo("Invited");
        assertThat(adaRow.findElement(By.cssSelector("a[role=button]")).getText())
                .isEqualTo("Edit");

        WebElement linusRow = row(linus);
        assertThat(linusRow.findElement(By.cssSelector(".okta-badge")).getAttribute("aria-label"))
                .isEqualTo("Okta");
        assertThat(linusRow.findElement(By.cssSelector(".status")).getText()).isEqualTo("Active");
        assertThat(linusRow.findElements(By.cssSelector(".chip a")))
                .extracting(WebElement::getText)
                .containsExactly("Design-Ops", "Engineering");
        assertThat(linusRow.findElement(By.cssSelector(".chip-okta")).getText()).contains("Engineering");

        browser.open(tenant.path("/members?status=deactivated"));
        assertThat(row(whitfield).findElement(By.cssSelector(".status")).getText())
                .isEqualTo("Deactivated");
        browser.open(tenant.path("/members"));
        browser.screenshot("members");

        browser.resize(Browser.PHONE);
        try {
            browser.open(tenant.path("/members"));
            assertThat(row(linus).findElement(By.cssSelector(".okta-badge")).isDisplayed())
                    .isTrue();
            browser.assertNoHorizontalScroll();
            browser.screenshotOfWindow("members-phone");
        } finally {
            browser.resize(Browser.LAPTOP);
        }
    }

    @Test
    void aFilterStepsThroughByArrowKeysIsAskedForOnceSettledNotAtEachStep() {
        browser.open(tenant.path("/members"));
        // counted as they are made (history.length stops at the browser's cap of 50 entries)
        browser.script("window.asked = 0; document.body.addEventListener('htmx:beforeRequest', () => window.asked++);"
                + " window.pushed = 0; const push = history.pushState.bind(history);"
                + " history.pushState = (...args) => { window.pushed++; return push(...args); };");
        WebElement status = browser.find(By.id("member-status"));
        // Invited, Active, Deactivated: three changes, as a keyboard user passes over the first two
        status.sendKeys(Keys.ARROW_DOWN, Keys.ARROW_DOWN, Keys.ARROW_DOWN);
        waitForResults("status=deactivated");
        assertThat(browser.script("return window.asked;"))
                .as("results asked for")
                .isEqualTo(1L);
        assertThat(browser.script("return window.pushed;"))
                .as("one history entry: Back returns to the page as it was, not to each option passed over")
                .isEqualTo(1L);
    }

    @Test
    void searchesFiltersSortsAndPages() {
        browser.open(tenant.path("/members"));

        browser.type(By.id("member-q"), "grace hop");
        waitForResults("q=grace");
        assertNames("Grace Hopper");
        // read through the retrying wait: the answer to a part of the search typed before a pause may be replaced
        browser.waitUntil(d -> browser.text(By.id("member-results-status")).contains("1 of 25 members match"));
        // told to screen readers through the page's lasting live region, the results' own being new with them
        browser.waitUntil(d -> "1 of 25 members match".equals(announced()));
        browser.screenshot("members-search");

        browser.type(By.id("member-q"), "nobody-like-this");
        waitForResults("q=nobody");
        browser.waitUntil(d ->
                browser.text(By.cssSelector("#member-results .empty-state")).contains("No member matches"));
        browser.waitUntil(d -> "No member matches".equals(announced()));

        browser.open(tenant.path("/members"));
        new Select(browser.find(By.id("member-source"))).selectByValue("okta");
        waitForResults("source=okta");
        assertNames("Linus Torvalds", "Margo Seltzer", "Whitfield Diffie");
        assertThat(browser.all(By.cssSelector("tr.member-row .okta-badge"))).hasSize(3);

        new Select(browser.find(By.id("member-status"))).selectByValue("active");
        waitForResults("status=active");
        assertNames("Linus Torvalds", "Margo Seltzer");
        // Apply after a filter already applied asks for the page shown: it adds no second, identical history entry
        Object entries = browser.script("return history.length;");
        browser.script("window.settled = false;"
                + " document.addEventListener('htmx:afterSettle', () => window.settled = true, {once: true});");
        browser.click(By.cssSelector("form.filters button[type=submit]"));
        browser.waitUntil(d -> Boolean.TRUE.equals(browser.script("return window.settled;")));
        assertThat(browser.script("return history.length;")).isEqualTo(entries);
        assertNames("Linus Torvalds", "Margo Seltzer");

        browser.open(tenant.path("/members"));
        new Select(browser.find(By.id("member-team"))).selectByValue(design.value());
        waitForResults("team=" + design.value());
        assertNames("Sophie Wilson");

        browser.open(tenant.path("/members"));
        new Select(browser.find(By.id("member-sort"))).selectByValue("name-desc");
        waitForResults("sort=name-desc");
        assertThat(names()).hasSize(20).startsWith("Whitfield Diffie", "Vint Cerf", "Tony Hoare");

        browser.click(By.cssSelector(".pager a[rel=next]"));
        waitForResults("offset=20");
        assertThat(browser.text(By.cssSelector(".pager"))).contains("21–25 of 25 members");
        assertNames("Donald Knuth", "Claude Shannon", "Barbara Liskov", "Alan Turing", "Ada Lovelace");
        browser.click(By.cssSelector(".pager a[rel=prev]"));
        browser.waitUntil(d -> !browser.path().contains("offset="));
        browser.waitUntil(d -> names().size() == 20);
        assertThat(names()).startsWith("Whitfield Diffie");

        // an old link to a page the list no longer reaches: not "no member matches"
        browser.open(tenant.path("/members?sort=name-desc&offset=40"));
        assertThat(browser.text(By.cssSelector("#member-results .empty-state")))
                .contains("This page is past the end of the list")
                .contains("the list of members ends at 25")
                .doesNotContain("No member matches");
        assertThat(browser.present(By.cssSelector(".pager")))
                .as("no pager counting 0 of 25")
                .isFalse();
        browser.click(By.linkText("Go to the last page"));
        waitForResults("offset=20");
        assertNames("Donald Knuth", "Claude Shannon", "Barbara Liskov", "Alan Turing", "Ada Lovelace");
    }

    /**
     * A filter value no control of the list gives, or a parameter the page does not read (misspelt in an edited link
     * or bookmark): the page "This link is not right", never the whole list as if no filter had been asked for.
     */
    @Test
    void aLinkEditedToAFilterTheListDoesNotKnowIsNotRightRatherThanTheWholeList() {
        for (String edited : List.of(
                "/members?status=bogus",
                "/members?source=bogus",
                "/members?sort=bogus",
                "/members?staus=active",
                "/members?status=active&status=invited",
                "/members?team=" + "x".repeat(300),
                "/members?offset=-20",
                "/teams/" + design.value() + "?offset=-1",
                "/teams?source=bogus",
                "/teams?sort=bogus",
                "/teams?sorce=okta",
                "/teams/" + design.value() + "?ofset=20",
                "/activity?actr=okta",
                "/activity/export?format=csv&actr=okta",
                "/members/" + ada.value() + "/history?page=2",
                "/audit?at=2026-01-01T00:00:00Z&member=x",
                "/settings/accounts?query=ada")) {
            browser.open(tenant.path(edited));
            assertThat(browser.text(By.tagName("h1"))).as(edited).isEqualTo("This link is not right");
            assertThat(browser.text(By.cssSelector(".error-page .error-code")))
                    .as(edited)
                    .isEqualTo("400");
        }

        // what the list's own controls give, in any case and with spaces around it, still filters
        browser.open(tenant.path("/members?status=%20Active%20&source=OKTA&sort=name-desc"));
        assertNames("Margo Seltzer", "Linus Torvalds");
        assertThat(new Select(browser.find(By.id("member-status")))
                        .getFirstSelectedOption()
                        .getText())
                .isEqualTo("Active");
        // "Any status", "All sources" and the default order are sent as empty values
        browser.open(tenant.path("/members?q=&source=&status=&team=&sort=&invite"));
        assertThat(names()).hasSize(20);
        assertThat(browser.find(By.id("invite-dialog")).getAttribute("open")).isNotNull();
        browser.open(tenant.path("/teams?q=&source=okta&sort=members-desc&offset=0"));
        assertThat(browser.all(By.cssSelector("tr.team-row .identity-name")).stream()
                        .map(WebElement::getText)
                        .toList())
                .containsExactly("Engineering");
    }

    @Test
    void namesAreListedWithoutRegardToCaseAndAccents() {
        Tenant other = scenery.alsoManagedBy(tenant, "Société Générale Ordre");
        scenery.invite(other, "Zoé", "Martin");
        scenery.invite(other, "Émile", "Durand");
        scenery.invite(other, "Łukasz", "Nowak");
        scenery.invite(other, "ada", "Lovelace");
        scenery.team(other, "Zeta");
        scenery.team(other, "Équipe Nord");
        scenery.team(other, "alpha");

        browser.open(other.path("/members"));
        assertNames("ada Lovelace", "Émile Durand", "Łukasz Nowak", "Zoé Martin");
        new Select(browser.find(By.id("member-sort"))).selectByValue("name-desc");
        waitForResults("sort=name-desc");
        assertNames("Zoé Martin", "Łukasz Nowak", "Émile Durand", "ada Lovelace");
        // the team filter and the teams offered to an invite, in the same order
        assertThat(new Select(browser.find(By.id("member-team")))
                        .getOptions().stream().skip(1).map(WebElement::getText).toList())
                .containsExactly("alpha", "Équipe Nord", "Zeta");
        assertThat(browser.all(By.cssSelector("#invite-team-options label")).stream()
                        .map(label -> label.getAttribute("textContent").strip())
                        .toList())
                .containsExactly("alpha", "Équipe Nord", "Zeta");

        browser.open(other.path("/teams"));
        assertThat(browser.all(By.cssSelector("tr.team-row .identity-name")).stream()
                        .map(WebElement::getText)
                        .toList())
                .containsExactly("alpha", "Équipe Nord", "Zeta");
    }

    @Test
    void aLinkToTheMembersOfATeamDeletedSinceSaysTheTeamIsGone() {
        Tenant org = scenery.alsoManagedBy(tenant, "Gone Team Traders");
        scenery.invite(org, "Stay", "Here");
        scenery.provisioningOn(org);
        MemberId leaving = scenery.oktaMember(org, "Left", "Behind");
        TeamId gone = scenery.oktaTeam(org, "Dissolved", leaving);
        String link = org.path("/members?team=" + gone.value());
        browser.open(link);
        assertThat(browser.text(By.cssSelector("#member-results .member-table")))
                .contains("Left Behind");

        scenery.oktaDeletes(org, gone);
        browser.open(link);

        assertThat(browser.text(By.cssSelector(".empty-state h2"))).isEqualTo("This team no longer exists");
        assertThat(new Select(browser.find(By.id("member-team")))
                        .getFirstSelectedOption()
                        .getText())
                .isEqualTo("A team that no longer exists");
        assertThat(browser.text(By.id("member-team-error")))
                .isEqualTo("This team no longer exists (or never did): choose another.");
        assertThat(browser.find(By.id("member-team")).getAttribute("aria-invalid"))
                .isEqualTo("true");
        // the message under the team's field leaves the fields of its row, and the button, level with it
        try {
            for (Dimension width : List.of(Browser.LAPTOP, new Dimension(1000, 900))) {
                browser.resize(width);
                assertThat(filterFieldsOutOfLine(List.of("#member-team", "#member-source", "#member-status")))
                        .as("source, status and team at " + width)
                        .isLessThanOrEqualTo(1);
                if (width.equals(Browser.LAPTOP)) {
                    assertThat(filterFieldsOutOfLine(List.of(
                                    "#member-team", "#member-q", "#member-sort", ".filters .filter-actions button")))
                            .as("the whole bar at " + width)
                            .isLessThanOrEqualTo(1);
                }
            }
        } finally {
            browser.resize(Browser.LAPTOP);
        }
        browser.open(org.path("/members?team=not-a-team-id"));
        assertThat(browser.text(By.cssSelector(".empty-state h2"))).isEqualTo("This team no longer exists");
    }

    /** How many pixels apart the tops of these fields of the member list's filters are. */
    private long filterFieldsOutOfLine(List<String> selectors) {
        return (Long) browser.script(
                "const tops = arguments[0].map(s => document.querySelector(s).getBoundingClientRect().top);"
                        + "return Math.round(Math.max(...tops) - Math.min(...tops));",
                selectors);
    }

    @Test
    void aLinkToTheMembersOfATeamBeyondTheFilterListsFirstTeamsShowsThatTeamChosen() {
        Tenant org = scenery.alsoManagedBy(tenant, "Many Teams Traders");
        List<TeamId> alphas = new java.util.ArrayList<>();
        for (int i = 0; i < FindTeamsQuery.MAX_LIMIT; i++) {
            alphas.add(scenery.team(org, "Alpha %03d".formatted(i)));
        }
        MemberId zoe = scenery.invite(org, "Zoe", "Last");
        scenery.invite(org, "Not", "Chosen");
        TeamId last = scenery.team(org, "Zulu", zoe);
        for (TeamId alpha : alphas.subList(0, 4)) {
            scenery.addToTeam(org, alpha, zoe);
        }

        // a row names a member's first teams, the rest on the member's page: one line, not one per team
        browser.open(org.path("/members"));
        WebElement row = browser.find(By.cssSelector("tr[data-member-id='" + zoe.value() + "']"));
        assertThat(row.findElements(By.cssSelector("td[data-label=Teams] .chip a")))
                .extracting(WebElement::getText)
                .containsExactly("Alpha 000", "Alpha 001", "Alpha 002");
        WebElement more = row.findElement(By.cssSelector("a.chip-more"));
        assertThat(more.getText()).isEqualTo("+2 more");
        assertThat(more.getAttribute("aria-label")).isEqualTo("2 more teams: see Zoe Last");
        assertThat(more.getAttribute("href")).endsWith(org.path("/members/" + zoe.value()));

        // the team's page links to its members in the list, also for a team past the first the filter offers
        browser.open(org.path("/teams/" + last.value()));
        browser.click(By.id("team-in-member-list"));
        browser.waitUntil(d -> browser.path().equals(org.path("/members?team=" + last.value())));

        assertNames("Zoe Last");
        assertThat(new Select(browser.find(By.id("member-team")))
                        .getFirstSelectedOption()
                        .getText())
                .isEqualTo("Zulu");
        assertThat(browser.present(By.id("member-team-error"))).isFalse();
    }

    @Test
    void longNamesAndEmailsWrapAndNothingScrollsSideways() {
        Tenant other = scenery.alsoManagedBy(tenant, "Northwind Long Names");
        TeamId team = scenery.team(other, "Team" + "t".repeat(250));
        MemberId longName = scenery.invite(
                other, "long.name@northwind.example", PersonName.of("G".repeat(250), "F".repeat(250)), team);
        String longAddress = "e".repeat(112) + "@northwind.example";
        MemberId longEmail = scenery.invite(other, longAddress, PersonName.of("Erin", "Mail"), team);

        // and members Okta provisioned, in several teams, as a pushed directory has them
        scenery.provisioningOn(other);
        MemberId pushed = scenery.oktaMember(other, "Александра-Виктория", "Константинопольская");
        for (String name : List.of("Поддержка клиентов", "Onboarding Europe", "Engineering Platform")) {
            scenery.oktaTeam(other, name, pushed);
        }
        // on a laptop, beside the sections' column down to its narrowest, and on a tablet down to the narrowest width
        // before the table becomes one card a member
        try {
            for (int width : List.of(1280, 1251, 1250, 1101, 1000, 861, 768, 641)) {
                browser.resize(new org.openqa.selenium.Dimension(width, 900));
                browser.open(other.path("/members"));
                browser.assertNothingScrollsSideways();
                assertThat(browser.wordsBrokenIn(".member-table .chip a"))
                        .as("team names' words broken at " + width + " (but the one longer than a chip)")
                        .allSatisfy(word -> assertThat(word).startsWith("Teamttt"));
                WebElement managed = row(pushed).findElement(By.cssSelector(".row-actions"));
                assertThat(managed.getRect().getX() + managed.getRect().getWidth())
                        .as("the Okta member's row end is on screen at " + width)
                        .isLessThanOrEqualTo(((Long) browser.script("return window.innerWidth;")).intValue());
                for (MemberId member : List.of(longName, longEmail)) {
                    WebElement edit = row(member).findElement(By.cssSelector(".row-actions a"));
                    assertThat(edit.isDisplayed()).isTrue();
                    assertThat(edit.getRect().getX() + edit.getRect().getWidth())
                            .as("Edit is on screen at " + width)
                            .isLessThanOrEqualTo(((Long) browser.script("return window.innerWidth;")).intValue());
                }
            }
        } finally {
            browser.resize(Browser.LAPTOP);
        }
        browser.screenshot("members-long-names");

        browser.open(other.path("/members/" + longName.value()));
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("G".repeat(250) + " " + "F".repeat(250));
        browser.assertNothingScrollsSideways();
        browser.screenshot("member-page-long-name");
        browser.open(other.path("/members/" + longEmail.value()));
        browser.assertNothingScrollsSideways();
    }

    @Test
    void aProvisionedMembersPageShowsWhatElseOktaSentReadOnly() {
        Tenant other = scenery.alsoManagedBy(tenant, "Northwind Attributes");
        scenery.provisioningOn(other);
        Map<String, Object> attributes = new java.util.LinkedHashMap<>();
        attributes.put("title", "Rear Admiral");
        attributes.put("phoneNumbers", List.of(Map.of("value", "+1 555 0100", "type", "work", "primary", true)));
        Map<String, Object> enterprise = new java.util.LinkedHashMap<>(); // in the order sent, as SCIM keeps it
        enterprise.put("department", "Navy Research");
        enterprise.put("manager", Map.of("value", "boss-1", "displayName", "Ada King"));
        attributes.put("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", enterprise);
        MemberId grace = scenery.oktaMember(
                other,
                Fixtures.OKTA,
                "grace.hopper@northwind.example",
                PersonName.of("Grace", "Hopper"),
                "Grace Hopper",
                attributes);
        scenery.oktaTeam(other, "Navy", grace);
        MemberId plain = scenery.invite(other, "Plain", "Invite");

        browser.open(other.path("/members/" + grace.value()));
        assertThat(browser.text(By.id("details-title"))).isEqualTo("Also from Okta");
        List<String> names = browser.all(By.cssSelector("#member-details dt")).stream()
                .map(WebElement::getText)
                .toList();
        List<String> values = browser.all(By.cssSelector("#member-details dd")).stream()
                .map(WebElement::getText)
                .toList();
        assertThat(names).containsExactly("Title", "Phone numbers", "Department", "Manager");
        assertThat(values)
                .containsExactly("Rear Admiral", "+1 555 0100 (work, primary)", "Navy Research", "Ada King (boss-1)");
        assertThat(browser.find(By.cssSelector("#member-details dt")).getAttribute("title"))
                .as("the attribute's SCIM name")
                .isEqualTo("title");
        assertThat(browser.all(By.cssSelector("#member-details input, #member-details button")))
                .as("read-only")
                .isEmpty();
        browser.resize(Browser.PHONE);
        try {
            browser.assertNothingScrollsSideways();
            // on a phone the cards stack; the Teams card's chips start at its left, as its heading does
            assertThat(browser.script("const card = document.getElementById('teams-title').parentElement;"
                            + "return Math.round(card.querySelector('.chip').getBoundingClientRect().left"
                            + " - document.getElementById('teams-title').getBoundingClientRect().left);"))
                    .isEqualTo(0L);
        } finally {
            browser.resize(Browser.LAPTOP);
        }

        browser.open(other.path("/members/" + plain.value()));
        assertThat(browser.present(By.id("member-details")))
                .as("nothing else recorded")
                .isFalse();
    }

    @Test
    void pagesWithTheKeyboardKeepingFocusOnThePagerAndSaysWhichPage() {
        browser.open(tenant.path("/members"));
        browser.find(By.cssSelector(".pager a[rel=next]")).sendKeys(Keys.ENTER);
        waitForResults("offset=20");
        browser.waitUntil(d -> "Page 2 of 2: members 21–25 of 25".equals(announced()));
        assertThat(browser.driver().switchTo().activeElement().getAttribute("rel"))
                .as("focus on the pager, on Previous since the last page has no Next")
                .isEqualTo("prev");

        browser.driver().switchTo().activeElement().sendKeys(Keys.ENTER);
        browser.waitUntil(d -> !browser.path().contains("offset="));
        browser.waitUntil(d -> "Page 1 of 2: members 1–20 of 25".equals(announced()));
        assertThat(browser.driver().switchTo().activeElement().getAttribute("rel"))
                .isEqualTo("next");
    }

    /** What the page's live region says to screen readers. */
    private String announced() {
        return (String) browser.script("return document.getElementById('announcer').textContent;");
    }

    @Test
    void aMemberProvisionedByOktaIsReadOnlyAndShowsTheBadge() {
        Tenant other = scenery.alsoManagedBy(tenant, "Northwind Okta");
        scenery.provisioningOn(other);
        // Fixtures.provisionMember sends the very command the SCIM endpoint sends for POST /Users
        String email = Fixtures.uniqueEmail("pushed");
        MemberId pushed = Fixtures.provisionMember(commands, other.id(), email);

        browser.open(other.path("/members"));
        WebElement pushedRow = row(pushed);
        assertThat(pushedRow.findElements(By.cssSelector(".okta-badge"))).hasSize(1);
        WebElement edit = pushedRow.findElement(By.cssSelector("button"));
        assertThat(edit.getText()).isEqualTo("Edit");
        assertThat(edit.isEnabled()).isFalse();
        assertThat(pushedRow.findElement(By.cssSelector(".managed")).getText()).isEqualTo("Managed in Okta");
        assertThat(edit.getAttribute("aria-describedby"))
                .isEqualTo(pushedRow.findElement(By.cssSelector(".managed")).getAttribute("id"));

        browser.open(other.path("/members/" + pushed.value()));
        assertThat(browser.text(By.id("managed-note"))).contains("This member is managed in Okta");
        assertThat(browser.find(By.cssSelector("#member-form fieldset")).getDomProperty("disabled"))
                .isEqualTo("true");
        assertThat(browser.find(By.id("member-email")).isEnabled()).isFalse();
        assertThat(browser.find(By.id("delete-member-button")).isEnabled()).isFalse();
        assertThat(browser.present(By.cssSelector(".profile-header .okta-badge")))
                .isTrue();
        browser.screenshot("member-page-managed-in-okta");

        // a form forced open is still refused by the domain, and the page says why
        browser.script("document.querySelector('#member-form fieldset').disabled = false;");
        browser.type(By.id("member-email"), "changed@northwind.example");
        browser.submit(By.cssSelector("#member-form button[type=submit]"));
        assertThat(browser.text(By.cssSelector("#member-form .form-error"))).contains("is managed in Okta");
        assertThat(directory
                        .findMember(other.id(), pushed)
                        .orElseThrow()
                        .member()
                        .profile()
                        .email())
                .isEqualTo(email);
    }

    @Test
    void aMemberInvitedHereIsManagedInOktaOnceOktaTakesItOver() throws Exception {
        Tenant other = scenery.alsoManagedBy(tenant, "Northwind Take-over");
        scenery.provisioningOn(other);
        MemberId invited = scenery.invite(other, "Ivy", "Invited");
        browser.open(other.path("/members"));
        assertThat(row(invited).findElements(By.cssSelector(".okta-badge"))).isEmpty();
        assertThat(row(invited).findElements(By.cssSelector(".managed"))).isEmpty();

        // Okta found the member by its email and pushes its profile: the command the SCIM endpoint sends for PUT
        MemberSummary current = directory.findMember(other.id(), invited).orElseThrow();
        commands.send(
                Fixtures.OKTA,
                new ReplaceProvisionedMemberCommand(
                        invited, other.id(), current.member().profile(), true, null));

        browser.open(other.path("/members"));
        WebElement takenOver = row(invited);
        assertThat(takenOver.findElements(By.cssSelector(".okta-badge"))).hasSize(1);
        assertThat(takenOver.findElement(By.cssSelector(".managed")).getText()).isEqualTo("Managed in Okta");

        browser.open(other.path("/members/" + invited.value()));
        assertThat(browser.text(By.id("managed-note"))).contains("This member is managed in Okta");
        browser.submit(By.id("member-history-link"));
        assertThat((List<Object>)
                        browser.script("return Array.from(document.querySelectorAll('.history-entry .entry-title'))"
                                + ".map(e => e.textContent.trim());"))
                .containsExactly("Invited in the Control Panel", "Taken over by Okta: managed in Okta from now on");

        // Activity names the action and lets the timeline be filtered by it
        // written asynchronously: looked for up to a minute, as the other browser tests wait for Activity
        String summary = null;
        long deadline = System.nanoTime() + java.time.Duration.ofMinutes(1).toNanos();
        while (summary == null && System.nanoTime() < deadline) {
            browser.open(other.path("/activity?action=member.taken-over"));
            List<WebElement> rows = browser.all(By.cssSelector("#activity-rows .summary-link"));
            summary = rows.isEmpty() ? null : rows.get(0).getText();
            if (summary == null) {
                Thread.sleep(200);
            }
        }
        assertThat(summary)
                .isEqualTo("Took over member Ivy Invited ("
                        + current.member().profile().userName().value()
                        + "), invited in the Control Panel: managed in Okta from now on");
        assertThat(new Select(browser.find(By.id("activity-action")))
                        .getFirstSelectedOption()
                        .getText())
                .isEqualTo("Member taken over by Okta");
    }

    @Test
    void switchingProvisioningOffMakesProvisionedMembersEditableAndKeepsTheBadge() {
        Tenant other = scenery.alsoManagedBy(tenant, "Northwind Labs");
        scenery.provisioningOn(other);
        // the command the SCIM endpoint sends for POST /Users
        MemberId pushed = Fixtures.provisionMember(commands, other.id(), Fixtures.uniqueEmail("okta"));
        browser.open(other.path("/members"));
        assertThat(row(pushed).findElements(By.cssSelector("button[disabled]"))).hasSize(1);

        browser.open(other.path("/settings/provisioning"));
        browser.click(By.id("provisioning-switch"));
        browser.waitUntil(d -> browser.dialogOpen("disable-dialog"));
        browser.submit(By.id("confirm-disable"));

        browser.open(other.path("/members"));
        WebElement pushedRow = row(pushed);
        assertThat(pushedRow.findElements(By.cssSelector(".okta-badge")))
                .as("rule 5")
                .hasSize(1);
        assertThat(pushedRow.findElements(By.cssSelector(".managed"))).isEmpty();
        assertThat(browser.present(By.id("managed-in-okta-note"))).isFalse();

        browser.submit(By.cssSelector("tr[data-member-id='" + pushed.value() + "'] a[role=button]"));
        assertThat(browser.text(By.id("okta-editable-note"))).contains("Okta will not find this member");
        browser.type(By.id("member-given"), "Olivia");
        browser.type(By.id("member-family"), "Okta");
        browser.submit(By.cssSelector("#member-form button[type=submit]"));

        assertThat(browser.text(By.cssSelector(".flash-notice"))).startsWith("Saved the changes");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Olivia Okta");
        // saved again as it is: nothing changed, and the page does not claim otherwise
        browser.submit(By.cssSelector("#member-form button[type=submit]"));
        assertThat(browser.text(By.cssSelector(".flash-notice"))).startsWith("Nothing to save:");
        assertThat(browser.present(By.cssSelector(".profile-header .okta-badge")))
                .isTrue();
        browser.screenshot("member-page-editable-after-provisioning-off");
        assertThat(directory
                        .findMember(other.id(), pushed)
                        .orElseThrow()
                        .member()
                        .source())
                .isEqualTo(Source.OKTA);
    }

    @Test
    void aNameWithALineBreakIsKeptWhenTheFormIsSavedWithoutChangingIt() {
        Tenant other = scenery.alsoManagedBy(tenant, "Northwind Line Breaks");
        scenery.provisioningOn(other);
        String email = Fixtures.uniqueEmail("anne");
        // SCIM allows line breaks in names; a browser's text field drops them from what it sends back
        PersonName sent = PersonName.of("Anne\r\nMarie", "Okta");
        MemberId pushed = scenery.oktaMember(other, Fixtures.OKTA, email, sent, "Anne\nMarie Okta");
        scenery.provisioningOff(other);

        browser.open(other.path("/members/" + pushed.value()));
        // shown with a space where the line break is, not glued together ("AnneMarie")
        assertThat(browser.find(By.id("member-given")).getAttribute("value")).isEqualTo("Anne Marie");
        assertThat(browser.find(By.id("member-display")).getAttribute("value")).isEqualTo("Anne Marie Okta");
        browser.submit(By.cssSelector("#member-form button[type=submit]"));
        assertThat(browser.text(By.cssSelector(".flash-notice"))).startsWith("Nothing to save:");
        MemberSummary kept = directory.findMember(other.id(), pushed).orElseThrow();
        assertThat(kept.member().profile().name()).isEqualTo(sent);
        assertThat(kept.member().profile().displayName()).isEqualTo("Anne\nMarie Okta");
        assertThat(kept.member().version()).isZero();

        // an edit of the email alone changes only the email, in the member and in what Activity records
        String changed = Fixtures.uniqueEmail("anne-marie");
        browser.type(By.id("member-email"), changed);
        browser.submit(By.cssSelector("#member-form button[type=submit]"));
        assertThat(browser.text(By.cssSelector(".flash-notice"))).startsWith("Saved the changes");
        MemberSummary edited = directory.findMember(other.id(), pushed).orElseThrow();
        assertThat(edited.member().profile().userName().value()).isEqualTo(changed);
        assertThat(edited.member().profile().name()).isEqualTo(sent);
        assertThat(edited.member().profile().displayName()).isEqualTo("Anne\nMarie Okta");

        // an edit of the last name alone keeps the first name as sent, not as the field sent it back ("Anne Marie")
        browser.type(By.id("member-family"), "Okta-Smith");
        browser.submit(By.cssSelector("#member-form button[type=submit]"));
        assertThat(browser.text(By.cssSelector(".flash-notice"))).startsWith("Saved the changes");
        PersonName renamed = directory
                .findMember(other.id(), pushed)
                .orElseThrow()
                .member()
                .profile()
                .name();
        assertThat(renamed.givenName()).isEqualTo(sent.givenName());
        assertThat(renamed.familyName()).isEqualTo("Okta-Smith");
    }

    @Test
    void anInviteAmongManyTeamsFindsItsTeamByTypingAndKeepsItsButtonsInReach() throws InterruptedException {
        Tenant other = scenery.alsoManagedBy(tenant, "Northwind Many Invites");
        for (int i = 1; i <= 30; i++) {
            scenery.team(other, "Team %02d".formatted(i));
        }
        TeamId nord = scenery.team(other, "Équipe Nord");

        browser.open(other.path("/members"));
        WebElement dialog = browser.openDialog(By.id("invite-button"), "invite-dialog");
        assertThat(browser.text(By.id("invite-team-filter-status"))).isEqualTo("31 teams");
        assertThat((Boolean) browser.script("var list = document.getElementById('invite-team-options');"
                        + " var invite = document.querySelector('#invite-dialog footer button[type=submit]');"
                        + " return list.scrollHeight > list.clientHeight"
                        + " && invite.getBoundingClientRect().bottom <= window.innerHeight;"))
                .as("the teams scroll in their own box; Invite is on the screen")
                .isTrue();
        // on a phone the dialog is taller than the screen: it scrolls, its buttons stay in sight at its foot
        for (Dimension phone : List.of(new Dimension(320, 568), new Dimension(375, 667))) {
            browser.resize(phone);
            assertThat((Boolean) browser.script(
                            "var invite = document.querySelector('#invite-dialog footer button[type=submit]');"
                                    + " var article = document.querySelector('#invite-dialog > article');"
                                    + " var box = invite.getBoundingClientRect();"
                                    + " return article.scrollHeight > article.clientHeight && box.top >= 0"
                                    + " && box.bottom <= window.innerHeight"
                                    + " && document.elementFromPoint(box.left + box.width / 2,"
                                    + " box.top + box.height / 2) === invite;"))
                    .as("at %s, Invite is on the screen, over what scrolls", phone)
                    .isTrue();
            // half-way down, nothing that scrolls shows below the buttons: they cover the dialog to its edge
            assertThat((Boolean) browser.script("var article = document.querySelector('#invite-dialog > article');"
                            + " article.scrollTop = (article.scrollHeight - article.clientHeight) / 2;"
                            + " var edge = article.getBoundingClientRect();"
                            + " var footer = article.querySelector(':scope > footer');"
                            + " return [0.1, 0.5, 0.9].every(x => footer.contains(document.elementFromPoint("
                            + "edge.left + edge.width * x, edge.bottom - 2)));"))
                    .as("at %s, the buttons' strip reaches the dialog's foot", phone)
                    .isTrue();
        }
        browser.resize(Browser.LAPTOP);

        browser.type(By.id("invite-team-filter"), "equipe");
        browser.waitUntil(d -> visibleTeams(dialog).equals(List.of("Équipe Nord")));
        // Enter there narrows nothing more and sends nothing: the admin is still choosing
        String early = Fixtures.uniqueEmail("early");
        browser.type(By.id("invite-email"), early);
        long before =
                directory.findMembers(FindMembersQuery.all(other.id(), 0, 0)).total();
        browser.find(By.id("invite-team-filter")).sendKeys(Keys.ENTER);
        // (a form sent would have answered by now, with the member invited and the page loaded afresh)
        Thread.sleep(1_000);
        assertThat(dialog.isDisplayed()).isTrue();
        assertThat(browser.find(By.id("invite-team-filter")).getAttribute("value"))
                .isEqualTo("equipe");
        assertThat(directory.findMembers(FindMembersQuery.all(other.id(), 0, 0)).total())
                .isEqualTo(before);
        assertThat(browser.text(By.id("invite-team-filter-status"))).isEqualTo("1 of 31 teams shown");
        dialog.findElement(By.xpath(".//label[normalize-space()='Équipe Nord']/input"))
                .click();
        // a team ticked stays in sight whatever is typed next
        browser.type(By.id("invite-team-filter"), "team 0");
        browser.waitUntil(d -> visibleTeams(dialog).size() == 10);
        assertThat(visibleTeams(dialog)).contains("Équipe Nord", "Team 01", "Team 09");

        String email = Fixtures.uniqueEmail("nord");
        browser.type(By.id("invite-email"), email);
        browser.submit(By.cssSelector("#invite-dialog footer button[type=submit]"));
        assertThat(browser.text(By.cssSelector(".flash-notice"))).isEqualTo("Invited " + email + ".");
        MemberSummary invited = directory
                .findMembers(new FindMembersQuery(other.id(), email, null, null, null, null, false, 0, 1))
                .items()
                .get(0);
        assertThat(invited.teams()).extracting(team -> team.teamId()).containsExactly(nord);
    }

    private static List<String> visibleTeams(WebElement dialog) {
        return dialog.findElements(By.cssSelector("#invite-team-options label")).stream()
                .filter(WebElement::isDisplayed)
                .map(WebElement::getText)
                .toList();
    }

    @Test
    void invitesWithATeamPickerOfManualTeamsOnly() {
        Tenant other = scenery.alsoManagedBy(tenant, "Northwind Invitations");
        scenery.team(other, "Design");
        TeamId marketing = scenery.team(other, "Marketing");
        String longName = "Workshop " + "W".repeat(190);
        scenery.team(other, longName);
        scenery.provisioningOn(other);
        scenery.oktaTeam(other, "Engineering");
        scenery.invite(other, "Ada", "Lovelace");

        browser.open(other.path("/members"));
        WebElement dialog = browser.openDialog(By.id("invite-button"), "invite-dialog");
        assertThat(browser.driver().switchTo().activeElement().getAttribute("id"))
                .isEqualTo("invite-email");
        List<String> offered = dialog.findElements(By.cssSelector(".team-options label")).stream()
                .map(WebElement::getText)
                .toList();
        assertThat(offered).as("rule 3: manual teams only").containsExactly("Design", "Marketing", longName);
        assertThat(dialog.getText()).doesNotContain("Engineering");
        // a long name wraps beside its box, which keeps the size of the others
        List<Integer> boxes = dialog.findElements(By.cssSelector(".team-options input[type=checkbox]")).stream()
                .map(box -> box.getSize().getWidth())
                .toList();
        assertThat(boxes)
                .hasSize(3)
                .allSatisfy(width -> assertThat(width).isEqualTo(boxes.get(0)).isGreaterThanOrEqualTo(12));
        browser.screenshot("members-invite-dialog");

        // Escape closes it and gives focus back to the button
        browser.driver().switchTo().activeElement().sendKeys(Keys.ESCAPE);
        browser.waitUntil(d -> !browser.dialogOpen("invite-dialog"));
        browser.waitUntil(d -> "invite-button"
                .equals(browser.driver().switchTo().activeElement().getAttribute("id")));

        browser.openDialog(By.id("invite-button"), "invite-dialog");
        browser.submit(By.cssSelector("button[form=invite-form]"));
        assertThat(browser.dialogOpen("invite-dialog"))
                .as("reopened with the errors")
                .isTrue();
        assertThat(browser.driver().switchTo().activeElement().getAttribute("id"))
                .as("focus on the field to fix")
                .isEqualTo("invite-email");
        assertThat(browser.text(By.id("invite-email-error"))).isEqualTo("Enter the new member's email address");
        assertThat(browser.find(By.id("invite-email")).getAttribute("aria-invalid"))
                .isEqualTo("true");
        assertThat(browser.find(By.id("invite-email")).getAttribute("aria-describedby"))
                .isEqualTo("invite-email-error");

        browser.type(By.id("invite-email"), "not an email");
        browser.submit(By.cssSelector("button[form=invite-form]"));
        assertThat(browser.text(By.id("invite-email-error"))).isEqualTo("'not an email' is not an email address");

        browser.type(By.id("invite-email"), "a".repeat(250) + "@northwind.example");
        browser.submit(By.cssSelector("button[form=invite-form]"));
        assertThat(browser.text(By.id("invite-email-error")))
                .as("the form's label, not the domain's name for the value")
                .isEqualTo("Email must be at most 254 characters");

        // a full-width "ｐ": it would pass for paul.otlet@… on screen
        browser.type(By.id("invite-email"), "\uff50aul.otlet@northwind.example");
        browser.submit(By.cssSelector("button[form=invite-form]"));
        assertThat(browser.text(By.id("invite-email-error")))
                .as("next to the field, with its label")
                .startsWith("Email '\uff50aul.otlet@northwind.example' must be written plainly: ")
                .contains("plainly: 'paul.otlet@northwind.example'")
                .endsWith(", which makes it look like another one");
        assertThat(browser.present(By.cssSelector("#invite-dialog .form-error")))
                .isFalse();

        browser.type(By.id("invite-email"), "ADA.lovelace@northwind.example");
        browser.submit(By.cssSelector("button[form=invite-form]"));
        assertThat(browser.text(By.id("invite-email-error")))
                .isEqualTo("Another member of this organization already uses this email address.");
        browser.screenshot("members-invite-dialog-error");
        assertThat(directory.findMembers(FindMembersQuery.all(other.id(), 0, 0)).total())
                .as("nothing was invited")
                .isEqualTo(1);

        // a team ticked and deleted meanwhile: the focus goes into the teams, whose refusal is read with them (it was
        // left on the dialog, the refusal not read)
        browser.type(By.id("invite-email"), "kathleen.booth@northwind.example");
        browser.click(By.xpath("//dialog[@id='invite-dialog']//label[normalize-space()='Marketing']"));
        scenery.deleteTeam(other, marketing);
        browser.submit(By.cssSelector("button[form=invite-form]"));
        assertThat(browser.text(By.id("invite-teams-error"))).isEqualTo("One of the chosen teams no longer exists.");
        browser.waitUntil(d -> "invite-team-0"
                .equals(browser.driver().switchTo().activeElement().getAttribute("id")));

        browser.type(By.id("invite-email"), "kathleen.booth@northwind.example");
        browser.type(By.id("invite-given"), "Kathleen");
        browser.type(By.id("invite-family"), "Booth");
        browser.click(By.xpath("//dialog[@id='invite-dialog']//label[normalize-space()='Design']"));
        browser.submit(By.cssSelector("button[form=invite-form]"));

        assertThat(browser.text(By.cssSelector(".flash-notice")))
                .isEqualTo("Invited kathleen.booth@northwind.example.");
        WebElement invited =
                browser.find(By.xpath("//tr[contains(@class,'member-row')][.//a[normalize-space()='Kathleen Booth']]"));
        assertThat(invited.getText())
                .contains("kathleen.booth@northwind.example")
                .contains("Invited");
        assertThat(invited.findElements(By.cssSelector(".okta-badge"))).isEmpty();
        assertThat(invited.findElements(By.cssSelector(".chip a")))
                .extracting(WebElement::getText)
                .containsExactly("Design");
    }

    @Test
    void theAddressOfARefusedFormOpenedAgainShowsItsPage() {
        Tenant other = scenery.alsoManagedBy(tenant, "Northwind Addresses");
        TeamId design = scenery.team(other, "Design");
        MemberId ada = scenery.invite(other, "Ada", "Lovelace");

        // a refused invitation is shown at /members/invite; opened again (a new tab, a bookmark) it is a GET
        browser.open(other.path("/members/invite"));
        browser.waitUntil(d -> browser.path().endsWith("/members?invite"));
        browser.waitUntil(d -> browser.dialogOpen("invite-dialog"));

        browser.open(other.path("/members/" + ada.value() + "/delete"));
        browser.waitUntil(d -> browser.path().endsWith("/members/" + ada.value()));
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Ada Lovelace");
        assertThat(directory.findMember(other.id(), ada))
                .as("opening it deleted nothing")
                .isPresent();

        browser.open(other.path("/teams/" + design.value() + "/rename"));
        browser.waitUntil(d -> browser.path().endsWith("/teams/" + design.value()));
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Design");

        browser.open(other.path("/settings/provisioning/enable"));
        browser.waitUntil(d -> browser.path().endsWith("/settings/provisioning"));
    }

    @Test
    void editsDeactivatesAndDeletesAManualMember() {
        Tenant other = scenery.alsoManagedBy(tenant, "Northwind Edits");
        TeamId marketing = scenery.team(other, "Marketing");
        MemberId grace = scenery.invite(other, "Grace", "Brewster", marketing);
        browser.open(other.path("/members/" + grace.value()));
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Grace Brewster");
        assertThat(browser.find(By.cssSelector("#member-form fieldset")).getDomProperty("disabled"))
                .isEqualTo("false");
        browser.screenshot("member-page");

        browser.type(By.id("member-email"), "grace@");
        browser.submit(By.cssSelector("#member-form button[type=submit]"));
        assertThat(browser.text(By.id("member-email-error"))).isEqualTo("'grace@' is not an email address");
        assertThat(directory
                        .findMember(other.id(), grace)
                        .orElseThrow()
                        .member()
                        .profile()
                        .email())
                .as("nothing changed")
                .isEqualTo("grace.brewster@northwind.example");
        browser.screenshot("member-page-error");

        browser.type(By.id("member-email"), "grace.brewster@northwind.example");
        browser.type(By.id("member-given"), "G".repeat(300));
        browser.submit(By.cssSelector("#member-form button[type=submit]"));
        assertThat(browser.text(By.id("member-given-error")))
                .as("the form's label, not the domain's name for the value")
                .isEqualTo("First name must be at most 256 characters");
        browser.type(By.id("member-given"), "Grace");
        browser.type(By.id("member-display"), "D".repeat(300));
        browser.submit(By.cssSelector("#member-form button[type=submit]"));
        assertThat(browser.text(By.id("member-display-error")))
                .as("next to the field, by its label")
                .isEqualTo("Display name must be at most 256 characters");
        assertThat(browser.find(By.id("member-display")).getAttribute("aria-invalid"))
                .isEqualTo("true");
        browser.type(By.id("member-display"), "");

        browser.type(By.id("member-email"), "grace.murray@northwind.example");
        browser.type(By.id("member-family"), "Murray");
        browser.submit(By.cssSelector("#member-form button[type=submit]"));
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Grace Murray");
        assertThat(browser.find(By.id("member-email")).getAttribute("value"))
                .isEqualTo("grace.murray@northwind.example");

        browser.submit(By.xpath("//button[normalize-space()='Deactivate']"));
        assertThat(browser.text(By.cssSelector(".profile-header .status"))).isEqualTo("Deactivated");
        assertThat(directory
                        .findMember(other.id(), grace)
                        .orElseThrow()
                        .member()
                        .status())
                .isEqualTo(MemberStatus.DEACTIVATED);
        browser.submit(By.xpath("//button[normalize-space()='Reactivate']"));
        assertThat(browser.text(By.cssSelector(".profile-header .status"))).isEqualTo("Invited");

        browser.openDialog(By.cssSelector("[data-dialog-open=delete-dialog]"), "delete-dialog");
        assertThat(browser.text(By.id("delete-title"))).isEqualTo("Delete Grace Murray?");
        browser.screenshot("member-delete-dialog");
        browser.submit(By.cssSelector("#delete-dialog button[type=submit]"));

        assertThat(browser.path()).isEqualTo(other.path("/members"));
        assertThat(browser.text(By.cssSelector(".flash-notice"))).contains("Deleted Grace Murray");
        assertThat(directory.findMember(other.id(), grace)).isEmpty();
    }

    /** Presses the member page's button; the page then says {@code notice} and shows the member {@code status}. */
    private void pressSaying(String button, String notice, String status) {
        browser.submit(By.xpath("//button[normalize-space()='" + button + "']"));
        assertThat(browser.text(By.cssSelector(".flash-notice"))).isEqualTo(notice);
        assertThat(browser.text(By.cssSelector(".profile-header .status"))).isEqualTo(status);
    }

    @Test
    void aDeactivationOrDeletionDoneMeanwhileInAnotherTabIsSaidSoNotClaimedAgain() {
        Tenant other = scenery.alsoManagedBy(tenant, "Northwind Two Tabs");
        MemberId ada = scenery.invite(other, "Ada", "Twice");
        browser.open(other.path("/members/" + ada.value()));
        // another tab, or another admin, deactivates the member while this page is open
        scenery.deactivate(other, ada);
        pressSaying("Deactivate", "Ada Twice was already deactivated: nothing changed.", "Deactivated");
        browser.submit(By.xpath("//button[normalize-space()='Reactivate']"));
        assertThat(browser.text(By.cssSelector(".flash-notice"))).isEqualTo("Reactivated Ada Twice.");

        // reactivated meanwhile, an invited member is invited again: not called active
        MemberId eve = scenery.invite(other, "Eve", "Twice");
        scenery.deactivate(other, eve);
        browser.open(other.path("/members/" + eve.value()));
        scenery.reactivate(other, eve);
        pressSaying("Reactivate", "Eve Twice is not deactivated (invited): nothing changed.", "Invited");
        browser.open(other.path("/members/" + ada.value()));

        // deleted meanwhile: the Delete of this page is answered on the list, not by a missing page
        scenery.remove(other, ada);
        browser.openDialog(By.cssSelector("[data-dialog-open=delete-dialog]"), "delete-dialog");
        browser.submit(By.cssSelector("#delete-dialog button[type=submit]"));
        assertThat(browser.path()).isEqualTo(other.path("/members"));
        assertThat(browser.text(By.cssSelector(".flash-notice")))
                .isEqualTo("That member was already deleted: nothing changed.");

        // so are its other forms: saved, or deactivated, from a page shown before the member was deleted
        String gone = "Not done. That member no longer exists (deleted meanwhile): nothing was changed.";
        MemberId cy = scenery.invite(other, "Cy", "Gone");
        browser.open(other.path("/members/" + cy.value()));
        browser.type(By.id("member-display"), "Cy G.");
        scenery.remove(other, cy);
        browser.submit(By.cssSelector("#member-form button[type=submit]"));
        assertThat(browser.path()).isEqualTo(other.path("/members"));
        assertThat(browser.text(By.cssSelector(".flash-area .flash-alert"))).isEqualTo(gone);
        MemberId dee = scenery.invite(other, "Dee", "Gone");
        browser.open(other.path("/members/" + dee.value()));
        scenery.remove(other, dee);
        browser.submit(By.xpath("//button[normalize-space()='Deactivate']"));
        assertThat(browser.path()).isEqualTo(other.path("/members"));
        assertThat(browser.text(By.cssSelector(".flash-area .flash-alert"))).isEqualTo(gone);
    }

    @Test
    void backToAPageFromBeforeAnActionShowsItAsItIsNow() {
        Tenant other = scenery.alsoManagedBy(tenant, "Northwind Back");
        MemberId bea = scenery.invite(other, "Bea", "Back");
        browser.open(other.path("/members"));
        browser.open(other.path("/members/" + bea.value()));
        browser.openDialog(By.cssSelector("[data-dialog-open=delete-dialog]"), "delete-dialog");
        browser.submit(By.cssSelector("#delete-dialog button[type=submit]"));
        assertThat(browser.text(By.cssSelector(".flash-notice"))).contains("Deleted Bea Back");

        // the browser may keep the page as it was shown (its back/forward cache): it is read again, the member gone
        browser.driver().navigate().back();
        browser.waitUntil(d -> "complete".equals(browser.script("return document.readyState;"))
                && !browser.text(By.tagName("h1")).equals("Bea Back"));
        assertThat(browser.text(By.tagName("body"))).contains("This member does not exist (or no longer does).");
    }

    @Test
    void whatWasDoneIsSaidOnceWhateverTheName() {
        Tenant other = scenery.alsoManagedBy(tenant, "Northwind Sentences");
        MemberId ana = scenery.invite(other, "Ana", "N.");
        browser.open(other.path("/members/" + ana.value()));
        browser.submit(By.xpath("//button[normalize-space()='Deactivate']"));
        assertThat(browser.text(By.cssSelector(".flash-notice"))).isEqualTo("Deactivated Ana N.");

        // a member without a name goes by its email: named once
        String email = Fixtures.uniqueEmail("nameless");
        MemberId nameless = scenery.invite(other, email, PersonName.EMPTY);
        browser.open(other.path("/members/" + nameless.value()));
        browser.openDialog(By.cssSelector("[data-dialog-open=delete-dialog]"), "delete-dialog");
        browser.submit(By.cssSelector("#delete-dialog button[type=submit]"));
        assertThat(browser.text(By.cssSelector(".flash-notice"))).isEqualTo("Deleted " + email + ".");
    }

    @Test
    void aMemberKnownByAWholeNameShowsItInTheFormAndAnEditKeepsWhatWasNotChanged() {
        Tenant other = scenery.alsoManagedBy(tenant, "Northwind Whole Names");
        // as the JSON API invites with "name": a whole name goes to the formatted name, without parts
        MemberId yves = scenery.invite(
                other, "yves@northwind.example", new PersonName("Yves Handmade", null, null, null, null, null));
        browser.open(other.path("/members/" + yves.value()));
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Yves Handmade");
        assertThat(browser.find(By.id("member-given")).getDomProperty("value")).isEqualTo("Yves");
        assertThat(browser.find(By.id("member-family")).getDomProperty("value")).isEqualTo("Handmade");
        browser.screenshot("member-page-whole-name");

        // saved with the name as shown: the name is left as it was
        browser.type(By.id("member-email"), "yves.handmade@northwind.example");
        browser.submit(By.cssSelector("#member-form button[type=submit]"));
        assertThat(browser.text(By.cssSelector(".flash-notice"))).startsWith("Saved the changes");
        assertThat(name(other, yves)).isEqualTo(new PersonName("Yves Handmade", null, null, null, null, null));

        browser.type(By.id("member-given"), "Yvo");
        browser.submit(By.cssSelector("#member-form button[type=submit]"));
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Yvo Handmade");
        assertThat(browser.find(By.id("member-family")).getDomProperty("value")).isEqualTo("Handmade");
        assertThat(name(other, yves))
                .as("the last name the admin did not touch is kept")
                .isEqualTo(PersonName.of("Yvo", "Handmade"));

        // parts with a whole name beside them (as Okta may send): an edited part makes the whole name untrue
        MemberId zoe = scenery.invite(
                other, "zoe@northwind.example", new PersonName("Dr. Zoe Zulu", "Zulu", "Zoe", "Q", "Dr.", null));
        browser.open(other.path("/members/" + zoe.value()));
        browser.type(By.id("member-given"), "Zoey");
        browser.submit(By.cssSelector("#member-form button[type=submit]"));
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Zoey Zulu");
        assertThat(name(other, zoe)).isEqualTo(new PersonName(null, "Zulu", "Zoey", "Q", "Dr.", null));
    }

    private PersonName name(Tenant org, MemberId member) {
        return directory
                .findMember(org.id(), member)
                .orElseThrow()
                .member()
                .profile()
                .name();
    }

    @Test
    void anEditOfAMemberChangedMeanwhileIsRefusedThenShownMergedOntoTheChangeToBeSavedAgain() {
        Tenant other = scenery.alsoManagedBy(tenant, "Northwind Conflicts");
        MemberId barbara = scenery.invite(other, "Barbara", "Liskov");
        browser.open(other.path("/members/" + barbara.value()));

        // another tab (or admin) changes the first name; this one, still showing "Barbara", the last name
        scenery.rename(other, barbara, "Barb", "Liskov");
        browser.type(By.id("member-family"), "Huberman");
        browser.submit(By.cssSelector("#member-form button[type=submit]"));

        assertThat(browser.text(By.cssSelector("#member-form .form-error")))
                .isEqualTo("Someone changed this member while you were editing it. The form now shows their changes,"
                        + " and what you typed in the fields you changed: check it, then save again.");
        // the focus on that refusal, read before the form it explains (it was on the page)
        browser.waitUntil(d ->
                "form-error".equals(browser.driver().switchTo().activeElement().getAttribute("class")));
        assertThat(directory
                        .findMember(other.id(), barbara)
                        .orElseThrow()
                        .member()
                        .profile()
                        .label())
                .as("the other change is kept, this one not applied")
                .isEqualTo("Barb Liskov");
        // the page as the member is now, with this admin's change over it: not the first name it had before
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Barb Liskov");
        assertThat(browser.find(By.id("member-given")).getAttribute("value")).isEqualTo("Barb");
        assertThat(browser.find(By.id("member-family")).getAttribute("value")).isEqualTo("Huberman");

        // saved again as shown: both changes, and no third refusal
        browser.submit(By.cssSelector("#member-form button[type=submit]"));
        assertThat(browser.text(By.cssSelector(".flash-notice"))).startsWith("Saved the changes");
        assertThat(name(other, barbara)).isEqualTo(PersonName.of("Barb", "Huberman"));

        // a field both changed keeps what this admin typed, to be checked before it is saved
        browser.open(other.path("/members/" + barbara.value()));
        scenery.rename(other, barbara, "Barbara", "Huberman");
        browser.type(By.id("member-given"), "Babs");
        browser.submit(By.cssSelector("#member-form button[type=submit]"));
        assertThat(browser.text(By.cssSelector("#member-form .form-error"))).startsWith("Someone changed this member");
        assertThat(browser.find(By.id("member-given")).getAttribute("value")).isEqualTo("Babs");
        assertThat(name(other, barbara)).isEqualTo(PersonName.of("Barbara", "Huberman"));
    }
}
