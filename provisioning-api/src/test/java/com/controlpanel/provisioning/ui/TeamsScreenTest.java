package com.controlpanel.provisioning.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.directory.DirectoryQueries;
import com.controlpanel.provisioning.directory.TeamRef;
import com.controlpanel.provisioning.domain.api.MemberId;
import com.controlpanel.provisioning.domain.api.PersonName;
import com.controlpanel.provisioning.domain.api.TeamId;
import com.controlpanel.provisioning.testing.ApplicationTest;
import com.controlpanel.provisioning.ui.Scenery.Tenant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Teams: the list with badges and member counts, "Create team", the team page, "Add a member" offering only the
 * members the rules allow, and removing a member.
 */
@ExtendWith(ChromiumAvailable.class)
@ApplicationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TeamsScreenTest {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    DirectoryQueries directory;

    private Browser browser;
    private Scenery scenery;
    private Tenant tenant;

    @BeforeAll
    void start() {
        scenery = new Scenery(context);
        tenant = scenery.organization("Northwind Traders");
        browser = Browser.start(port);
        browser.signIn(tenant.adminEmail(), Scenery.PASSWORD);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    /** An organization of the same admin, with provisioning on, manual and Okta members and teams. */
    private record Teams(
            Tenant tenant, TeamId design, TeamId engineering, MemberId ada, MemberId grace, MemberId linus) {}

    private Teams teams(String name) {
        Tenant org = scenery.alsoManagedBy(tenant, name);
        MemberId ada = scenery.invite(org, "Ada", "Lovelace");
        MemberId grace = scenery.invite(org, "Grace", "Hopper");
        TeamId design = scenery.team(org, "Design", ada);
        scenery.team(org, "Research");
        scenery.provisioningOn(org);
        MemberId linus = scenery.oktaMember(org, "Linus", "Torvalds");
        MemberId margo = scenery.oktaMember(org, "Margo", "Seltzer");
        scenery.oktaMember(org, "Ken", "Thompson");
        TeamId engineering = scenery.oktaTeam(org, "Engineering", margo);
        return new Teams(org, design, engineering, ada, grace, linus);
    }

    /** Opens "Add a member" and searches until the one candidate it offers is this member. */
    private void searchToAdd(String query, String name) {
        browser.openDialog(By.id("add-member-button"), "add-dialog");
        browser.type(By.id("candidate-q"), query);
        browser.waitUntil(d -> candidateNames().equals(List.of(name)));
    }

    private WebElement teamRow(TeamId team) {
        return browser.find(By.cssSelector("tr[data-team-id='" + team.value() + "']"));
    }

    /**
     * Whether the candidates shown are the answer to this whole search, not to a part of it typed before a pause (each
     * candidate's form carries the search it answers): a late answer would replace what the test then uses.
     */
    private boolean searched(String query) {
        return browser.present(By.cssSelector("#candidates input[name=q][value='" + query + "']"));
    }

    /** The members offered in "Add a member", read in one go (htmx may be replacing them). */
    @SuppressWarnings("unchecked")
    private List<String> candidateNames() {
        return (List<String>) browser.script("return Array.from(document.querySelectorAll("
                + "'#candidates .candidate .identity-name')).map(name => name.textContent.trim());");
    }

    @Test
    void rendersTeamsWithBadgesAndMemberCounts() {
        Teams org = teams("Northwind Teams");
        browser.open(org.tenant().path("/teams"));

        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Teams");
        assertThat(browser.text(By.cssSelector(".page-header .subtitle"))).isEqualTo("3 teams");
        assertThat(browser.all(By.cssSelector("tr.team-row .identity-name")))
                .extracting(WebElement::getText)
                .containsExactly("Design", "Engineering", "Research");
        WebElement engineering = teamRow(org.engineering());
        assertThat(engineering.findElements(By.cssSelector(".okta-badge"))).hasSize(1);
        assertThat(engineering.findElement(By.cssSelector(".member-count")).getText())
                .isEqualTo("1 member");
        assertThat(engineering.getText()).contains("Managed in Okta").contains("Pushed from Okta");
        WebElement design = teamRow(org.design());
        assertThat(design.findElements(By.cssSelector(".okta-badge"))).isEmpty();
        assertThat(design.getText()).contains("1 member").contains("Created in the Control Panel");
        browser.screenshot("teams");

        browser.open(org.tenant().path("/teams?source=okta"));
        assertThat(browser.all(By.cssSelector("tr.team-row .identity-name")))
                .extracting(WebElement::getText)
                .containsExactly("Engineering");
    }

    @Test
    void longNamesWrapAndNothingScrollsSideways() {
        Tenant org = scenery.alsoManagedBy(tenant, "Northwind Long Teams");
        MemberId member =
                scenery.invite(org, "long.member@northwind.example", PersonName.of("G".repeat(250), "F".repeat(250)));
        String name = "Team" + "t".repeat(250);
        TeamId team = scenery.team(org, name, member);

        browser.open(org.path("/teams"));
        browser.assertNothingScrollsSideways();
        browser.screenshot("teams-long-names");

        browser.open(org.path("/teams/" + team.value()));
        assertThat(browser.text(By.tagName("h1"))).isEqualTo(name);
        browser.assertNothingScrollsSideways();
        // the trail keeps to one line and cuts the name; the heading shows it whole, the buttons under it
        assertThat(browser.script("var e = document.querySelector('nav[aria-label=breadcrumb] [aria-current=page]');"
                        + " var first = document.querySelector('nav[aria-label=breadcrumb] a');"
                        + " return e.scrollWidth > e.clientWidth && e.getClientRects().length === 1"
                        + " && (getComputedStyle(first).overflow === 'visible'"
                        + " || first.scrollWidth <= first.clientWidth);"))
                .isEqualTo(true);
        assertThat(buttonsUnderTheHeading()).isTrue();
        browser.screenshot("team-page-long-names");

        TeamId shortName = scenery.team(org, "Ops", member);
        browser.open(org.path("/teams/" + shortName.value()));
        assertThat(buttonsUnderTheHeading()).isFalse();
        // a short name in the trail is shown whole, not cut where there is room for it
        browser.open(org.path("/teams/" + shortName.value() + "/history"));
        assertThat(browser.script("return Array.from(document.querySelectorAll('nav[aria-label=breadcrumb] li > a'))"
                        + ".map(a => a.textContent.trim() + ':' + (a.scrollWidth <= a.clientWidth));"))
                .isEqualTo(List.of("Teams:true", "Ops:true"));
    }

    private boolean buttonsUnderTheHeading() {
        return (Boolean)
                browser.script("return document.getElementById('add-member-button').getBoundingClientRect().top"
                        + " >= document.querySelector('.profile-header h1').getBoundingClientRect().bottom;");
    }

    @Test
    void createsATeamAndExplainsWhatIsWrongWithTheName() {
        Teams org = teams("Northwind New Teams");
        browser.open(org.tenant().path("/teams"));
        browser.openDialog(By.id("create-team-button"), "create-dialog");
        assertThat(browser.driver().switchTo().activeElement().getAttribute("id"))
                .isEqualTo("create-name");
        browser.screenshot("teams-create-dialog");

        browser.submit(By.cssSelector("button[form=create-form]"));
        assertThat(browser.dialogOpen("create-dialog")).isTrue();
        assertThat(browser.text(By.id("create-name-error"))).isEqualTo("Give the team a name");

        browser.type(By.id("create-name"), "design");
        browser.submit(By.cssSelector("button[form=create-form]"));
        assertThat(browser.text(By.id("create-name-error")))
                // named as the team that has the name writes it, not as typed: the admin sees which team it is
                .isEqualTo("A team named 'Design' already exists in this organization");
        assertThat(browser.find(By.id("create-name")).getAttribute("value")).isEqualTo("design");
        assertThat(browser.find(By.id("create-name")).getAttribute("aria-invalid"))
                .isEqualTo("true");
        browser.screenshot("teams-create-dialog-error");

        browser.type(By.id("create-name"), "T".repeat(300));
        browser.submit(By.cssSelector("button[form=create-form]"));
        assertThat(browser.text(By.id("create-name-error")))
                .as("the form's label, not the domain's name for the value")
                .isEqualTo("Team name must be at most 256 characters");

        browser.type(By.id("create-name"), "Support");
        browser.submit(By.cssSelector("button[form=create-form]"));
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Support");
        assertThat(browser.text(By.cssSelector(".flash-notice")))
                .isEqualTo("Created team Support. Add its members here.");
        assertThat(browser.text(By.cssSelector("#page .empty-state"))).contains("No members in this team yet");
    }

    @Test
    void rendersTeamPagesAManualOneEditableAndAnOktaOneManagedInOkta() {
        Teams org = teams("Northwind Team Pages");
        browser.open(org.tenant().path("/teams/" + org.design().value()));
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Design");
        assertThat(browser.text(By.id("team-member-count"))).isEqualTo("1 member");
        assertThat(browser.all(By.cssSelector("#team-members tr.member-row .identity-name")))
                .extracting(WebElement::getText)
                .containsExactly("Ada Lovelace");
        assertThat(browser.find(By.id("add-member-button")).isEnabled()).isTrue();
        browser.screenshot("team-page");

        browser.open(org.tenant().path("/teams/" + org.engineering().value()));
        assertThat(browser.present(By.cssSelector(".profile-header .okta-badge")))
                .isTrue();
        assertThat(browser.text(By.id("managed-note"))).contains("This team is managed in Okta");
        assertThat(browser.find(By.id("add-member-button")).isEnabled()).isFalse();
        assertThat(browser.find(By.id("rename-team-button")).isEnabled()).isFalse();
        assertThat(browser.find(By.cssSelector("#team-members button")).isEnabled())
                .as("Remove")
                .isFalse();
        browser.screenshot("team-page-managed-in-okta");
    }

    @Test
    void aDeactivatedMemberIsMarkedSoAmongTheMembersOfferedToJoinATeam() {
        Teams org = teams("Northwind Deactivated Candidates");
        scenery.deactivate(org.tenant(), org.grace());
        browser.open(org.tenant().path("/teams/" + org.design().value()));
        browser.openDialog(By.id("add-member-button"), "add-dialog");
        // offered (a deactivated member may be put in a team), but not mistaken for an active one
        assertThat(candidateNames()).containsExactly("Grace Hopper", "Ken Thompson", "Linus Torvalds", "Margo Seltzer");
        WebElement grace = browser.find(By.cssSelector(
                "#candidates .candidate[data-member-id='" + org.grace().value() + "']"));
        assertThat(grace.findElement(By.cssSelector(".status")).getText()).isEqualTo("Deactivated");
        assertThat(grace.findElement(By.cssSelector("button")).getAttribute("aria-label"))
                .isEqualTo("Add Grace Hopper (grace.hopper@northwind.example), deactivated");
        assertThat(browser.driver().findElements(By.cssSelector("#candidates .candidate .status")))
                .hasSize(1);
    }

    @Test
    void aProvisionedMemberJoinsAManualTeamButAManualMemberCanNotJoinAProvisionedTeam() {
        Teams org = teams("Northwind Memberships");

        // rule 4: into a manual team, anyone; Okta's members too
        browser.open(org.tenant().path("/teams/" + org.design().value()));
        browser.openDialog(By.id("add-member-button"), "add-dialog");
        assertThat(candidateNames()).containsExactly("Grace Hopper", "Ken Thompson", "Linus Torvalds", "Margo Seltzer");
        browser.type(By.id("candidate-q"), "lin");
        browser.waitUntil(d -> searched("lin") && candidateNames().equals(List.of("Linus Torvalds")));
        assertThat(browser.find(By.cssSelector("#candidates .candidate .okta-badge"))
                        .isDisplayed())
                .isTrue();
        browser.screenshot("team-add-member-dialog");
        // named with the email too: two members may share a name
        browser.submit(By.cssSelector(
                "#candidates button[aria-label='Add Linus Torvalds (linus.torvalds@northwind.example)']"));

        // the dialog is back, said what it did, and keeps the search and the focus: the next one can be added
        browser.waitUntil(d -> browser.dialogOpen("add-dialog"));
        assertThat(browser.text(By.cssSelector("#add-dialog #add-status")))
                .isEqualTo("Added Linus Torvalds to Design.");
        assertThat(browser.present(By.cssSelector(".flash-area .flash"))).isFalse();
        WebElement focused = browser.driver().switchTo().activeElement();
        assertThat(focused.getAttribute("id")).isEqualTo("candidate-q");
        assertThat(focused.getAttribute("value")).isEqualTo("lin");
        assertThat(browser.text(By.id("candidates"))).contains("No member who may join this team matches “lin”.");
        browser.screenshot("team-add-member-dialog-after-add");
        browser.type(By.id("candidate-q"), "ken");
        browser.waitUntil(d -> searched("ken") && candidateNames().equals(List.of("Ken Thompson")));
        browser.submit(
                By.cssSelector("#candidates button[aria-label='Add Ken Thompson (ken.thompson@northwind.example)']"));
        browser.waitUntil(d -> browser.dialogOpen("add-dialog"));
        assertThat(browser.text(By.id("add-status"))).isEqualTo("Added Ken Thompson to Design.");
        assertThat(candidateNames()).isEmpty();
        assertThat(browser.path()).contains("add");

        // "Done" gives the focus back to the button that opened the dialog, on the page that shows them
        browser.click(By.cssSelector("#add-dialog footer [data-dialog-close]"));
        assertThat(browser.dialogOpen("add-dialog")).isFalse();
        // the focus comes back on the dialog's close event, a moment after the click
        browser.waitUntil(d -> "add-member-button"
                .equals(browser.driver().switchTo().activeElement().getAttribute("id")));
        // and the address no longer opens the dialog: a reload shows the page
        browser.waitUntil(d -> !browser.path().contains("?"));
        browser.driver().navigate().refresh();
        assertThat(browser.dialogOpen("add-dialog")).isFalse();
        assertThat(browser.text(By.id("team-member-count"))).isEqualTo("3 members");
        WebElement linus = browser.find(
                By.cssSelector("#team-members tr[data-member-id='" + org.linus().value() + "']"));
        assertThat(linus.findElements(By.cssSelector(".okta-badge"))).hasSize(1);

        // rule 1: while provisioning is on, the Okta team can not be changed here at all
        browser.open(org.tenant().path("/teams/" + org.engineering().value()));
        assertThat(browser.find(By.id("add-member-button")).isEnabled()).isFalse();

        // rule 3: with provisioning off it can, but only Okta's members are offered
        scenery.provisioningOff(org.tenant());
        browser.open(org.tenant().path("/teams/" + org.engineering().value()));
        browser.openDialog(By.id("add-member-button"), "add-dialog");
        assertThat(browser.text(By.id("add-help")))
                .isEqualTo("Only members provisioned by Okta can join a team pushed from Okta.");
        assertThat(candidateNames()).containsExactly("Ken Thompson", "Linus Torvalds");
        browser.type(By.id("candidate-q"), "grace");
        browser.waitUntil(
                d -> browser.text(By.id("candidates")).contains("No member who may join this team matches “grace”"));
        browser.screenshot("team-add-member-dialog-okta-team");

        // a manual member forced into the form is refused by the domain, and the page says why
        browser.type(By.id("candidate-q"), "ken");
        browser.waitUntil(d -> searched("ken") && candidateNames().equals(List.of("Ken Thompson")));
        browser.script(
                "document.querySelector('#candidates input[name=memberId]').value = arguments[0];",
                org.grace().value());
        browser.submit(By.cssSelector("#candidates button[type=submit]"));
        browser.waitUntil(d -> browser.dialogOpen("add-dialog"));
        assertThat(browser.text(By.cssSelector("#add-dialog .flash-alert[role=alert]")))
                .contains("Grace Hopper was invited in the Control Panel and can not join Engineering");
        assertThat(browser.text(By.id("team-member-count"))).isEqualTo("1 member");
        assertThat(directory
                        .findTeam(org.tenant().id(), org.engineering())
                        .orElseThrow()
                        .team()
                        .memberCount())
                .isEqualTo(1);

        // provisioning on again while the dialog is open: Okta manages the team, and its search offers nobody
        scenery.provisioningOn(org.tenant());
        browser.type(By.id("candidate-q"), "thompson");
        browser.waitUntil(d -> browser.present(By.id("candidates-managed")));
        assertThat(browser.text(By.id("candidates-managed")))
                .startsWith("This team is managed in Okta now. Its members change when Okta pushes the group");
        assertThat(browser.all(By.cssSelector("#candidates .candidate"))).isEmpty();
        assertThat(browser.text(By.id("candidates"))).doesNotContain("No member who may join");
    }

    @Test
    void removesAMemberFromATeamAndTheMemberStays() {
        Teams org = teams("Northwind Removals");
        browser.open(org.tenant().path("/teams/" + org.design().value()));
        browser.submit(By.cssSelector(
                "button[aria-label='Remove Ada Lovelace (ada.lovelace@northwind.example) from Design']"));

        assertThat(browser.text(By.cssSelector(".flash-notice"))).isEqualTo("Removed Ada Lovelace from Design.");
        assertThat(browser.text(By.id("team-member-count"))).isEqualTo("0 members");
        assertThat(browser.present(By.cssSelector("#team-members"))).isFalse();
        assertThat(directory.findMember(org.tenant().id(), org.ada())).isPresent();
    }

    @Test
    void removingMembersOnALaterPageStaysOnThatPage() {
        Tenant org = scenery.alsoManagedBy(tenant, "Northwind Pages");
        List<MemberId> members = new java.util.ArrayList<>();
        for (int i = 1; i <= 22; i++) {
            members.add(scenery.invite(org, "Member", String.format("N%02d", i)));
        }
        TeamId big = scenery.team(org, "Big", members.toArray(MemberId[]::new));
        String page = org.path("/teams/" + big.value());
        browser.open(page + "?offset=20");
        assertThat(browser.text(By.cssSelector("nav.pager > span:not(.pager-placeholder)")))
                .isEqualTo("21–22 of 22 members");

        browser.submit(
                By.cssSelector("button[aria-label='Remove Member N21 (member.n21@northwind.example) from Big']"));
        assertThat(browser.text(By.cssSelector(".flash-notice"))).isEqualTo("Removed Member N21 from Big.");
        assertThat(browser.path()).isEqualTo(page + "?offset=20#team-members-title");
        // the keyboard goes on from the list of members, not from the top of the page (its skip link)
        new org.openqa.selenium.interactions.Actions(browser.driver())
                .sendKeys(Keys.TAB)
                .perform();
        assertThat((Boolean) browser.script(
                        "return !!document.activeElement.closest('section[aria-labelledby=team-members-title]');"))
                .as("focus after one Tab: " + browser.script("return document.activeElement.outerHTML.slice(0, 120);"))
                .isTrue();
        assertThat(browser.all(By.cssSelector("#team-members .identity-name")))
                .extracting(WebElement::getText)
                .containsExactly("Member N22");

        // the last member of that page removed: the page before it, now the last
        browser.submit(
                By.cssSelector("button[aria-label='Remove Member N22 (member.n22@northwind.example) from Big']"));
        assertThat(browser.text(By.cssSelector(".flash-notice"))).isEqualTo("Removed Member N22 from Big.");
        assertThat(browser.path()).isEqualTo(page + "#team-members-title");
        assertThat(browser.text(By.id("team-member-count"))).isEqualTo("20 members");
    }

    @Test
    void aRemovalOrAnAdditionFromAStalePageSaysWhatIsTrue() {
        Teams org = teams("Northwind Stale");
        browser.open(org.tenant().path("/teams/" + org.design().value()));
        scenery.removeFromTeam(org.tenant(), org.design(), org.ada());

        browser.submit(By.cssSelector(
                "button[aria-label='Remove Ada Lovelace (ada.lovelace@northwind.example) from Design']"));

        assertThat(browser.text(By.cssSelector(".flash-notice"))).isEqualTo("Ada Lovelace was no longer in Design.");

        // an addition someone else made meanwhile: said in the dialog, which stays open
        searchToAdd("grace", "Grace Hopper");
        scenery.addToTeam(org.tenant(), org.design(), org.grace());
        browser.submit(
                By.cssSelector("#candidates button[aria-label='Add Grace Hopper (grace.hopper@northwind.example)']"));
        browser.waitUntil(d -> browser.dialogOpen("add-dialog"));
        assertThat(browser.text(By.id("add-status"))).isEqualTo("Grace Hopper is already in Design.");

        // the team became managed in Okta meanwhile: no dialog to reopen, so the page says why nothing was done
        scenery.provisioningOff(org.tenant());
        browser.open(org.tenant().path("/teams/" + org.engineering().value()));
        browser.openDialog(By.id("add-member-button"), "add-dialog");
        browser.waitUntil(d -> candidateNames().contains("Linus Torvalds"));
        scenery.provisioningOn(org.tenant());
        browser.submit(By.cssSelector(
                "#candidates button[aria-label='Add Linus Torvalds (linus.torvalds@northwind.example)']"));
        assertThat(browser.present(By.id("add-dialog"))).isFalse();
        assertThat(browser.text(By.cssSelector(".flash-area .flash-alert"))).contains("managed in Okta");
        assertThat(browser.text(By.id("team-member-count"))).isEqualTo("1 member");
    }

    @Test
    void aMemberDeletedMeanwhileIsSaidToBeGoneAndTheTeamPageStays() {
        Teams org = teams("Northwind Gone");
        // added from the dialog after someone else deleted the member: the dialog stays, saying so
        browser.open(org.tenant().path("/teams/" + org.design().value()));
        searchToAdd("grace", "Grace Hopper");
        // the Add button's focus ring (2 px, 2 px apart) fits inside the list, which scrolls and cuts what passes it
        assertThat(
                        (Boolean)
                                browser.script(
                                        "const add = document.querySelector('#candidates .candidate button');"
                                                + "const list = add.closest('.candidate-list'), edge = list.getBoundingClientRect();"
                                                + "return add.getBoundingClientRect().right + 4 <= edge.left + list.clientLeft + list.clientWidth;"))
                .isTrue();
        scenery.remove(org.tenant(), org.grace());
        browser.submit(
                By.cssSelector("#candidates button[aria-label='Add Grace Hopper (grace.hopper@northwind.example)']"));
        browser.waitUntil(d -> browser.dialogOpen("add-dialog"));
        assertThat(browser.text(By.id("add-status")))
                .isEqualTo("Not done. That member no longer exists (deleted meanwhile): nothing was changed.");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Design");

        // removed from a page shown before the member was deleted: the page says so
        browser.open(org.tenant().path("/teams/" + org.design().value()));
        scenery.remove(org.tenant(), org.ada());
        browser.submit(By.cssSelector(
                "button[aria-label='Remove Ada Lovelace (ada.lovelace@northwind.example) from Design']"));
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Design");
        assertThat(browser.text(By.cssSelector(".flash-area .flash-alert")))
                .contains("That member no longer exists (deleted meanwhile): nothing was changed.");
        assertThat(browser.text(By.id("team-member-count"))).isEqualTo("0 members");
    }

    @Test
    void aFormOfATeamDeletedMeanwhileGoesBackToTheTeamListSayingSo() {
        Teams org = teams("Northwind Team Gone");
        String gone = "Not done. That team no longer exists (deleted meanwhile): nothing was changed.";
        // renamed from a page shown before another admin deleted the team
        browser.open(org.tenant().path("/teams/" + org.design().value()));
        browser.openDialog(By.id("rename-team-button"), "rename-dialog");
        browser.type(By.id("rename-name"), "Product Design");
        scenery.deleteTeam(org.tenant(), org.design());
        browser.submit(By.cssSelector("button[form=rename-form]"));
        assertThat(browser.path()).isEqualTo(org.tenant().path("/teams"));
        assertThat(browser.text(By.cssSelector(".flash-area .flash-alert"))).isEqualTo(gone);
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Teams");

        // a member removed from it, and the team deleted, from a page shown before
        TeamId research = scenery.team(org.tenant(), "Research Two", org.grace());
        browser.open(org.tenant().path("/teams/" + research.value()));
        scenery.deleteTeam(org.tenant(), research);
        browser.submit(By.cssSelector(
                "button[aria-label='Remove Grace Hopper (grace.hopper@northwind.example) from Research Two']"));
        assertThat(browser.path()).isEqualTo(org.tenant().path("/teams"));
        assertThat(browser.text(By.cssSelector(".flash-area .flash-alert"))).isEqualTo(gone);
    }

    @Test
    void backAndForwardToARefusedRenameReadTheTeamPageAgainNotTheForm() {
        Teams org = teams("Northwind Refused Back");
        String page = org.tenant().path("/teams/" + org.design().value());
        browser.open(page);
        browser.openDialog(By.id("rename-team-button"), "rename-dialog");
        browser.type(By.id("rename-name"), "RESEARCH");
        browser.submit(By.cssSelector("button[form=rename-form]"));
        assertThat(browser.dialogOpen("rename-dialog")).isTrue();
        assertThat(browser.text(By.id("rename-name-error"))).isNotBlank();
        // the refusal stands at the address of the page the form was sent from, not at the form's
        assertThat(browser.path()).isEqualTo(page);

        browser.find(By.id("rename-name")).sendKeys(Keys.ESCAPE);
        browser.waitUntil(d -> !browser.dialogOpen("rename-dialog"));
        browser.click(By.linkText("Members"));
        browser.waitUntil(d -> browser.path().equals(org.tenant().path("/members")));
        browser.driver().navigate().back();
        browser.waitUntil(d -> browser.path().equals(page) && browser.present(By.tagName("h1")));
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Design");
        browser.driver().navigate().forward();
        browser.waitUntil(d -> browser.path().equals(org.tenant().path("/members")));
        browser.driver().navigate().back();
        browser.waitUntil(d -> browser.path().equals(page) && browser.present(By.tagName("h1")));
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Design");
    }

    @Test
    void aRenameRefusedBecauseTheTeamBecameManagedInOktaSaysSoOnThePage() {
        Teams org = teams("Northwind Late Rename");
        scenery.provisioningOff(org.tenant());
        browser.open(org.tenant().path("/teams/" + org.engineering().value()));
        browser.openDialog(By.id("rename-team-button"), "rename-dialog");
        browser.type(By.id("rename-name"), "Platform");
        scenery.provisioningOn(org.tenant());

        browser.submit(By.cssSelector("button[form=rename-form]"));

        assertThat(browser.text(By.cssSelector(".flash-alert")))
                .contains("Not renamed to Platform: ")
                .contains("managed in Okta");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Engineering");
    }

    @Test
    void renamesAndDeletesATeamWhoseMembersStay() {
        Teams org = teams("Northwind Renames");
        browser.open(org.tenant().path("/teams/" + org.design().value()));

        browser.openDialog(By.id("rename-team-button"), "rename-dialog");
        browser.type(By.id("rename-name"), "RESEARCH");
        browser.submit(By.cssSelector("button[form=rename-form]"));
        assertThat(browser.dialogOpen("rename-dialog")).isTrue();
        assertThat(browser.text(By.id("rename-name-error")))
                .isEqualTo("A team named 'Research' already exists in this organization");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Design");

        browser.type(By.id("rename-name"), "P".repeat(300));
        browser.submit(By.cssSelector("button[form=rename-form]"));
        assertThat(browser.text(By.id("rename-name-error"))).isEqualTo("Team name must be at most 256 characters");

        browser.type(By.id("rename-name"), "Product Design");
        browser.submit(By.cssSelector("button[form=rename-form]"));
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Product Design");
        assertThat(browser.text(By.cssSelector(".flash-notice"))).isEqualTo("Renamed the team to Product Design.");
        // a status on the page from its load is not read out: the page's lasting live region says it
        browser.waitUntil(d -> "Renamed the team to Product Design."
                .equals(browser.script("return document.getElementById('announcer').textContent;")));

        // the name it already has: nothing changes, and the page does not claim it did
        browser.openDialog(By.id("rename-team-button"), "rename-dialog");
        assertThat(browser.find(By.id("rename-name")).getDomProperty("value")).isEqualTo("Product Design");
        browser.submit(By.cssSelector("button[form=rename-form]"));
        assertThat(browser.text(By.cssSelector(".flash-notice")))
                .isEqualTo("The team is already called Product Design.");

        browser.openDialog(By.id("delete-team-button"), "delete-dialog");
        assertThat(browser.text(By.id("delete-text"))).contains("its members stay members");
        browser.submit(By.cssSelector("#delete-dialog button[type=submit]"));
        assertThat(browser.path()).isEqualTo(org.tenant().path("/teams"));
        assertThat(browser.text(By.cssSelector(".flash-notice")))
                .isEqualTo("Deleted team Product Design. Its members stay members.");
        assertThat(directory.findTeam(org.tenant().id(), org.design())).isEmpty();
        assertThat(directory.findMember(org.tenant().id(), org.ada()))
                .as("rule 9")
                .isPresent();
    }

    @Test
    void withoutScriptsATeamIsRenamedAndDeletedAndAMemberDeletedEachAfterAsking() {
        Teams org = teams("Northwind Without Scripts");
        String page = org.tenant().path("/teams/" + org.design().value());
        browser.scripts(false);
        try {
            browser.open(page);
            // each action is a link to the page with its dialog open (they were buttons only a script opened)
            browser.follow(By.id("rename-team-button"));
            assertThat(browser.path()).isEqualTo(page + "?rename");
            assertThat(browser.dialogOpen("rename-dialog")).isTrue();
            browser.follow(By.cssSelector("#rename-dialog a.secondary"));
            assertThat(browser.path()).isEqualTo(page);
            assertThat(browser.dialogOpen("rename-dialog")).isFalse();
            browser.follow(By.id("rename-team-button"));
            browser.type(By.id("rename-name"), "Design Studio");
            browser.follow(By.cssSelector("button[form=rename-form]"));
            assertThat(browser.text(By.tagName("h1"))).isEqualTo("Design Studio");

            // the header's close button is a link back too
            browser.follow(By.id("rename-team-button"));
            browser.follow(By.cssSelector("#rename-dialog header [rel=prev]"));
            assertThat(browser.path()).isEqualTo(page);
            assertThat(browser.dialogOpen("rename-dialog")).isFalse();

            browser.follow(By.id("add-member-button"));
            assertThat(browser.path()).isEqualTo(page + "?add");
            assertThat(browser.dialogOpen("add-dialog")).isTrue();
            assertThat(candidateNames()).contains("Grace Hopper", "Linus Torvalds");
            // Enter sends the search: the page again, the dialog open on the members it finds
            browser.find(By.id("candidate-q")).sendKeys("hopper" + Keys.ENTER);
            browser.waitUntil(d -> browser.path().contains("q=hopper"));
            assertThat(browser.dialogOpen("add-dialog")).isTrue();
            assertThat(candidateNames()).containsExactly("Grace Hopper");
            assertThat(browser.find(By.id("candidate-q")).getAttribute("value")).isEqualTo("hopper");
            browser.follow(By.cssSelector("#candidates button[aria-label^='Add Grace Hopper']"));
            assertThat(browser.text(By.id("add-status"))).isEqualTo("Added Grace Hopper to Design Studio.");
            assertThat(directory
                            .findMember(org.tenant().id(), org.grace())
                            .orElseThrow()
                            .teams())
                    .extracting(TeamRef::teamId)
                    .contains(org.design());
            // Done closes it
            browser.follow(By.cssSelector("#add-dialog footer a"));
            assertThat(browser.path()).isEqualTo(page);
            assertThat(browser.dialogOpen("add-dialog")).isFalse();

            browser.open(page);
            browser.follow(By.id("delete-team-button"));
            assertThat(browser.dialogOpen("delete-dialog")).isTrue();
            browser.follow(By.cssSelector("#delete-dialog a.secondary"));
            assertThat(directory.findTeam(org.tenant().id(), org.design())).isPresent();
            browser.follow(By.id("delete-team-button"));
            browser.follow(By.cssSelector("#delete-dialog button[type=submit]"));
            assertThat(browser.path()).isEqualTo(org.tenant().path("/teams"));
            assertThat(directory.findTeam(org.tenant().id(), org.design())).isEmpty();

            String member = org.tenant().path("/members/" + org.grace().value());
            browser.open(member);
            browser.follow(By.id("delete-member-button"));
            assertThat(browser.path()).isEqualTo(member + "?delete");
            assertThat(browser.dialogOpen("delete-dialog")).isTrue();
            browser.follow(By.cssSelector("#delete-dialog button[type=submit]"));
            assertThat(directory.findMember(org.tenant().id(), org.grace())).isEmpty();
            // the lists' dialogs close by their Cancel and their close button alike
            String teamsList = org.tenant().path("/teams");
            browser.open(teamsList);
            browser.follow(By.id("create-team-button"));
            assertThat(browser.dialogOpen("create-dialog")).isTrue();
            browser.follow(By.cssSelector("#create-dialog footer a.secondary"));
            assertThat(browser.path()).isEqualTo(teamsList);
            assertThat(browser.dialogOpen("create-dialog")).isFalse();
            String membersList = org.tenant().path("/members");
            browser.open(membersList);
            browser.follow(By.id("invite-button"));
            assertThat(browser.dialogOpen("invite-dialog")).isTrue();
            browser.follow(By.cssSelector("#invite-dialog header [rel=prev]"));
            assertThat(browser.path()).isEqualTo(membersList);
            assertThat(browser.dialogOpen("invite-dialog")).isFalse();

            // managed in Okta: no link, a button that says so
            browser.open(org.tenant().path("/teams/" + org.engineering().value()));
            assertThat(browser.find(By.id("delete-team-button")).getTagName()).isEqualTo("button");
            assertThat(browser.find(By.id("delete-team-button")).isEnabled()).isFalse();
        } finally {
            browser.scripts(true);
        }
    }
}
