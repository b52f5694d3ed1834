package com.controlpanel.provisioning.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.directory.DirectoryQueries;
import com.controlpanel.provisioning.domain.api.MemberId;
import com.controlpanel.provisioning.domain.api.TeamId;
import com.controlpanel.provisioning.registry.TenantCredentials;
import com.controlpanel.provisioning.storage.DatabaseBackups;
import com.controlpanel.provisioning.testing.ApplicationTest;
import com.controlpanel.provisioning.testing.FormSession;
import com.controlpanel.provisioning.testing.Http;
import com.controlpanel.provisioning.ui.Scenery.Tenant;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** Settings → User provisioning: the switch, the credentials shown once with copy buttons, regenerate, switch off. */
@ExtendWith(ChromiumAvailable.class)
@ApplicationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProvisioningSettingsTest {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    TenantCredentials credentials;

    @Autowired
    DirectoryQueries directory;

    @Autowired
    JdbcTemplate jdbc;

    private Browser browser;
    private Scenery scenery;
    private Tenant tenant;

    @BeforeAll
    void start() {
        browser = Browser.start(port);
        scenery = new Scenery(context);
    }

    /** Every test gets an organization of its own, with provisioning off, and its admin signed in. */
    @BeforeEach
    void organization() {
        browser.open("/login");
        browser.driver().manage().deleteAllCookies();
        tenant = scenery.organization("Northwind Traders");
        browser.signIn(tenant.adminEmail(), Scenery.PASSWORD);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    private String lastEventMetaData(String eventType) {
        byte[] metaData = jdbc.queryForObject(
                "SELECT meta_data FROM domain_event_entry WHERE organization_id = ? AND payload_type LIKE ?"
                        + " ORDER BY global_index DESC LIMIT 1",
                byte[].class,
                tenant.id().value(),
                "%." + eventType);
        return new String(metaData, StandardCharsets.UTF_8);
    }

    private String tenantId() {
        return directory.organization(tenant.id()).orElseThrow().tenantId().value();
    }

    @Test
    void rendersTheSettingsWithProvisioningOffAndTheOktaGuide() {
        browser.open(tenant.path("/settings/provisioning"));

        assertThat(browser.text(By.id("provisioning-title"))).isEqualTo("User provisioning with Okta");
        assertThat(browser.find(By.id("provisioning-switch")).isSelected()).isFalse();
        assertThat(browser.find(By.id("provisioning-switch")).getAttribute("role"))
                .isEqualTo("switch");
        assertThat(browser.present(By.id("tenant-url"))).isFalse();
        assertThat(browser.present(By.id("secret-token"))).isFalse();
        String guide = browser.text(By.id("okta-guide"));
        assertThat(guide)
                .contains("SCIM 2.0 Test App (OAuth Bearer Token)")
                .contains("Configure API Integration")
                .contains("Enable API Integration")
                .contains("SCIM 2.0 Base Url")
                .contains("OAuth Bearer Token")
                .contains("Test API Credentials")
                .contains("Push Groups");
        // what becomes of the members and teams made here before (ScimTakeOverTest holds the service to it)
        assertThat(browser.text(By.id("okta-guide-existing")))
                .contains("Okta finds a member you invited by their email")
                .contains("managed in Okta")
                .contains("A team is not taken over while a member invited here would stay in it");
        assertThat(browser.find(By.cssSelector(".sections a[aria-current=page]"))
                        .getText())
                .isEqualTo("Settings");
        browser.screenshot("settings-provisioning-off");
    }

    @Test
    void switchingOnShowsTheTenantUrlAndTheTokenOnceWithCopyButtons() {
        browser.open(tenant.path("/settings/provisioning"));
        // the switch asks for the admin's own password first: a session left open is not enough to issue a token
        // that never expires
        browser.click(By.id("provisioning-switch"));
        browser.waitUntil(d -> browser.dialogOpen("enable-dialog"));
        assertThat(browser.find(By.id("provisioning-switch")).isSelected())
                .as("off until confirmed")
                .isFalse();
        assertThat(browser.driver().switchTo().activeElement().getAttribute("id"))
                .isEqualTo("enable-your-password");
        browser.screenshot("settings-enable-dialog");
        browser.submit(By.id("confirm-enable"));
        assertThat(browser.dialogOpen("enable-dialog")).as("asked again").isTrue();
        assertThat(browser.text(By.id("enable-your-password-error")))
                .isEqualTo("Enter your password: nothing was changed");
        browser.type(By.id("enable-your-password"), "not-" + Scenery.PASSWORD);
        browser.submit(By.id("confirm-enable"));
        assertThat(browser.text(By.id("enable-your-password-error")))
                .isEqualTo("This is not your password: nothing was changed");
        assertThat(browser.find(By.id("provisioning-switch")).isSelected()).isFalse();
        assertThat(directory.organization(tenant.id()).orElseThrow().provisioningEnabled())
                .as("nothing issued")
                .isFalse();
        browser.type(By.id("enable-your-password"), Scenery.PASSWORD);
        browser.submit(By.id("confirm-enable"));

        assertThat(browser.find(By.id("provisioning-switch")).isSelected()).isTrue();
        assertThat(browser.text(By.cssSelector(".flash-notice"))).contains("User provisioning is on");
        String tenantUrl = browser.find(By.id("tenant-url")).getAttribute("value");
        assertThat(tenantUrl).isEqualTo(browser.base() + "/scim/v2/" + tenantId());
        String token = browser.find(By.id("secret-token")).getAttribute("value");
        assertThat(token).startsWith("scim_").hasSizeGreaterThan(40);
        assertThat(credentials.verify(tenantId(), token))
                .as("the token shown is the one Okta needs")
                .isPresent();
        assertThat(browser.text(By.id("token-once"))).contains("shown only this once");
        assertThat(browser.text(By.id("login-method-reminder"))).contains("enable Okta as a login method");
        assertThat(lastEventMetaData("ProvisioningEnabled"))
                .as("the audit trail says which admin did it, from which browser")
                .contains("\"actorKind\":\"ADMIN\"")
                .contains("\"actorName\":\"" + tenant.adminEmail() + "\"")
                .contains("HeadlessChrome");

        browser.click(By.cssSelector("[data-copy=secret-token]"));
        browser.waitUntil(d -> "Copied".equals(browser.text(By.cssSelector("[data-copy=secret-token]"))));
        assertThat(browser.clipboard()).isEqualTo(token);
        browser.click(By.cssSelector("[data-copy=tenant-url]"));
        browser.waitUntil(d -> tenantUrl.equals(browser.clipboard()));
        // screen readers hear it from the live region
        browser.waitUntil(d -> "Copied to the clipboard.".equals(browser.text(By.id("announcer"))));
        browser.screenshot("settings-provisioning-token-shown");

        // the token is shown once: the same page again masks it, and it is nowhere in the page
        browser.open(tenant.path("/settings/provisioning"));
        assertThat(browser.find(By.id("secret-token")).getAttribute("value")).matches("•+");
        assertThat(browser.driver().getPageSource()).doesNotContain(token);
        assertThat(browser.find(By.id("tenant-url")).getAttribute("value")).isEqualTo(tenantUrl);
        assertThat(browser.present(By.cssSelector("[data-copy=secret-token]"))).isFalse();
        assertThat(credentials.verify(tenantId(), token)).isPresent();
        browser.screenshot("settings-provisioning-on");

        browser.resize(Browser.PHONE);
        try {
            browser.open(tenant.path("/settings/provisioning"));
            browser.assertNoHorizontalScroll();
            browser.screenshotOfWindow("settings-provisioning-on-phone");
        } finally {
            browser.resize(Browser.LAPTOP);
        }
    }

    @Test
    void regeneratingAsksFirstThenReplacesTheToken() {
        String first = scenery.provisioningOn(tenant).secretToken().reveal();
        browser.open(tenant.path("/settings/provisioning"));

        var dialog = browser.openDialog(By.id("regenerate-button"), "regenerate-dialog");
        assertThat(dialog.getText()).contains("This breaks the integration with Okta");
        assertThat(browser.driver().switchTo().activeElement().getAttribute("id"))
                .isEqualTo("regenerate-your-password");
        browser.screenshot("settings-regenerate-dialog");
        browser.click(By.cssSelector("#regenerate-dialog [data-dialog-close].secondary"));
        browser.waitUntil(d -> !browser.dialogOpen("regenerate-dialog"));
        // the page's script gives the focus back on the dialog's close event
        browser.waitUntil(d -> "regenerate-button"
                .equals(browser.driver().switchTo().activeElement().getAttribute("id")));
        assertThat(credentials.verify(tenantId(), first))
                .as("cancelled: nothing changed")
                .isPresent();

        // the admin's own password first: without it, the dialog again and the token as it was
        browser.openDialog(By.id("regenerate-button"), "regenerate-dialog");
        browser.type(By.id("regenerate-your-password"), "not-" + Scenery.PASSWORD);
        browser.submit(By.id("confirm-regenerate"));
        assertThat(browser.dialogOpen("regenerate-dialog")).isTrue();
        assertThat(browser.text(By.id("regenerate-your-password-error")))
                .isEqualTo("This is not your password: nothing was changed");
        assertThat(credentials.verify(tenantId(), first)).isPresent();
        browser.type(By.id("regenerate-your-password"), Scenery.PASSWORD);
        browser.submit(By.id("confirm-regenerate"));

        String second = browser.find(By.id("secret-token")).getAttribute("value");
        assertThat(second).startsWith("scim_").isNotEqualTo(first);
        assertThat(browser.text(By.cssSelector(".flash-notice"))).contains("previous one no longer works");
        assertThat(credentials.verify(tenantId(), first))
                .as("the old token is dead")
                .isEmpty();
        assertThat(credentials.verify(tenantId(), second)).isPresent();

        // the page showing the token answered the form itself (the token never kept for a later request); it stands
        // at the settings' address, so a reload reads the settings again: the token masked, no other one issued
        assertThat(browser.path()).isEqualTo(tenant.path("/settings/provisioning"));
        browser.driver().navigate().refresh();
        assertThat(browser.find(By.id("secret-token")).getAttribute("value")).matches("•+");
        assertThat(credentials.verify(tenantId(), second))
                .as("the reload issued no other token")
                .isPresent();
    }

    /**
     * A double click on Regenerate: the page shows the one token issued. The second click sent the form again, and the
     * browser showed its answer ("sent already", the token masked) in place of the first's: the new token was never seen
     * and the old one no longer worked.
     */
    @Test
    void aDoubleClickOnRegenerateShowsTheOneTokenItIssued() {
        String first = scenery.provisioningOn(tenant).secretToken().reveal();
        browser.open(tenant.path("/settings/provisioning"));
        browser.openDialog(By.id("regenerate-button"), "regenerate-dialog");
        browser.type(By.id("regenerate-your-password"), Scenery.PASSWORD);
        // two clicks 30 ms apart, as a double click sends them: the second while the first's answer is awaited
        browser.script("var confirm = document.getElementById('confirm-regenerate'); confirm.click();"
                + " setTimeout(function () { confirm.click(); }, 30);");

        browser.waitUntil(d -> browser.present(By.cssSelector(".flash-notice")));
        assertThat(browser.text(By.cssSelector(".flash-notice"))).doesNotContain("sent already");
        String shown = browser.find(By.id("secret-token")).getAttribute("value");
        assertThat(shown).startsWith("scim_").isNotEqualTo(first);
        assertThat(credentials.verify(tenantId(), shown))
                .as("the token shown is the one that works")
                .isPresent();
        assertThat(credentials.verify(tenantId(), first)).isEmpty();
    }

    @Test
    void switchingOffAsksFirstThenRevokesTheToken() {
        String token = scenery.provisioningOn(tenant).secretToken().reveal();
        browser.open(tenant.path("/settings/provisioning"));

        browser.click(By.id("provisioning-switch"));
        var dialog = browser.find(By.id("disable-dialog"));
        browser.waitUntil(d -> browser.dialogOpen("disable-dialog"));
        assertThat(dialog.getText())
                .contains("This breaks the integration with Okta")
                .contains("keep their Okta badge");
        assertThat(browser.find(By.id("provisioning-switch")).isSelected())
                .as("still on until confirmed")
                .isTrue();
        browser.screenshot("settings-disable-dialog");
        browser.driver().switchTo().activeElement().sendKeys(Keys.ESCAPE);
        browser.waitUntil(d -> !browser.dialogOpen("disable-dialog"));
        assertThat(credentials.verify(tenantId(), token)).isPresent();
        // opened by its address (?disable), its Escape gives the focus to the switch too, not to the page
        browser.open(tenant.path("/settings/provisioning") + "?disable");
        browser.waitUntil(d -> (Boolean)
                browser.script("return document.getElementById('disable-dialog').contains(document.activeElement);"));
        browser.driver().switchTo().activeElement().sendKeys(Keys.ESCAPE);
        browser.waitUntil(d -> !browser.dialogOpen("disable-dialog"));
        browser.waitUntil(d -> "provisioning-switch"
                .equals(browser.driver().switchTo().activeElement().getAttribute("id")));

        browser.click(By.id("provisioning-switch"));
        browser.waitUntil(d -> browser.dialogOpen("disable-dialog"));
        browser.submit(By.id("confirm-disable"));

        assertThat(browser.find(By.id("provisioning-switch")).isSelected()).isFalse();
        assertThat(browser.text(By.cssSelector(".flash-notice"))).contains("User provisioning is off");
        assertThat(browser.present(By.id("secret-token"))).isFalse();
        assertThat(credentials.verify(tenantId(), token))
                .as("rule 6: the token is refused from now on")
                .isEmpty();
    }

    @Test
    void withoutScriptsSwitchingOnAndOffAndRegeneratingAskFirstAndCancelLeavesItAsItWas() {
        browser.scripts(false);
        try {
            String page = tenant.path("/settings/provisioning");
            browser.open(page);
            // Switch on: the page with its dialog open, asking for the password; Cancel goes back to the page
            browser.follow(By.linkText("Switch on"));
            assertThat(browser.path()).isEqualTo(page + "?enable");
            assertThat(browser.dialogOpen("enable-dialog")).isTrue();
            browser.follow(By.cssSelector("#enable-dialog a.secondary"));
            assertThat(browser.path()).isEqualTo(page);
            assertThat(browser.dialogOpen("enable-dialog")).isFalse();
            assertThat(directory.organization(tenant.id()).orElseThrow().provisioningEnabled())
                    .isFalse();
            browser.follow(By.linkText("Switch on"));
            browser.type(By.id("enable-your-password"), Scenery.PASSWORD);
            browser.follow(By.id("confirm-enable"));
            String token = browser.find(By.id("secret-token")).getAttribute("value");
            assertThat(credentials.verify(tenantId(), token)).isPresent();
            // a reload of the page showing it sends the form again (no script placed it at the settings' address):
            // no other token, this one masked
            browser.driver().navigate().refresh();
            browser.waitUntil(d -> browser.text(By.cssSelector(".flash-notice")).contains("sent already"));
            assertThat(browser.path()).isEqualTo(page);
            assertThat(browser.find(By.id("secret-token")).getAttribute("class"))
                    .contains("masked");
            assertThat(credentials.verify(tenantId(), token)).isPresent();

            // Regenerate and Switch off ask first too (Switch off was sent at once, Regenerate did nothing)
            browser.open(page);
            browser.follow(By.id("regenerate-button"));
            assertThat(browser.path()).isEqualTo(page + "?regenerate");
            assertThat(browser.dialogOpen("regenerate-dialog")).isTrue();
            browser.follow(By.cssSelector("#regenerate-dialog a.secondary"));
            assertThat(browser.path()).isEqualTo(page);
            browser.follow(By.id("regenerate-button"));
            browser.type(By.id("regenerate-your-password"), Scenery.PASSWORD);
            browser.follow(By.id("confirm-regenerate"));
            String regenerated = browser.find(By.id("secret-token")).getAttribute("value");
            assertThat(credentials.verify(tenantId(), regenerated)).isPresent();
            assertThat(credentials.verify(tenantId(), token)).isEmpty();
            browser.driver().navigate().refresh();
            browser.waitUntil(d -> browser.text(By.cssSelector(".flash-notice")).contains("sent already"));
            assertThat(credentials.verify(tenantId(), regenerated))
                    .as("a reload issues no other token")
                    .isPresent();
            token = regenerated;
            browser.follow(By.linkText("Switch off"));
            assertThat(browser.path()).isEqualTo(page + "?disable");
            assertThat(browser.dialogOpen("disable-dialog")).isTrue();
            assertThat(browser.text(By.id("disable-dialog"))).contains("This breaks the integration with Okta");
            assertThat(credentials.verify(tenantId(), token))
                    .as("still on until confirmed")
                    .isPresent();
            browser.screenshot("settings-disable-without-scripts");
            browser.follow(By.cssSelector("#disable-dialog a.secondary"));
            assertThat(browser.path()).isEqualTo(page);
            assertThat(credentials.verify(tenantId(), token)).isPresent();
            browser.follow(By.linkText("Switch off"));
            browser.follow(By.id("confirm-disable"));
            assertThat(browser.text(By.cssSelector(".flash-notice"))).contains("User provisioning is off");
            assertThat(credentials.verify(tenantId(), token)).isEmpty();
        } finally {
            browser.scripts(true);
        }
    }

    @Test
    void withoutScriptsAnAdminIsRemovedAndABackupDeletedEachAfterAsking() {
        String page = tenant.path("/settings/admins");
        browser.open(page);
        String helper = "helper-" + java.util.UUID.randomUUID() + "@northwind.example";
        addAdmin(helper, Scenery.PASSWORD);
        String backup = context.getBean(DatabaseBackups.class)
                .take()
                .file()
                .getFileName()
                .toString();
        browser.scripts(false);
        try {
            browser.open(page);
            // Remove is a link to the page with its question open (it was a button only a script opened)
            browser.follow(By.cssSelector("[aria-label='Remove " + helper + " as an admin']"));
            assertThat(browser.path()).startsWith(page + "?remove=");
            WebElement asked = browser.find(By.cssSelector("dialog.remove-admin-dialog[open]"));
            assertThat(asked.getText()).contains("Remove " + helper + " as an admin?");
            browser.follow(By.cssSelector("dialog[open] a.secondary"));
            assertThat(browser.path()).isEqualTo(page);
            assertThat(adminRows()).containsExactlyInAnyOrder(tenant.adminEmail() + " (you)", helper);
            browser.follow(By.cssSelector("[aria-label='Remove " + helper + " as an admin']"));
            browser.follow(By.cssSelector("dialog[open] button.danger[type=submit]"));
            assertThat(browser.text(By.cssSelector(".flash-notice")))
                    .isEqualTo(helper + " is no longer an admin of this organization.");

            browser.open("/login");
            browser.driver().manage().deleteAllCookies();
            browser.signIn(ApplicationTest.ADMIN, ApplicationTest.PASSWORD);
            String backups = tenant.path("/settings/backups");
            browser.open(backups);
            browser.follow(By.cssSelector("[aria-label='Delete " + backup + "']"));
            assertThat(browser.path()).isEqualTo(backups + "?delete=" + backup);
            assertThat(browser.find(By.cssSelector("dialog[open]")).getText()).contains("Delete " + backup + "?");
            browser.follow(By.cssSelector("dialog[open] .confirm-delete-backup"));
            assertThat(browser.text(By.cssSelector(".flash-notice"))).isEqualTo("Backup deleted: " + backup + ".");
            assertThat(context.getBean(DatabaseBackups.class).file(backup)).isEmpty();
        } finally {
            browser.scripts(true);
        }
    }

    @Test
    void whileOffItSaysWhatOktaProvisionedEarlier() {
        scenery.provisioningOn(tenant);
        MemberId ann = scenery.oktaMember(tenant, "Ann", "Early");
        scenery.oktaMember(tenant, "Bo", "Early");
        TeamId early = scenery.oktaTeam(tenant, "Early birds", ann);
        scenery.oktaTeam(tenant, "Gone birds", ann);
        // how many there are now, not how many Okta ever pushed
        scenery.oktaDeletes(tenant, early);
        browser.open(tenant.path("/settings/provisioning"));
        assertThat(browser.text(By.id("provisioned-counts")))
                .isEqualTo("2 members and 1 team of this organization are managed in Okta now.");
        scenery.provisioningOff(tenant);

        browser.open(tenant.path("/settings/provisioning"));
        assertThat(browser.text(By.id("provisioned-counts")))
                .isEqualTo("2 members and 1 team provisioned earlier keep their Okta badge and can be edited here while"
                        + " provisioning is off.");
    }

    @Test
    void anAdminRenamesTheOrganizationUnderGeneral() {
        browser.open(tenant.path("/settings/provisioning"));
        browser.submit(By.id("general-tab"));
        assertThat(browser.path()).isEqualTo(tenant.path("/settings/general"));
        assertThat(browser.find(By.id("general-tab")).getAttribute("aria-current"))
                .isEqualTo("page");
        assertThat(browser.find(By.id("organization-name")).getDomProperty("value"))
                .isEqualTo("Northwind Traders");
        assertThat(browser.find(By.id("organization-id")).getDomProperty("value"))
                .isEqualTo(tenant.id().value());
        assertThat(browser.text(By.id("organization-created"))).isNotBlank();

        browser.type(By.id("organization-name"), "   ");
        browser.submit(By.cssSelector("#organization-name-form button[type=submit]"));
        assertThat(browser.text(By.id("organization-name-error"))).isEqualTo("Enter the organization's name");
        assertThat(browser.find(By.id("organization-name")).getAttribute("aria-invalid"))
                .isEqualTo("true");
        assertThat(directory.organization(tenant.id()).orElseThrow().name()).isEqualTo("Northwind Traders");

        browser.type(By.id("organization-name"), "Northwind Trading Company");
        browser.submit(By.cssSelector("#organization-name-form button[type=submit]"));
        assertThat(browser.path()).isEqualTo(tenant.path("/settings/general"));
        assertThat(browser.text(By.cssSelector(".flash-notice")))
                .isEqualTo("The organization is now called Northwind Trading Company.");
        assertThat(browser.text(By.cssSelector(".page-header .subtitle"))).isEqualTo("Northwind Trading Company");
        assertThat(browser.text(By.cssSelector(".topbar .org-name span:last-child")))
                .isEqualTo("Northwind Trading Company");
        assertThat(browser.driver().getTitle()).contains("Northwind Trading Company");
        assertThat(directory.organization(tenant.id()).orElseThrow().name()).isEqualTo("Northwind Trading Company");
        assertThat(lastEventMetaData("OrganizationRenamed")).contains(tenant.adminEmail());

        browser.type(By.id("organization-name"), "Northwind Trading Company");
        browser.submit(By.cssSelector("#organization-name-form button[type=submit]"));
        assertThat(browser.text(By.cssSelector(".flash-notice")))
                .isEqualTo("The organization is already called Northwind Trading Company.");
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM domain_event_entry WHERE organization_id = ? AND payload_type LIKE ?",
                        Integer.class,
                        tenant.id().value(),
                        "%.OrganizationRenamed"))
                .as("the same name again records nothing")
                .isEqualTo(1);

        browser.screenshot("settings-general");
        browser.resize(Browser.PHONE);
        try {
            browser.open(tenant.path("/settings/general"));
            browser.assertNoHorizontalScroll();
            browser.screenshot("settings-general-phone");
        } finally {
            browser.resize(Browser.LAPTOP);
        }
    }

    /** Settings → Admins' add form, sent with this email and the signed-in admin's password given again. */
    private void addAdmin(String email, String yourPassword) {
        browser.type(By.id("admin-email"), email);
        browser.type(By.id("add-admin-password"), yourPassword);
        browser.submit(By.cssSelector("#add-admin-form button[type=submit]"));
    }

    @Test
    void adminsAreAddedAndRemovedUnderSettingsButTheLastOneStays() {
        browser.open(tenant.path("/settings/provisioning"));
        browser.submit(By.id("admins-tab"));
        assertThat(browser.path()).isEqualTo(tenant.path("/settings/admins"));
        assertThat(browser.find(By.id("admins-tab")).getAttribute("aria-current"))
                .isEqualTo("page");
        assertThat(adminRows()).containsExactly(tenant.adminEmail() + " (you)");
        assertThat(removeButton(tenant.adminEmail()).isEnabled())
                .as("the last admin can not be removed")
                .isFalse();

        // sent empty: both fields said at once
        addAdmin("", "");
        assertThat(browser.text(By.id("admin-email-error"))).isEqualTo("Enter the email of the new admin");
        assertThat(browser.text(By.id("add-admin-password-error")))
                .isEqualTo("Enter your password: nothing was changed");
        assertThat(browser.find(By.id("add-admin-password")).getAttribute("aria-invalid"))
                .isEqualTo("true");

        addAdmin("notanemail", Scenery.PASSWORD);
        assertThat(browser.text(By.id("admin-email-error"))).contains("is not one");
        assertThat(browser.find(By.id("admin-email")).getAttribute("aria-invalid"))
                .isEqualTo("true");

        // a session left open is not enough to make an account (its password shown to whoever adds it): the admin's
        // own password, given again; nothing is added without it
        String helper = Scenery.unique("helper");
        addAdmin(helper, "");
        assertThat(browser.text(By.id("add-admin-password-error")))
                .isEqualTo("Enter your password: nothing was changed");
        assertThat(browser.find(By.id("admin-email")).getAttribute("value")).isEqualTo(helper);
        assertThat(browser.driver().switchTo().activeElement().getAttribute("id"))
                .isEqualTo("add-admin-password");
        addAdmin(helper, "not-" + Scenery.PASSWORD);
        assertThat(browser.text(By.id("add-admin-password-error")))
                .isEqualTo("This is not your password: nothing was changed");
        assertThat(adminRows()).containsExactly(tenant.adminEmail() + " (you)");

        addAdmin(helper, Scenery.PASSWORD);
        assertThat(browser.text(By.cssSelector(".flash-notice"))).startsWith(helper + " is now an admin");
        String password = browser.find(By.id("generated-password")).getDomProperty("value");
        assertThat(password).hasSize(20);
        assertThat(adminRows()).containsExactlyInAnyOrder(tenant.adminEmail() + " (you)", helper);
        browser.screenshot("settings-admins");
        browser.resize(Browser.PHONE);
        try {
            browser.assertNoHorizontalScroll();
            browser.screenshot("settings-admins-phone");
        } finally {
            browser.resize(Browser.LAPTOP);
        }
        Http helperApi = Http.to(browser.base()).basic(helper, password);
        assertThat(helperApi
                        .get("/api/orgs/" + tenant.id().value() + "/members")
                        .status())
                .as("the new admin signs in with the password shown")
                .isEqualTo(200);
        browser.open(tenant.path("/settings/admins"));
        assertThat(browser.present(By.id("generated-password")))
                .as("shown only once")
                .isFalse();

        // Remove asks first, saying what it does; Cancel keeps the admin
        org.openqa.selenium.WebElement asked = removalDialog(helper);
        assertThat(asked.findElement(By.tagName("h2")).getText()).isEqualTo("Remove " + helper + " as an admin?");
        assertThat(asked.getText()).contains("They will no longer manage this organization");
        browser.screenshot("settings-admins-remove");
        asked.findElement(By.cssSelector(".secondary[data-dialog-close]")).click();
        browser.waitUntil(d -> asked.getAttribute("open") == null);
        assertThat(adminRows()).containsExactlyInAnyOrder(tenant.adminEmail() + " (you)", helper);
        browser.open(tenant.path("/settings/admins"));
        assertThat(adminRows()).containsExactlyInAnyOrder(tenant.adminEmail() + " (you)", helper);

        browser.submit(By.cssSelector("#" + removalDialog(helper).getAttribute("id") + " button.danger[type=submit]"));
        assertThat(browser.text(By.cssSelector(".flash-notice")))
                .isEqualTo(helper + " is no longer an admin of this organization.");
        assertThat(adminRows()).containsExactly(tenant.adminEmail() + " (you)");
        assertThat(helperApi
                        .get("/api/orgs/" + tenant.id().value() + "/members")
                        .status())
                .isEqualTo(404);

        // an account that exists is not handed to this organization by its admins (its password is not theirs to
        // give): the operator adds it; one already an admin here is said so
        addAdmin(helper, Scenery.PASSWORD);
        assertThat(browser.text(By.id("admin-email-error"))).contains("only the operator can make an existing account");
        assertThat(adminRows()).containsExactly(tenant.adminEmail() + " (you)");
        addAdmin(tenant.adminEmail().toUpperCase(java.util.Locale.ROOT), Scenery.PASSWORD);
        assertThat(browser.text(By.cssSelector(".flash-notice")))
                .isEqualTo(tenant.adminEmail() + " is already an admin of this organization.");

        // then the admin adds a successor and removes themselves
        String successor = Scenery.unique("successor");
        addAdmin(successor, Scenery.PASSWORD);
        Http successorApi = Http.to(browser.base())
                .basic(successor, browser.find(By.id("generated-password")).getDomProperty("value"));
        org.openqa.selenium.WebElement self = removalDialog(tenant.adminEmail());
        assertThat(self.getText()).contains("You will no longer manage this organization");
        assertThat(self.findElement(By.cssSelector("button.danger")).getText()).isEqualTo("Remove me");
        browser.submit(By.cssSelector("#" + self.getAttribute("id") + " button.danger[type=submit]"));
        assertThat(browser.path()).isEqualTo("/");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("No organization yet");
        assertThat(successorApi
                        .get("/api/orgs/" + tenant.id().value() + "/admins")
                        .json()
                        .findValuesAsText("email"))
                .containsExactly(successor);
    }

    @Test
    void theOperatorBacksUpTheServiceFromSettingsAndAnAdminCanNot() {
        DatabaseBackups backups = context.getBean(DatabaseBackups.class);
        int before = backups.kept(1000).size();
        browser.open(tenant.path("/settings/admins"));
        assertThat(browser.present(By.id("backups-tab")))
                .as("the operator's tab")
                .isFalse();
        browser.open(tenant.path("/settings/backups"));
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Not allowed");
        assertThat(browser.text(By.tagName("main"))).contains("Only the operator of this service may take and see");
        browser.open(tenant.path("/settings/admins"));
        browser.postForged(tenant.path("/settings/backups"), java.util.Map.of());
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Not allowed");
        assertThat(backups.kept(1000)).as("no backup taken").hasSize(before);
        // a download or a deletion of a backup there is, asked for by hand: refused, the file left
        String someone = backups.take().file().getFileName().toString();
        before++;
        assertThat(browser.fetch(tenant.path("/settings/backups/" + someone)).status())
                .isEqualTo(403);
        browser.open(tenant.path("/settings/admins"));
        browser.postForged(tenant.path("/settings/backups/" + someone + "/delete"), java.util.Map.of());
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Not allowed");
        assertThat(backups.file(someone)).isPresent();

        browser.open("/login");
        browser.driver().manage().deleteAllCookies();
        browser.signIn(ApplicationTest.ADMIN, ApplicationTest.PASSWORD);
        browser.open(tenant.path("/settings/admins"));
        browser.submit(By.id("backups-tab"));
        assertThat(browser.path()).isEqualTo(tenant.path("/settings/backups"));
        assertThat(browser.find(By.id("backups-tab")).getAttribute("aria-current"))
                .isEqualTo("page");
        assertThat(browser.text(By.id("backup-directory")))
                .isEqualTo(backups.directory().toString());

        browser.submit(By.id("take-backup"));
        assertThat(browser.path()).isEqualTo(tenant.path("/settings/backups"));
        String notice = browser.text(By.cssSelector(".flash-notice"));
        assertThat(notice)
                .matches("Backup written: provisioning-[0-9T-]+Z(-[0-9]+)?\\.zip \\(.+\\)\\. Every change saved"
                        + " before .+ UTC is in it\\.");
        String name = notice.substring("Backup written: ".length(), notice.indexOf(" ("));
        assertThat(backups.directory().resolve(name)).exists();
        assertThat(backups.kept(1000)).hasSize(before + 1);
        assertThat(browser.all(By.cssSelector("#backups tbody tr")).get(0).getText())
                .startsWith(name);
        assertThat(browser.text(By.id("backup-schedule"))).contains("only when asked");
        assertThat(browser.text(By.id("backups-kept"))).contains("deletes no backup by itself");

        // downloaded from its row, with the operator's session
        WebElement download = browser.find(By.cssSelector("[aria-label='Download " + name + "']"));
        assertThat(download.getAttribute("href")).endsWith(tenant.path("/settings/backups/" + name));
        Browser.Fetched fetched = browser.download(download.getAttribute("href"), 4);
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.contentType()).isEqualTo("application/zip");
        assertThat(fetched.disposition()).isEqualTo("attachment; filename=\"" + name + "\"");
        assertThat(fetched.body()).as("a zip's local file header").isEqualTo("PK\u0003\u0004");
        assertThat(browser.fetch(tenant.path("/settings/backups/provisioning-2020-01-01T00-00-00Z.zip"))
                        .status())
                .isEqualTo(404);

        // deleted from its row, once confirmed
        WebElement dialog = browser.openDialog(
                By.cssSelector("[aria-label='Delete " + name + "']"),
                browser.find(By.cssSelector("[aria-label='Delete " + name + "']"))
                        .getAttribute("data-dialog-open"));
        assertThat(dialog.getText()).contains("Delete " + name + "?");
        browser.submit(By.cssSelector("#" + dialog.getAttribute("id") + " .confirm-delete-backup"));
        assertThat(browser.path()).isEqualTo(tenant.path("/settings/backups"));
        assertThat(browser.text(By.cssSelector(".flash-notice"))).isEqualTo("Backup deleted: " + name + ".");
        assertThat(backups.directory().resolve(name)).doesNotExist();
        assertThat(backups.kept(1000)).hasSize(before);
    }

    @Test
    void theOperatorGivesAnAdminWhoForgotTheirPasswordANewOneShownOnce() throws Exception {
        String forgetful = scenery.anotherAdmin(tenant);
        String forgetfulId =
                jdbc.queryForObject("SELECT admin_id FROM admin_account WHERE email = ?", String.class, forgetful);
        FormSession theirs = FormSession.signIn(port, forgetful, Scenery.PASSWORD);
        assertThat(theirs.get(tenant.path("/members"), false).statusCode()).isEqualTo(200);
        // an admin who is no operator is refused, also with a forged form
        browser.open(tenant.path("/settings/admins"));
        browser.postForged(tenant.path("/settings/accounts/" + forgetfulId + "/password"), java.util.Map.of());
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Not allowed");
        assertThat(Http.to(browser.base())
                        .basic(forgetful, Scenery.PASSWORD)
                        .get("/api/orgs")
                        .status())
                .as("the password unchanged")
                .isEqualTo(200);

        browser.open("/login");
        browser.driver().manage().deleteAllCookies();
        browser.signIn(ApplicationTest.ADMIN, ApplicationTest.PASSWORD);
        // they tried their forgotten password until the sign-in locked them out
        for (int tried = 0; tried < 10; tried++) {
            FormSession.open(port).submitSignIn(forgetful, "not-the-password-" + tried);
        }
        assertThat(FormSession.open(port)
                        .submitSignIn(forgetful, Scenery.PASSWORD)
                        .headers()
                        .firstValue("Location")
                        .orElseThrow())
                .as("locked: even the right password is refused")
                .contains("/login");
        browser.open(tenant.path("/settings/accounts?q=" + forgetful));
        browser.submit(By.cssSelector("a[aria-label='Give " + forgetful + " a new password']"));
        String accountPage = tenant.path("/settings/accounts/" + forgetfulId);
        assertThat(browser.path()).isEqualTo(accountPage + "#account-password");
        assertThat(browser.text(By.id("new-password-help"))).startsWith("Forgot their password?");
        // the operator's own password first: a session left open is not enough
        browser.submit(By.id("new-password-button"));
        assertThat(browser.text(By.id("your-password-error"))).isEqualTo("Enter your password: nothing was changed");
        browser.type(By.id("your-password"), "not-the-operators-password");
        browser.submit(By.id("new-password-button"));
        assertThat(browser.text(By.id("your-password-error")))
                .isEqualTo("This is not your password: nothing was changed");
        assertThat(browser.find(By.id("your-password")).getAttribute("aria-invalid"))
                .isEqualTo("true");
        assertThat(browser.present(By.id("generated-password"))).isFalse();
        assertThat(theirs.get(tenant.path("/members"), false).statusCode())
                .as("their password unchanged: still signed in")
                .isEqualTo(200);
        browser.type(By.id("your-password"), ApplicationTest.PASSWORD);
        browser.submit(By.id("new-password-button"));

        assertThat(browser.text(By.id("generated-title"))).isEqualTo("New password of " + forgetful);
        String password = browser.find(By.id("generated-password")).getAttribute("value");
        assertThat(password).hasSize(20);
        assertThat(browser.path())
                .as("the answer stands for the account's page: a reload makes no other password")
                .isEqualTo(accountPage);
        assertThat(browser.present(By.id("new-password-button")))
                .as("no second password from the page showing the first")
                .isFalse();
        assertThat(browser.text(By.id("new-password-given"))).startsWith("Given above");
        browser.screenshot("account-new-password");
        browser.open(accountPage);
        assertThat(browser.present(By.id("generated-password")))
                .as("shown once")
                .isFalse();
        assertThat(browser.find(By.cssSelector("form:has(#new-password-button)"))
                        .getAttribute("data-submit-once"))
                .as("a double click sends the form once")
                .isNotNull();

        HttpResponse<String> signedOut = theirs.get(tenant.path("/members"), false);
        assertThat(signedOut.statusCode()).as("their session ends").isEqualTo(303);
        assertThat(signedOut.headers().firstValue("Location")).hasValue("/login?password-changed");
        assertThat(Http.to(browser.base())
                        .basic(forgetful, Scenery.PASSWORD)
                        .get("/api/orgs")
                        .status())
                .as("the former password no longer works")
                .isEqualTo(401);
        assertThat(FormSession.signIn(port, forgetful, password)
                        .get(tenant.path("/members"), false)
                        .statusCode())
                .as("the new password signs in, the lock the forgotten one earned forgotten")
                .isEqualTo(200);

        // the organization's Activity says who gave whom a new password, never the password
        browser.open(tenant.path("/activity?action=organization.admin-password-given"));
        java.util.List<WebElement> given = browser.all(By.cssSelector("#activity-rows .activity-row"));
        assertThat(given).hasSize(1);
        assertThat(given.get(0).findElement(By.cssSelector(".summary-link")).getText())
                .isEqualTo("Gave " + forgetful + " a new password: their former one stopped working");
        assertThat(given.get(0).findElement(By.cssSelector(".actor-name")).getText())
                .isEqualTo(ApplicationTest.ADMIN);
        assertThat(browser.text(By.tagName("main"))).doesNotContain(password);

        // the operator's own account: changed under Your account
        String operatorId = jdbc.queryForObject(
                "SELECT admin_id FROM admin_account WHERE email = ?", String.class, ApplicationTest.ADMIN);
        browser.open(tenant.path("/settings/accounts/" + operatorId));
        assertThat(browser.present(By.id("new-password-button"))).isFalse();
        assertThat(browser.text(By.id("own-password"))).startsWith("This is your account");
        browser.postForged(tenant.path("/settings/accounts/" + operatorId + "/password"), java.util.Map.of());
        assertThat(browser.text(By.cssSelector(".flash-alert"))).contains("Your own password is changed under");
        assertThat(browser.path()).isEqualTo(tenant.path("/settings/accounts/" + operatorId));
    }

    @Test
    void theOperatorDeletesTheAccountOfAnAdminWhoLeavesOnceNoOrganizationIsLeftWithoutAdmin() {
        browser.open(tenant.path("/settings/admins"));
        assertThat(browser.present(By.id("accounts-tab")))
                .as("the operator's tab")
                .isFalse();
        browser.open(tenant.path("/settings/accounts"));
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Not allowed");
        assertThat(browser.text(By.tagName("main"))).contains("Only the operator of this service may see and delete");
        String colleague = scenery.anotherAdmin(tenant);
        String colleagueId =
                jdbc.queryForObject("SELECT admin_id FROM admin_account WHERE email = ?", String.class, colleague);
        // a forged form with this session's CSRF token
        browser.open(tenant.path("/settings/admins"));
        browser.postForged(tenant.path("/settings/accounts/" + colleagueId + "/delete"), java.util.Map.of());
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Not allowed");
        assertThat(Http.to(browser.base())
                        .basic(colleague, Scenery.PASSWORD)
                        .get("/api/orgs/" + tenant.id().value() + "/members")
                        .status())
                .as("nothing deleted")
                .isEqualTo(200);

        String leaver = tenant.adminEmail();
        String idle = scenery.adminWithoutOrganization();
        Tenant second = scenery.alsoManagedBy(tenant, "Contoso Pharmaceuticals");
        Http leaverApi = Http.to(browser.base()).basic(leaver, Scenery.PASSWORD);
        assertThat(leaverApi
                        .get("/api/orgs/" + second.id().value() + "/members")
                        .status())
                .isEqualTo(200);
        browser.open("/login");
        browser.driver().manage().deleteAllCookies();
        browser.signIn(ApplicationTest.ADMIN, ApplicationTest.PASSWORD);

        browser.open(tenant.path("/settings/admins"));
        browser.submit(By.id("accounts-tab"));
        assertThat(browser.path()).isEqualTo(tenant.path("/settings/accounts"));
        assertThat(browser.find(By.id("accounts-tab")).getAttribute("aria-current"))
                .isEqualTo("page");
        assertThat(browser.text(By.id("accounts-without-organization")))
                .matches("[0-9]+ accounts? (is an admin|are admins) of no organization\\..*")
                .contains("can still sign in");
        // every test of the suite makes accounts: each is found by its email
        searchAccounts(leaver.toUpperCase(java.util.Locale.ROOT));
        assertThat(browser.text(By.id("account-results-status")))
                .startsWith("1 of ")
                .contains(" accounts matches");
        assertThat(browser.text(accountRow(leaver))).contains("Northwind Traders", "Contoso Pharmaceuticals");
        searchAccounts(ApplicationTest.ADMIN);
        assertThat(browser.text(accountRow(ApplicationTest.ADMIN))).contains("(you)", "Operator");
        searchAccounts(idle);
        assertThat(browser.text(accountRow(idle))).contains("No organization", "Never");
        searchAccounts(colleague);
        String today = java.time.format.DateTimeFormatter.ofPattern("d MMM yyyy", java.util.Locale.ENGLISH)
                .withZone(java.time.ZoneOffset.UTC)
                .format(java.time.Instant.now());
        assertThat(browser.text(By.cssSelector(
                        "#accounts tr.account-row[data-admin-id='" + colleagueId + "'] td.account-last-sign-in")))
                .as("the colleague signed in over the JSON API")
                .isEqualTo(today);
        searchAccounts(ApplicationTest.ADMIN);
        assertThat(browser.present(
                        By.cssSelector("[aria-label='Delete the account of " + ApplicationTest.ADMIN + "']")))
                .as("an operator's account is not deleted")
                .isFalse();
        searchAccounts("");
        assertThat(browser.all(By.cssSelector("#accounts .account-row")).size()).isBetween(1, 50);
        browser.screenshot("settings-accounts");
        browser.resize(Browser.PHONE);
        try {
            browser.assertNoHorizontalScroll();
        } finally {
            browser.resize(Browser.LAPTOP);
        }

        // the only admin of the second organization: said so, nothing to press
        searchAccounts(leaver);
        browser.click(By.cssSelector("[aria-label='Delete the account of " + leaver + "']"));
        assertThat(browser.text(By.id("account-blocked"))).contains("the only admin of these organizations");
        assertThat(browser.text(By.id("only-admin-of"))).isEqualTo("Contoso Pharmaceuticals");
        assertThat(browser.present(By.id("confirm-delete-account"))).isFalse();
        browser.screenshot("settings-account-blocked");

        // the operator gives the second organization another admin, then deletes the account
        browser.submit(By.linkText("Contoso Pharmaceuticals"));
        assertThat(browser.path()).isEqualTo(second.path("/settings/admins"));
        String successor = Scenery.unique("successor");
        addAdmin(successor, ApplicationTest.PASSWORD);
        assertThat(browser.text(By.cssSelector(".flash-notice"))).startsWith(successor + " is now an admin");
        browser.submit(By.id("accounts-tab"));
        searchAccounts(leaver);
        browser.submit(By.cssSelector("[aria-label='Delete the account of " + leaver + "']"));
        String accountPage = browser.path();
        assertThat(browser.all(By.cssSelector("#removed-from li")).stream()
                        .map(item -> item.getText().strip())
                        .toList())
                .containsExactlyInAnyOrder("Northwind Traders", "Contoso Pharmaceuticals");
        browser.screenshot("settings-account-delete");
        // an open session is not enough: the operator gives their password again
        browser.submit(By.id("confirm-delete-account"));
        assertThat(browser.path()).isEqualTo(accountPage);
        assertThat(browser.text(By.id("delete-your-password-error")))
                .isEqualTo("Enter your password: nothing was changed");
        assertThat(browser.find(By.id("delete-your-password")).getAttribute("aria-invalid"))
                .isEqualTo("true");
        assertThat(browser.present(By.id("your-password-error")))
                .as("the other form of the page is not the one refused")
                .isFalse();
        browser.type(By.id("delete-your-password"), "not-the-operators-password");
        browser.submit(By.id("confirm-delete-account"));
        assertThat(browser.text(By.id("delete-your-password-error")))
                .isEqualTo("This is not your password: nothing was changed");
        assertThat(leaverApi
                        .get("/api/orgs/" + tenant.id().value() + "/members")
                        .status())
                .as("nothing deleted yet")
                .isEqualTo(200);
        browser.type(By.id("delete-your-password"), ApplicationTest.PASSWORD);
        browser.submit(By.id("confirm-delete-account"));

        assertThat(browser.path()).isEqualTo(second.path("/settings/accounts"));
        assertThat(browser.text(By.cssSelector(".flash-notice")))
                .startsWith("The account of " + leaver + " is deleted. It is no longer an admin of ")
                .contains("Northwind Traders", "Contoso Pharmaceuticals");
        searchAccounts(leaver);
        assertThat(browser.present(accountRow(leaver))).isFalse();
        assertThat(browser.text(By.cssSelector("#account-results .empty-state h2")))
                .isEqualTo("No account matches");
        assertThat(leaverApi
                        .get("/api/orgs/" + tenant.id().value() + "/members")
                        .status())
                .as("it no longer signs in")
                .isEqualTo(401);
        Http operatorApi = Http.to(browser.base()).basic(ApplicationTest.ADMIN, ApplicationTest.PASSWORD);
        assertThat(operatorApi
                        .get("/api/orgs/" + tenant.id().value() + "/admins")
                        .json()
                        .findValuesAsText("email"))
                .containsExactly(colleague);
        assertThat(operatorApi
                        .get("/api/orgs/" + second.id().value() + "/admins")
                        .json()
                        .findValuesAsText("email"))
                .containsExactly(successor);

        // its page again (the back button): gone
        browser.open(accountPage);
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Page not found");
    }

    @Test
    void theOperatorCreatesAnOrganizationWithItsFirstAdmin() {
        browser.open(tenant.path("/settings/admins"));
        assertThat(browser.present(By.id("organizations-tab")))
                .as("the operator's tab")
                .isFalse();
        browser.open(tenant.path("/settings/organizations"));
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Not allowed");
        Http operatorApi = Http.to(browser.base()).basic(ApplicationTest.ADMIN, ApplicationTest.PASSWORD);
        int organizations = operatorApi.get("/api/orgs").json().size();
        // a forged form with this session's CSRF token
        browser.open(tenant.path("/settings/admins"));
        browser.postForged(tenant.path("/settings/organizations"), java.util.Map.of("name", "Forged"));
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Not allowed");
        assertThat(operatorApi.get("/api/orgs").json().size())
                .as("nothing created")
                .isEqualTo(organizations);

        browser.open("/login");
        browser.driver().manage().deleteAllCookies();
        browser.signIn(ApplicationTest.ADMIN, ApplicationTest.PASSWORD);
        // every test of the suite makes organizations: this one is found by a name of its own
        String northwind = "Northwind " + java.util.UUID.randomUUID();
        assertThat(operatorApi
                        .patch("/api/orgs/" + tenant.id().value(), java.util.Map.of("name", northwind))
                        .status())
                .isEqualTo(200);
        browser.open(tenant.path("/settings/provisioning"));
        browser.submit(By.id("organizations-tab"));
        assertThat(browser.path()).isEqualTo(tenant.path("/settings/organizations"));
        browser.type(By.id("organization-q"), northwind.toUpperCase(java.util.Locale.ROOT));
        browser.submit(By.cssSelector("#organization-search button[type=submit]"));
        assertThat(browser.text(By.id("organization-results-status")))
                .startsWith("1 of ")
                .contains("organizations matches");
        assertThat(browser.text(By.cssSelector(
                        "#organizations tr[data-organization-id='" + tenant.id().value() + "']")))
                .contains(northwind, "(open)", "1 admin", "Off");

        // refused, nothing created: no name, an email no account may have
        browser.type(By.id("first-admin-email"), "not an email");
        browser.submit(By.cssSelector("#new-organization-form button[type=submit]"));
        assertThat(browser.text(By.id("organization-name-error"))).isEqualTo("Enter the name of the new organization");
        assertThat(browser.text(By.id("first-admin-email-error"))).contains("without spaces");
        browser.type(By.id("organization-name"), "Fabrikam");
        browser.type(By.id("first-admin-email"), "fabrikam-admin");
        browser.submit(By.cssSelector("#new-organization-form button[type=submit]"));
        assertThat(browser.text(By.id("first-admin-email-error"))).contains("is not one");
        assertThat(browser.find(By.id("organization-name")).getDomProperty("value"))
                .as("what was typed stays")
                .isEqualTo("Fabrikam");
        assertThat(operatorApi.get("/api/orgs").json().size()).isEqualTo(organizations);

        // with a first admin (an account whose password is shown here), the operator's own password again
        String first = Scenery.unique("fabrikam");
        browser.type(By.id("first-admin-email"), first);
        browser.submit(By.cssSelector("#new-organization-form button[type=submit]"));
        assertThat(browser.text(By.id("new-organization-password-error")))
                .isEqualTo("Enter your password: nothing was changed");
        assertThat(operatorApi.get("/api/orgs").json().size()).isEqualTo(organizations);
        browser.type(By.id("new-organization-password"), ApplicationTest.PASSWORD);
        browser.submit(By.cssSelector("#new-organization-form button[type=submit]"));

        assertThat(browser.path()).matches("/orgs/[0-9a-f-]{36}/settings/admins");
        String created = browser.path().split("/")[2];
        assertThat(browser.text(By.cssSelector(".flash-notice")))
                .startsWith("Organization Fabrikam created, with " + first + " as its admin and a new account.");
        assertThat(browser.text(By.cssSelector(".org-switcher summary"))).contains("Fabrikam");
        assertThat(adminRows()).containsExactly(first);
        String password = browser.find(By.id("generated-password")).getDomProperty("value");
        Http firstApi = Http.to(browser.base()).basic(first, password);
        assertThat(firstApi.get("/api/orgs").json().findValuesAsText("name")).containsExactly("Fabrikam");
        assertThat(operatorApi.get("/api/orgs").json().size()).isEqualTo(organizations + 1);

        // without a first admin: only the operators manage it, and its Admins page says how to add one
        browser.open(tenant.path("/settings/organizations?q=Fabrikam"));
        assertThat(browser.text(By.cssSelector("#organizations tr[data-organization-id='" + created + "']")))
                .contains("Fabrikam", "1 admin");
        browser.type(By.id("organization-name"), "Tailspin Toys");
        browser.submit(By.cssSelector("#new-organization-form button[type=submit]"));
        assertThat(browser.text(By.cssSelector(".flash-notice")))
                .isEqualTo("Organization Tailspin Toys created. Add its first admin below: until then only the"
                        + " operators manage it.");
        assertThat(browser.present(By.id("no-admins"))).isTrue();
        String tailspin = browser.path().split("/")[2];
        browser.screenshot("settings-organization-created");
        browser.open(tenant.path("/settings/organizations?q=Tailspin+Toys"));
        assertThat(browser.text(By.cssSelector(
                        "#organizations tr[data-organization-id='" + tailspin + "'] td[data-label=Admins]")))
                .isEqualTo("None yet");

        // an existing account as the first admin keeps its password
        browser.type(By.id("organization-name"), "Wingtip");
        browser.type(By.id("first-admin-email"), first.toUpperCase(java.util.Locale.ROOT));
        browser.type(By.id("new-organization-password"), ApplicationTest.PASSWORD);
        browser.submit(By.cssSelector("#new-organization-form button[type=submit]"));
        assertThat(browser.text(By.cssSelector(".flash-notice")))
                .isEqualTo("Organization Wingtip created, with " + first + " as its admin, with the account that"
                        + " already existed for this email: it signs in with the password it has.");
        assertThat(browser.present(By.id("generated-password"))).isFalse();
        assertThat(firstApi.get("/api/orgs").json().findValuesAsText("name"))
                .containsExactlyInAnyOrder("Fabrikam", "Wingtip");

        // the form sent twice at once (a double click that gets through): one organization, both answers show it
        browser.open(tenant.path("/settings/organizations"));
        browser.type(By.id("organization-name"), "Litware");
        int before = operatorApi.get("/api/orgs").json().size();
        @SuppressWarnings("unchecked")
        java.util.List<String> landed =
                (java.util.List<String>) browser.script("const form = document.getElementById('new-organization-form');"
                        + "const body = new URLSearchParams(new FormData(form));"
                        + "return Promise.all([0, 1].map(() => fetch(form.action, {method: 'POST', body: body})))"
                        + ".then(answers => answers.map(answer => answer.url));");
        assertThat(landed).hasSize(2);
        assertThat(landed.get(0))
                .matches(".*/orgs/[0-9a-f-]{36}/settings/admins")
                .isEqualTo(landed.get(1));
        assertThat(operatorApi.get("/api/orgs").json().size()).isEqualTo(before + 1);
        browser.open(tenant.path("/settings/organizations"));
        browser.screenshot("settings-organizations");
        browser.resize(Browser.PHONE);
        try {
            browser.assertNoHorizontalScroll();
        } finally {
            browser.resize(Browser.LAPTOP);
        }
    }

    @Test
    void theOperatorFindsOrganizationsPageByPageAndTheSwitcherListsOnlyTheFirst() {
        Http operatorApi = Http.to(browser.base()).basic(ApplicationTest.ADMIN, ApplicationTest.PASSWORD);
        String tag = "Paged " + java.util.UUID.randomUUID().toString().substring(0, 8);
        for (int i = 1; i <= 53; i++) {
            assertThat(operatorApi
                            .post("/api/orgs", java.util.Map.of("name", String.format("%s %02d", tag, i)))
                            .status())
                    .isEqualTo(201);
        }
        java.util.List<String> byName = operatorApi.get("/api/orgs").json().findValuesAsText("id");
        int all = byName.size();
        browser.open("/login");
        browser.driver().manage().deleteAllCookies();
        browser.signIn(ApplicationTest.ADMIN, ApplicationTest.PASSWORD);

        // the switcher: the first 20 by name (the one open among them), then the way to all of them
        browser.open("/orgs/" + byName.get(0) + "/members");
        browser.click(By.cssSelector(".org-switcher summary"));
        assertThat(browser.all(By.cssSelector(".org-switcher ul li a:not(#all-organizations-link)")))
                .hasSize(20);
        assertThat(browser.text(By.id("all-organizations-link"))).isEqualTo("All " + all + " organizations…");
        // the last organization by name, far after the first 20: listed too when it is the one open
        String late = byName.get(all - 1);
        browser.open("/orgs/" + late + "/members");
        browser.click(By.cssSelector(".org-switcher summary"));
        assertThat(browser.all(By.cssSelector(".org-switcher ul li a:not(#all-organizations-link)")))
                .hasSize(21);
        assertThat(browser.find(By.cssSelector(".org-switcher a[aria-current=true]"))
                        .getAttribute("href"))
                .endsWith("/orgs/" + late + "/members");
        browser.submit(By.id("all-organizations-link"));
        assertThat(browser.path()).isEqualTo("/orgs/" + late + "/settings/organizations");
        assertThat(browser.text(By.id("organization-results-status"))).isEqualTo(all + " organizations");
        assertThat(browser.all(By.cssSelector("#organizations .organization-row")))
                .hasSize(50);

        browser.type(By.id("organization-q"), tag.toLowerCase(java.util.Locale.ROOT));
        browser.submit(By.cssSelector("#organization-search button[type=submit]"));
        assertThat(browser.text(By.id("organization-results-status")))
                .startsWith("53 of " + all + " organizations match");
        assertThat(names()).hasSize(50).startsWith(tag + " 01", tag + " 02").endsWith(tag + " 50");
        assertThat(browser.text(By.cssSelector("#organization-results .pager"))).contains("1–50 of 53 organizations");
        browser.click(By.cssSelector("#organization-results .pager a[rel=next]"));
        browser.waitUntil(driver -> names().size() == 3);
        assertThat(names()).containsExactly(tag + " 51", tag + " 52", tag + " 53");
        assertThat(browser.driver().getCurrentUrl()).contains("offset=50").contains("q=");
        assertThat(browser.find(By.id("organization-q")).getDomProperty("value"))
                .isEqualTo(tag.toLowerCase(java.util.Locale.ROOT));
        browser.click(By.cssSelector("#organization-results .pager a[rel=prev]"));
        browser.waitUntil(driver -> names().size() == 50);

        browser.open(tenant.path("/settings/organizations?q=" + tag.replace(' ', '+') + "&offset=500"));
        assertThat(browser.text(By.cssSelector(".past-the-end"))).contains("the list of organizations ends at 53");
        assertThat(browser.present(By.cssSelector("#organization-results-status .clear-filters")))
                .isTrue();
        browser.click(By.linkText("Go to the last page"));
        browser.waitUntil(d -> names().equals(java.util.List.of(tag + " 51", tag + " 52", tag + " 53")));

        browser.open(tenant.path("/settings/organizations?q=" + tag.replace(' ', '+') + "+99"));
        assertThat(browser.text(By.cssSelector("#organization-results .empty-state h2")))
                .isEqualTo("No organization matches");
        browser.resize(Browser.PHONE);
        try {
            browser.open(tenant.path("/settings/organizations?q=" + tag.replace(' ', '+')));
            browser.assertNoHorizontalScroll();
            browser.screenshot("settings-organizations-paged-phone");
        } finally {
            browser.resize(Browser.LAPTOP);
        }
    }

    @Test
    void theOperatorFindsAccountsPageByPage() {
        Http operatorApi = Http.to(browser.base()).basic(ApplicationTest.ADMIN, ApplicationTest.PASSWORD);
        String tag = java.util.UUID.randomUUID().toString().substring(0, 8);
        for (int i = 1; i <= 51; i++) {
            assertThat(operatorApi
                            .post(
                                    "/api/orgs/" + tenant.id().value() + "/admins",
                                    java.util.Map.of(
                                            "email",
                                            String.format("paged%02d-%s@example.com", i, tag),
                                            "password",
                                            Scenery.PASSWORD))
                            .status())
                    .isEqualTo(201);
        }
        int all = operatorApi.get("/api/admin/accounts").json().size();
        browser.open("/login");
        browser.driver().manage().deleteAllCookies();
        browser.signIn(ApplicationTest.ADMIN, ApplicationTest.PASSWORD);

        browser.open(tenant.path("/settings/accounts"));
        assertThat(browser.text(By.id("account-results-status"))).isEqualTo(all + " accounts");
        assertThat(browser.all(By.cssSelector("#accounts .account-row"))).hasSize(50);
        searchAccounts("-" + tag.toUpperCase(java.util.Locale.ROOT));
        assertThat(browser.text(By.id("account-results-status"))).startsWith("51 of " + all + " accounts match");
        assertThat(emails()).hasSize(50).startsWith("paged01-" + tag + "@example.com");
        assertThat(browser.text(By.cssSelector("#accounts .account-row"))).contains("Northwind Traders");
        browser.click(By.cssSelector("#account-results .pager a[rel=next]"));
        browser.waitUntil(driver -> emails().size() == 1);
        assertThat(emails()).containsExactly("paged51-" + tag + "@example.com");
        assertThat(browser.driver().getCurrentUrl()).contains("offset=50");
    }

    @Test
    void onAPhoneTheAccountsAndAdminsShowTheirEmailsWhole() {
        String longEmail = "another.admin.with.a.long.address-" + java.util.UUID.randomUUID()
                + "@company-with-a-long-domain-name.example.com";
        Http operatorApi = Http.to(browser.base()).basic(ApplicationTest.ADMIN, ApplicationTest.PASSWORD);
        assertThat(operatorApi
                        .post(
                                "/api/orgs/" + tenant.id().value() + "/admins",
                                java.util.Map.of("email", longEmail, "password", Scenery.PASSWORD))
                        .status())
                .isEqualTo(201);
        browser.open("/login");
        browser.driver().manage().deleteAllCookies();
        browser.signIn(ApplicationTest.ADMIN, ApplicationTest.PASSWORD);
        try {
            for (org.openqa.selenium.Dimension width :
                    java.util.List.of(new org.openqa.selenium.Dimension(768, 900), Browser.PHONE)) {
                browser.resize(width);
                browser.open(tenant.path("/settings/accounts?q=" + longEmail));
                // the top bar's short "Account" stands for the signed-in admin's email; an account row's is its own
                assertThat(browser.find(By.cssSelector("#accounts .account-email"))
                                .isDisplayed())
                        .as("an account's email at " + width)
                        .isTrue();
                assertThat(emails()).as("at " + width).containsExactly(longEmail);
                browser.assertNothingScrollsSideways();
                browser.open(tenant.path("/settings/admins"));
                assertThat(adminRows()).as("at " + width).anyMatch(row -> row.contains(longEmail));
                browser.assertNothingScrollsSideways();
            }
        } finally {
            browser.resize(Browser.LAPTOP);
        }
    }

    private java.util.List<String> emails() {
        return browser.all(By.cssSelector("#accounts .account-email")).stream()
                .map(cell -> cell.getText().strip())
                .toList();
    }

    private java.util.List<String> names() {
        return browser.all(By.cssSelector("#organizations .organization-name")).stream()
                .map(cell -> cell.getText().strip())
                .toList();
    }

    /** Searches Settings → All accounts, as the operator types it into the page's search. */
    private void searchAccounts(String text) {
        browser.type(By.id("account-q"), text);
        browser.submit(By.cssSelector("#account-search button[type=submit]"));
    }

    private By accountRow(String email) {
        return By.xpath("//table[@id='accounts']//tr[contains(@class,'account-row')][.//span[@class='account-email' and"
                + " normalize-space()='" + email + "']]");
    }

    private java.util.List<String> adminRows() {
        return browser.all(By.cssSelector("#admins .admin-row td[data-label=Email]")).stream()
                .map(cell -> cell.getText().strip())
                .toList();
    }

    /** Clicks Remove on an admin's row: the dialog that asks to confirm it, open. */
    private org.openqa.selenium.WebElement removalDialog(String email) {
        return browser.openDialog(
                By.cssSelector("[aria-label='Remove " + email + " as an admin']"),
                removeButton(email).getAttribute("data-dialog-open"));
    }

    private org.openqa.selenium.WebElement removeButton(String email) {
        return browser.find(By.cssSelector("[aria-label='Remove " + email + " as an admin']"));
    }
}
