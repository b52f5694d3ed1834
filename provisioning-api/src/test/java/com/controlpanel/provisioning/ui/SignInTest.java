package com.controlpanel.provisioning.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.testing.ApplicationTest;
import com.controlpanel.provisioning.testing.FormSession;
import com.controlpanel.provisioning.testing.Http;
import com.controlpanel.provisioning.ui.Scenery.Tenant;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** Signing in and out, the organizations an admin sees, and the pages shown when something is not there. */
@ExtendWith({ChromiumAvailable.class, OutputCaptureExtension.class})
@ApplicationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignInTest {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    private Browser browser;
    private Scenery scenery;

    @BeforeAll
    void start() {
        browser = Browser.start(port);
        scenery = new Scenery(context);
    }

    @BeforeEach
    void signedOut() {
        browser.open("/login");
        browser.driver().manage().deleteAllCookies();
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void rendersTheSignInPageAndRefusesAWrongPasswordNextToTheFields() {
        Tenant tenant = scenery.organization("Sign-in Org");
        browser.open("/login");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Sign in");
        assertThat(browser.find(By.cssSelector("label[for=email]")).getText()).isEqualTo("Email");
        assertThat(browser.find(By.cssSelector("label[for=password]")).getText())
                .isEqualTo("Password");
        browser.screenshot("login");

        browser.type(By.id("email"), tenant.adminEmail());
        browser.type(By.id("password"), "not-the-password");
        browser.submit(By.cssSelector("form button[type=submit]"));

        assertThat(browser.path()).isEqualTo("/login?error");
        WebElement error = browser.find(By.id("login-error"));
        assertThat(error.getText()).isEqualTo("Wrong email or password. Try again.");
        assertThat(error.getAttribute("role")).isEqualTo("alert");
        assertThat(browser.find(By.id("password")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.find(By.id("password")).getAttribute("aria-describedby"))
                .isEqualTo("login-error");
        assertThat(browser.find(By.id("email")).getDomProperty("value"))
                .as("the email typed is kept")
                .isEqualTo(tenant.adminEmail());
        assertThat(browser.find(By.id("password")).getDomProperty("value")).isEmpty();
        assertThat(browser.driver().getPageSource()).doesNotContain("not-the-password");
        // on to the password (autofocus, applied as the page renders)
        browser.waitUntil(d ->
                "password".equals(browser.driver().switchTo().activeElement().getAttribute("id")));
        browser.screenshot("login-error");

        browser.type(By.id("password"), Scenery.PASSWORD);
        browser.submit(By.cssSelector("form button[type=submit]"));
        assertThat(browser.path()).isEqualTo(tenant.path("/members"));
    }

    @Test
    void theTopBarNamesTheOrganizationOnAPhoneToo() {
        Tenant tenant =
                scenery.organization("Phone Org " + "Northwind ".repeat(4).strip());
        browser.signIn(tenant.adminEmail(), Scenery.PASSWORD);
        browser.resize(Browser.PHONE);
        try {
            browser.open(tenant.path("/members"));
            WebElement name = browser.find(By.cssSelector(".topbar .org-name"));
            assertThat(name.isDisplayed())
                    .as("which organization an admin on a phone is changing")
                    .isTrue();
            assertThat(name.getText()).contains("Phone Org");
            browser.assertNoHorizontalScroll();
            browser.screenshotOfWindow("topbar-phone");
        } finally {
            browser.resize(Browser.LAPTOP);
            browser.signOut();
        }
    }

    @Test
    void tooManyWrongCurrentPasswordsSayForHowLongTheChangeIsRefused() {
        Tenant tenant = scenery.organization("Guessed Password Org");
        // ten wrong current passwords, over the JSON API (the same count as the page's)
        Http script = Http.to("http://localhost:" + port).basic(tenant.adminEmail(), Scenery.PASSWORD);
        for (int i = 0; i < 10; i++) {
            assertThat(script.post(
                                    "/api/account/password",
                                    java.util.Map.of(
                                            "currentPassword", "guess-" + i, "newPassword", "a-new-password-1"))
                            .status())
                    .isEqualTo(400);
        }
        browser.signIn(tenant.adminEmail(), Scenery.PASSWORD);
        browser.open(tenant.path("/account"));
        browser.type(By.id("current-password"), Scenery.PASSWORD);
        browser.type(By.id("new-password"), "a-new-password-1");
        browser.type(By.id("confirm-password"), "a-new-password-1");
        browser.submit(By.cssSelector("#password-form button[type=submit]"));
        assertThat(browser.text(By.id("current-password-error")))
                .isEqualTo("Too many wrong current passwords: try again in 15 minutes (nothing was changed)");
    }

    @Test
    void anAdminChangesTheirOwnPasswordFromTheirEmailAtTheTop() {
        Tenant tenant = scenery.organization("Password Org");
        browser.signIn(tenant.adminEmail(), Scenery.PASSWORD);
        browser.submit(By.id("account-link"));
        assertThat(browser.path()).isEqualTo(tenant.path("/account"));
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Your account");
        assertThat(browser.text(By.id("account-email"))).isEqualTo(tenant.adminEmail());

        // a wrong current password, and new ones that differ: said next to each field, nothing changed
        browser.type(By.id("current-password"), "not-my-password");
        browser.type(By.id("new-password"), "a-new-password-1");
        browser.type(By.id("confirm-password"), "a-new-password-1");
        browser.submit(By.cssSelector("#password-form button[type=submit]"));
        assertThat(browser.text(By.id("current-password-error"))).isEqualTo("This is not your current password");
        assertThat(browser.find(By.id("current-password")).getAttribute("aria-invalid"))
                .isEqualTo("true");
        browser.type(By.id("current-password"), Scenery.PASSWORD);
        browser.type(By.id("new-password"), "a-new-password-1");
        browser.type(By.id("confirm-password"), "a-new-password-2");
        browser.submit(By.cssSelector("#password-form button[type=submit]"));
        assertThat(browser.text(By.id("confirm-password-error"))).isEqualTo("The two new passwords are not the same");
        browser.type(By.id("current-password"), Scenery.PASSWORD);
        browser.type(By.id("new-password"), "short");
        browser.type(By.id("confirm-password"), "short");
        browser.submit(By.cssSelector("#password-form button[type=submit]"));
        assertThat(browser.text(By.id("new-password-error")))
                .as("said of the field, in the page's words")
                .isEqualTo("The new password must be at least 8 characters");
        assertThat(browser.driver().getPageSource()).doesNotContain(Scenery.PASSWORD);

        browser.type(By.id("current-password"), Scenery.PASSWORD);
        browser.type(By.id("new-password"), "a-new-password-1");
        browser.type(By.id("confirm-password"), "a-new-password-1");
        browser.submit(By.cssSelector("#password-form button[type=submit]"));
        assertThat(browser.text(By.cssSelector(".flash-notice"))).startsWith("Your password is changed");
        browser.screenshot("account-password-changed");

        browser.signOut();
        browser.type(By.id("email"), tenant.adminEmail());
        browser.type(By.id("password"), Scenery.PASSWORD);
        browser.submit(By.cssSelector("form button[type=submit]"));
        assertThat(browser.path()).as("the former password no longer signs in").isEqualTo("/login?error");
        browser.signIn(tenant.adminEmail(), "a-new-password-1");
        assertThat(browser.path()).isEqualTo(tenant.path("/members"));

        // at phone width, where the email has no room, the way to the account is still there
        browser.resize(Browser.PHONE);
        try {
            // the shorter text comes with the narrow width's style, which the browser may apply a moment later
            browser.waitUntil(d -> "Account".equals(browser.text(By.id("account-link"))));
            browser.submit(By.id("account-link"));
            assertThat(browser.path()).isEqualTo(tenant.path("/account"));
            browser.assertNoHorizontalScroll();
        } finally {
            browser.resize(Browser.LAPTOP);
        }
    }

    @Test
    void aChangedPasswordSignsOutTheAdminsOtherSessionsButNotTheOneItWasChangedIn() throws Exception {
        Tenant tenant = scenery.organization("Sessions Org");
        browser.signIn(tenant.adminEmail(), Scenery.PASSWORD);
        FormSession elsewhere = FormSession.signIn(port, tenant.adminEmail(), Scenery.PASSWORD);
        assertThat(elsewhere.get(tenant.path("/members"), false).statusCode()).isEqualTo(200);

        browser.open(tenant.path("/account"));
        browser.type(By.id("current-password"), Scenery.PASSWORD);
        browser.type(By.id("new-password"), "a-new-password-1");
        browser.type(By.id("confirm-password"), "a-new-password-1");
        browser.submit(By.cssSelector("#password-form button[type=submit]"));
        assertThat(browser.text(By.cssSelector(".flash-notice"))).contains("Anywhere else you were signed in");
        assertThat(browser.text(By.id("no-other-sessions")))
                .as("the session signed in with the former password is signed out already: not listed")
                .startsWith("Here only");

        // the session the change was made in goes on
        browser.open(tenant.path("/teams"));
        assertThat(browser.path()).isEqualTo(tenant.path("/teams"));
        // the other one is signed out: a page to the sign-in, a fragment sends the whole page there
        HttpResponse<String> page = elsewhere.get(tenant.path("/members"), false);
        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(page.headers().firstValue("Location")).hasValue("/login?password-changed");
        FormSession another = FormSession.signIn(port, tenant.adminEmail(), "a-new-password-1");
        assertThat(another.get(tenant.path("/members"), true).statusCode()).isEqualTo(200);

        // a change over the JSON API signs out every Control Panel session, this browser's too
        Http.Response changed = Http.to("http://localhost:" + port)
                .basic(tenant.adminEmail(), "a-new-password-1")
                .post(
                        "/api/account/password",
                        Map.of("currentPassword", "a-new-password-1", "newPassword", "a-new-password-2"));
        assertThat(changed.status()).isEqualTo(204);
        HttpResponse<String> fragment = another.get(tenant.path("/members"), true);
        assertThat(fragment.statusCode()).isEqualTo(401);
        assertThat(fragment.headers().firstValue("HX-Redirect")).hasValue("/login?password-changed");
        browser.open(tenant.path("/members"));
        assertThat(browser.path()).isEqualTo("/login?password-changed");
        assertThat(browser.text(By.id("login-password-changed")))
                .isEqualTo("Your password was changed, so you were signed out here. Sign in with the new password.");
        browser.screenshot("login-password-changed");
        browser.signIn(tenant.adminEmail(), "a-new-password-2");
        assertThat(browser.path()).isEqualTo(tenant.path("/members"));
    }

    @Test
    void anAdminSeesWhereElseTheyAreSignedInAndSignsOutEverywhereElse() throws Exception {
        Tenant tenant = scenery.organization("Elsewhere Org");
        browser.signIn(tenant.adminEmail(), Scenery.PASSWORD);
        browser.open(tenant.path("/account"));
        assertThat(browser.text(By.id("no-other-sessions"))).startsWith("Here only");
        assertThat(browser.present(By.id("end-sessions-form"))).isFalse();

        FormSession laptop = FormSession.signIn(port, tenant.adminEmail(), Scenery.PASSWORD);
        FormSession phone = FormSession.signIn(port, tenant.adminEmail(), Scenery.PASSWORD);
        assertThat(laptop.get(tenant.path("/members"), false).statusCode()).isEqualTo(200);
        // another admin's session is not theirs
        Tenant other = scenery.organization("Elsewhere Other Org");
        FormSession stranger = FormSession.signIn(port, other.adminEmail(), Scenery.PASSWORD);

        browser.open(tenant.path("/account"));
        assertThat(browser.text(By.id("other-sessions-count"))).startsWith("Here, and in 2 other sessions");
        assertThat(browser.all(By.cssSelector("#other-sessions li")))
                .hasSize(2)
                .allSatisfy(item -> assertThat(item.getText())
                        .as("the browser and address each signed in from, since when, last seen")
                        .matches("Java-http-client, from (127\\.0\\.0\\.1|[0-9:]+), signed in since .+ UTC,"
                                + " last seen .+ UTC"));
        browser.screenshot("account-other-sessions");
        browser.submit(By.cssSelector("#end-sessions-form button[type=submit]"));
        assertThat(browser.path()).isEqualTo(tenant.path("/account"));
        assertThat(browser.text(By.cssSelector(".flash-notice")))
                .isEqualTo("You are signed out everywhere else (2 sessions). You stay signed in here.");
        assertThat(browser.text(By.id("no-other-sessions"))).startsWith("Here only");

        for (FormSession ended : List.of(laptop, phone)) {
            HttpResponse<String> page = ended.get(tenant.path("/members"), false);
            assertThat(page.statusCode()).as("signed out there").isEqualTo(302);
            assertThat(page.headers().firstValue("Location").orElseThrow()).contains("/login");
        }
        assertThat(stranger.get(other.path("/members"), false).statusCode())
                .as("another admin stays signed in")
                .isEqualTo(200);
        browser.open(tenant.path("/teams"));
        assertThat(browser.path()).as("signed in here still").isEqualTo(tenant.path("/teams"));

        // the JSON API lists them all and signs out of every one, this browser's too
        FormSession again = FormSession.signIn(port, tenant.adminEmail(), Scenery.PASSWORD);
        assertThat(again.get(tenant.path("/members"), false).statusCode()).isEqualTo(200);
        Http api = Http.to("http://localhost:" + port).basic(tenant.adminEmail(), Scenery.PASSWORD);
        Http.Response listed = api.get("/api/account/sessions");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().get("sessions")).hasSize(2);
        assertThat(listed.json().get("sessions").get(0).get("lastSeenAt").asText())
                .endsWith("Z");
        assertThat(listed.json().findValuesAsText("browser")).contains("Java-http-client", "Chrome on Linux");
        assertThat(listed.json().get("sessions").get(0).get("address").asText()).isNotBlank();
        Http.Response ended = api.delete("/api/account/sessions");
        assertThat(ended.status()).isEqualTo(200);
        assertThat(ended.json().get("ended").asInt()).isEqualTo(2);
        assertThat(again.get(tenant.path("/members"), false).statusCode()).isEqualTo(302);
        browser.open(tenant.path("/members"));
        assertThat(browser.path()).startsWith("/login");
        assertThat(api.get("/api/account/sessions").json().get("sessions")).isEmpty();
        assertThat(stranger.get(other.path("/members"), false).statusCode()).isEqualTo(200);
    }

    @Test
    void aDeletedAccountsSessionsEnd() throws Exception {
        Tenant tenant = scenery.organization("Leaving Org");
        Http operator = Http.to("http://localhost:" + port).basic(ApplicationTest.ADMIN, ApplicationTest.PASSWORD);
        var leaver = operator.post(
                "/api/orgs/" + tenant.id().value() + "/admins", Map.of("email", Scenery.unique("leaver")));
        FormSession session = FormSession.signIn(
                port,
                leaver.json().get("email").asText(),
                leaver.json().get("password").asText());
        assertThat(session.get(tenant.path("/members"), false).statusCode()).isEqualTo(200);

        assertThat(operator.delete(
                                "/api/admin/accounts/" + leaver.json().get("id").asText())
                        .status())
                .isEqualTo(204);
        HttpResponse<String> page = session.get(tenant.path("/members"), false);
        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(page.headers().firstValue("Location")).hasValue("/login?expired");
    }

    @Test
    void signsInToThePageAskedForAndSignsOut() {
        Tenant tenant = scenery.organization("Deep Link Org");
        browser.open(tenant.path("/teams"));
        assertThat(browser.path()).isEqualTo("/login");

        browser.type(By.id("email"), tenant.adminEmail());
        browser.type(By.id("password"), Scenery.PASSWORD);
        browser.submit(By.cssSelector("form button[type=submit]"));

        assertThat(browser.path()).isEqualTo(tenant.path("/teams"));
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Teams");
        assertThat(browser.text(By.cssSelector(".topbar .admin-email"))).isEqualTo(tenant.adminEmail());
        assertThat(browser.text(By.cssSelector(".topbar .org-name"))).endsWith("Deep Link Org");
        assertThat(browser.present(By.cssSelector(".org-switcher"))).isFalse();
        assertThat(browser.text(By.cssSelector(".empty-state h2"))).isEqualTo("No teams yet");
        browser.open(tenant.path("/members"));
        assertThat(browser.text(By.cssSelector(".empty-state h2"))).isEqualTo("No members yet");
        assertThat(browser.all(By.cssSelector(".empty-state [role=button]")))
                .extracting(WebElement::getText)
                .containsExactly("Invite new member", "Set up User provisioning");
        assertThat(browser.all(By.cssSelector("nav.sections a")))
                .extracting(WebElement::getText)
                .containsExactly("Members", "Teams", "Activity", "Audit replay", "Settings");
        browser.screenshot("members-empty");

        browser.signOut();
        assertThat(browser.text(By.cssSelector("[role=status]"))).isEqualTo("You are signed out.");
        browser.open(tenant.path("/members"));
        assertThat(browser.path()).isEqualTo("/login");
    }

    @Test
    void anAdminSwitchesBetweenTheOrganizationsTheyManageOnly() {
        Tenant first = scenery.organization("Alpha Org");
        Tenant second = scenery.alsoManagedBy(first, "Beta Org");
        Tenant someoneElses = scenery.organization("Gamma Org");
        browser.signIn(first.adminEmail(), Scenery.PASSWORD);
        assertThat(browser.path()).isEqualTo(first.path("/members"));
        browser.open(first.path("/teams"));
        browser.click(By.cssSelector(".org-switcher summary"));
        var choices = browser.all(By.cssSelector(".org-switcher li a"));
        assertThat(choices).extracting(WebElement::getText).containsExactly("Alpha Org", "Beta Org");
        assertThat(choices.get(0).getAttribute("aria-current")).isEqualTo("true");
        browser.screenshot("organization-switcher");

        browser.submit(By.linkText("Beta Org"));
        assertThat(browser.path()).isEqualTo(second.path("/teams"));
        assertThat(browser.text(By.cssSelector(".org-switcher summary"))).contains("Beta Org");

        // an organization this admin does not manage does not exist for them
        browser.open(someoneElses.path("/members"));
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Page not found");
        assertThat(browser.text(By.cssSelector(".error-page")))
                .contains("There is no such organization, or you do not manage it");
        assertThat(browser.driver().getPageSource()).doesNotContain("Gamma Org");
    }

    @Test
    void anAdminWithoutAnOrganizationIsToldSo() {
        String admin = scenery.adminWithoutOrganization();
        browser.signIn(admin, Scenery.PASSWORD);

        assertThat(browser.path()).isEqualTo("/");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("No organization yet");
        assertThat(browser.text(By.id("page"))).contains(admin).contains("do not manage any organization");
    }

    @Test
    void aMissingPageIsAFriendlyPageWithoutAStackTrace() {
        Tenant tenant = scenery.organization("Errors Org");
        browser.signIn(tenant.adminEmail(), Scenery.PASSWORD);
        browser.open(tenant.path("/members/no-such-member"));
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Page not found");
        assertThat(browser.text(By.cssSelector(".error-page p:not(.error-code)")))
                .isEqualTo("This member does not exist (or no longer does).");
        assertThat(browser.text(By.cssSelector(".error-page code"))).isNotBlank();
        browser.screenshot("error-not-found");

        browser.open("/no/such/page");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Page not found");
        String page = browser.driver().getPageSource();
        assertThat(page).doesNotContain("Exception").doesNotContain("at com.").doesNotContain("Whitelabel");
        assertThat(browser.find(By.linkText("Back to the Control Panel")).getAttribute("href"))
                .isEqualTo(browser.base() + "/");

        // refused by the servlet container before the application: still the Control Panel's page
        browser.open(tenant.path("/members/a%2Fb"));
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("This link is not right");
        assertThat(browser.text(By.cssSelector(".error-page .error-code"))).isEqualTo("400");
        browser.screenshot("error-refused-by-the-container");
    }

    @Test
    void theContentSecurityPolicyRefusesInlineScripts() {
        Tenant tenant = scenery.organization("Policy Org");
        browser.signIn(tenant.adminEmail(), Scenery.PASSWORD);
        browser.pageProblems();

        browser.script("const injected = document.createElement('script');"
                + "injected.textContent = 'window.injected = true';"
                + "document.head.appendChild(injected);");

        assertThat(browser.script("return window.injected === true;")).isEqualTo(false);
        assertThat(browser.pageProblems()).anyMatch(problem -> problem.contains("Content Security Policy"));
    }

    @Test
    void signingInAgainAfterSigningOutInAnotherTabLeadsToAPageNotToTheLiveStream(CapturedOutput output) {
        Tenant tenant = scenery.organization("Two Tabs Org");
        browser.signIn(tenant.adminEmail(), Scenery.PASSWORD);
        WebDriver driver = browser.driver();
        String activityTab = driver.getWindowHandle();
        browser.open(tenant.path("/activity?action=member"));
        browser.waitUntil(d -> browser.text(By.id("activity-live")).startsWith("Live:"));
        driver.switchTo().newWindow(WindowType.TAB);
        try {
            browser.open(tenant.path("/members"));
            browser.signOut();
            // the Activity page's stream learns at its next action that its session ended, when it last asked more
            // than a second before (else it sends that row, and the page, fetching it signed out, goes to sign in);
            // it then asks again, signed out
            sleep(Duration.ofMillis(1500));
            scenery.invite(tenant, "Tess", "Tabs");
            String otherTab = driver.getWindowHandle();
            driver.switchTo().window(activityTab);
            // its reconnect, signed out, is no stream: the page is sent to sign in, told why
            browser.waitUntil(Duration.ofSeconds(30), d -> browser.path().startsWith("/login"));
            assertThat(browser.text(By.tagName("body"))).contains("Your session ended");
            // the stream that ended with the session was no failure of the service
            assertThat(output.getAll()).doesNotContain("AuthorizationDeniedException");
            driver.switchTo().window(otherTab);

            // back to the page the session ended on, with its filters: not to its stream, nor its rows' fetch
            browser.signIn(tenant.adminEmail(), Scenery.PASSWORD);
            assertThat(browser.path()).isEqualTo(tenant.path("/activity?action=member"));
            assertThat(browser.text(By.tagName("h1"))).isEqualTo("Activity");
        } finally {
            // the second tab closed, whichever tab a failure left current: the next test has the first one
            for (String tab : driver.getWindowHandles()) {
                if (!tab.equals(activityTab)) {
                    driver.switchTo().window(tab);
                    driver.close();
                }
            }
            driver.switchTo().window(activityTab);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aFormSentAfterSigningOutInAnotherTabLeadsToTheSignInPage() {
        Tenant tenant = scenery.organization("Late Form Org");
        browser.signIn(tenant.adminEmail(), Scenery.PASSWORD);
        WebDriver driver = browser.driver();
        String formTab = driver.getWindowHandle();
        browser.open(tenant.path("/members?sort=email"));
        browser.openDialog(By.id("invite-button"), "invite-dialog");
        driver.switchTo().newWindow(WindowType.TAB);
        browser.open(tenant.path("/members"));
        browser.signOut();
        driver.close();
        driver.switchTo().window(formTab);

        browser.type(By.id("invite-email"), "late.form@example.com");
        browser.submit(By.cssSelector("button[form=invite-form]"));

        browser.waitUntil(d -> browser.path().startsWith("/login"));
        assertThat(browser.path()).isEqualTo("/login?expired");
        assertThat(browser.text(By.cssSelector("[role=status]")))
                .isEqualTo("Your session ended. Sign in again to go on.");
        browser.signIn(tenant.adminEmail(), Scenery.PASSWORD);
        // back on the page the form was sent from, as it was (not the start)
        assertThat(browser.path()).isEqualTo(tenant.path("/members?sort=email"));
        browser.open(tenant.path("/members?q=late.form"));
        assertThat(browser.text(By.tagName("main"))).doesNotContain("late.form@example.com");
    }

    @Test
    void aSearchAfterTheSessionEndedLeadsToTheSignInPage() {
        Tenant tenant = scenery.organization("Expiry Org");
        browser.signIn(tenant.adminEmail(), Scenery.PASSWORD);
        browser.open(tenant.path("/members"));

        browser.driver().manage().deleteAllCookies();
        browser.type(By.id("member-q"), "anyone");

        browser.waitUntil(d -> browser.path().startsWith("/login"));
        assertThat(browser.text(By.cssSelector("[role=status]")))
                .isEqualTo("Your session ended. Sign in again to go on.");
        signInHere(tenant);

        // on another page than the start, that page is the one signed in to again
        browser.open(tenant.path("/teams"));
        browser.driver().manage().deleteAllCookies();
        browser.type(By.id("team-q"), "anything");
        browser.waitUntil(d -> browser.path().startsWith("/login"));
        assertThat(browser.path()).isEqualTo("/login?expired");
        signInHere(tenant);
        assertThat(browser.path()).startsWith(tenant.path("/teams"));
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Teams");
    }

    @Test
    void aLinkClickedAfterTheSessionEndedSaysSoAndLeadsBackToItsPage() {
        Tenant tenant = scenery.organization("Late Link Org");
        browser.signIn(tenant.adminEmail(), Scenery.PASSWORD);
        browser.open(tenant.path("/members"));

        browser.driver().manage().deleteAllCookies();
        browser.click(By.cssSelector("nav.sections a[href$='/teams']"));

        browser.waitUntil(d -> browser.path().startsWith("/login"));
        assertThat(browser.path()).isEqualTo("/login?expired");
        assertThat(browser.text(By.cssSelector("[role=status]")))
                .isEqualTo("Your session ended. Sign in again to go on.");
        signInHere(tenant);
        assertThat(browser.path()).isEqualTo(tenant.path("/teams"));
    }

    /** Signs in on the sign-in page the browser is on (opening it afresh would be another visit). */
    private void signInHere(Tenant tenant) {
        browser.type(By.id("email"), tenant.adminEmail());
        browser.type(By.id("password"), Scenery.PASSWORD);
        browser.click(By.cssSelector("form button[type=submit]"));
        browser.waitUntil(d -> !browser.path().startsWith("/login"));
    }
}
