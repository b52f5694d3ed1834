package com.controlpanel.provisioning.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.domain.api.MemberId;
import com.controlpanel.provisioning.domain.api.PersonName;
import com.controlpanel.provisioning.testing.ApplicationTest;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * What an accessibility checker (axe-core, WCAG 2.1 AA) and a keyboard user found on the Control Panel, held in the
 * browser: text contrast, names of fields and controls that contain what they show, a visible focus on read-only
 * fields, the focus on the first refused field of a form sent back, and no sideways scrolling at the narrowest widths.
 */
@ExtendWith(ChromiumAvailable.class)
@ApplicationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessibilityScreenTest {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    private Browser browser;
    private Scenery scenery;
    private Tenant tenant;
    private MemberId grace;

    @BeforeAll
    void start() {
        scenery = new Scenery(context);
        // a long name, with a word longer than a phone's width, and a second organization for the switcher
        tenant = scenery.organization(
                "Internationale Wolfeschlegelsteinhausenbergerdorffverwaltungsgesellschaft Holding Europe GmbH");
        scenery.alsoManagedBy(tenant, "Northwind Second");
        grace = scenery.invite(tenant, "Grace", "Hopper");
        browser = Browser.start(port);
        browser.signIn(tenant.adminEmail(), Scenery.PASSWORD);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    /** The contrast ratio (WCAG 2.1) of an element's text color on the page's background. */
    private double contrastOnPage(By element) {
        WebElement found = browser.find(element);
        return ((Number) browser.script(
                        "function rgb(c) { return c.match(/[\\d.]+/g).slice(0, 3).map(Number); }"
                                + "function lum(c) { return rgb(c).map(v => { v /= 255;"
                                + " return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); })"
                                + " .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0); }"
                                + "const a = lum(getComputedStyle(arguments[0]).color);"
                                + "const b = lum(getComputedStyle(document.body).backgroundColor);"
                                + "return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);",
                        found))
                .doubleValue();
    }

    @Test
    void mutedTextHasTheContrastOfBodyText() {
        browser.open(tenant.path("/members"));
        // the subtitle, the filters' labels and the results' status are all in the muted color
        assertThat(contrastOnPage(By.cssSelector(".subtitle"))).isGreaterThanOrEqualTo(4.5);
        assertThat(contrastOnPage(By.cssSelector("label[for=member-q]"))).isGreaterThanOrEqualTo(4.5);
        browser.open(tenant.path("/no-such-page"));
        assertThat(contrastOnPage(By.cssSelector(".error-code"))).isGreaterThanOrEqualTo(3.0);
    }

    @Test
    void theEdgesOfFieldsAndCheckboxesStandOutFromWhatIsAroundThem() {
        scenery.team(tenant, "Edges Team");
        browser.open(tenant.path("/members") + "?invite");
        browser.waitUntil(d -> browser.dialogOpen("invite-dialog"));
        String contrasts = "function rgb(c) { return c.match(/[\\d.]+/g).slice(0, 3).map(Number); }"
                + "function lum(c) { return rgb(c).map(v => { v /= 255;"
                + " return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); })"
                + " .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0); }"
                + "function ratio(a, b) { const x = lum(a), y = lum(b);"
                + " return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); }"
                + "const page = getComputedStyle(document.body).backgroundColor;"
                + "return Array.from(document.querySelectorAll(arguments[0])).map(e => {"
                + " const edge = getComputedStyle(e).borderTopColor;"
                + " return Math.min(ratio(edge, 'rgb(255, 255, 255)'), ratio(edge, page)); });";
        // WCAG 1.4.11: what shows where a field is, 3:1 against the dialog's white and the page
        for (String field : List.of("#invite-email", "#invite-dialog input[type=checkbox]", "#member-q")) {
            @SuppressWarnings("unchecked")
            List<Number> ratios = (List<Number>) browser.script(contrasts, field);
            assertThat(ratios).as(field).isNotEmpty();
            assertThat(ratios)
                    .as(field)
                    .allSatisfy(r -> assertThat(r.doubleValue()).isGreaterThanOrEqualTo(3.0));
        }
        // a checkbox is square, with rounded corners, not nearly round like a radio button
        Number roundness =
                (Number) browser.script("const c = document.querySelector('#invite-dialog input[type=checkbox]');"
                        + " return parseFloat(getComputedStyle(c).borderTopLeftRadius) / c.offsetWidth;");
        assertThat(roundness.doubleValue()).isLessThanOrEqualTo(0.25);
    }

    @Test
    void controlsAreNamedWithWhatTheyShow() {
        browser.open(tenant.path("/settings/general"));
        assertThat(browser.find(By.id("organization-id")).getAccessibleName()).isEqualTo("Organization id");
        // the switcher and the exports: a speech user says what they see
        WebElement switcher = browser.find(By.cssSelector(".org-switcher summary"));
        assertThat(switcher.getAccessibleName())
                .startsWith("Switch organization")
                .contains(tenant.name());
        browser.open(tenant.path("/activity"));
        for (String export : List.of("export-csv", "export-json")) {
            WebElement link = browser.find(By.id(export));
            assertThat(link.getAccessibleName()).as(export).contains(link.getText());
        }
    }

    @Test
    void theOrganizationSwitcherClosesOnEscapeAndWhenTheFocusLeavesIt() {
        browser.open(tenant.path("/members"));
        WebElement switcher = browser.find(By.cssSelector("details.org-switcher"));
        WebElement summary = switcher.findElement(By.tagName("summary"));
        summary.click();
        assertThat(switcher.getAttribute("open")).isNotNull();
        summary.sendKeys(org.openqa.selenium.Keys.ESCAPE);
        assertThat(switcher.getAttribute("open")).isNull();
        assertThat(browser.script("return document.activeElement.tagName;")).isEqualTo("SUMMARY");

        summary.click();
        assertThat(switcher.getAttribute("open")).isNotNull();
        browser.script("document.getElementById('main').focus();");
        assertThat(switcher.getAttribute("open")).isNull();
    }

    @Test
    void aReadOnlyFieldShowsWhereTheFocusIs() {
        browser.open(tenant.path("/settings/general"));
        WebElement field = browser.find(By.id("organization-id"));
        String unfocused = (String) browser.script("return getComputedStyle(arguments[0]).outlineStyle;", field);
        browser.script("arguments[0].focus();", field);
        assertThat(browser.script("return document.activeElement.id;")).isEqualTo("organization-id");
        assertThat(unfocused).isEqualTo("none");
        assertThat(browser.script("return getComputedStyle(arguments[0]).outlineStyle;", field))
                .isEqualTo("solid");
    }

    @Test
    void aFormSentBackWithAnErrorHasTheFocusOnTheRefusedField() {
        browser.open(tenant.path("/members/" + grace.value()));
        browser.type(By.id("member-email"), "grace@");
        browser.submit(By.cssSelector("#member-form button[type=submit]"));
        assertThat(browser.text(By.id("member-email-error"))).contains("is not an email address");
        assertThat(browser.script("return document.activeElement.id;")).isEqualTo("member-email");
        assertThat(browser.find(By.id("member-email")).getAttribute("aria-describedby"))
                .contains("member-email-error");
    }

    @Test
    void aLinkShownAsAButtonActsOnSpaceAsAButtonDoes() {
        browser.open(tenant.path("/members"));
        WebElement invite = browser.find(By.id("invite-button"));
        invite.sendKeys(org.openqa.selenium.Keys.SPACE);
        browser.waitUntil(d -> browser.script("return document.getElementById('invite-dialog').open;")
                .equals(true));
        assertThat(browser.script("return window.scrollY;"))
                .as("the page did not scroll")
                .isEqualTo(0L);
    }

    @Test
    void theFocusRingOfLinksAndButtonsStandsOutFromTheBackgroundByAtLeast3To1() {
        browser.open(tenant.path("/members"));
        // a primary button (a link shown as one) and a secondary one (the filters' Apply)
        for (String button : List.of("#invite-button", "form.filters button[type=submit]")) {
            browser.script("document.querySelector(arguments[0]).focus();", button);
            // the ring comes in with a transition of 0.2 s
            try {
                Thread.sleep(600);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            String shadow = (String)
                    browser.script("return getComputedStyle(document.querySelector(arguments[0])).boxShadow;", button);
            java.util.regex.Matcher rgba = java.util.regex.Pattern.compile(
                            "rgba?\\(([\\d.]+), ([\\d.]+), ([\\d.]+)(?:, ([\\d.]+))?\\)")
                    .matcher(shadow);
            double ring = 0;
            while (rgba.find()) {
                double alpha = rgba.group(4) == null ? 1 : Double.parseDouble(rgba.group(4));
                if (alpha == 0) {
                    continue;
                }
                // the ring's color as it shows over white
                double[] rgb = new double[3];
                for (int i = 0; i < 3; i++) {
                    rgb[i] = alpha * Double.parseDouble(rgba.group(i + 1)) + (1 - alpha) * 255;
                }
                ring = Math.max(ring, contrastWithWhite(rgb));
            }
            assertThat(ring).as(button + ": " + shadow).isGreaterThanOrEqualTo(3.0);
        }
    }

    @Test
    void aFocusedFilledButtonShowsARingApartFromIt() {
        // Pico's ring hugs a filled button in nearly its own color: it read as a slightly larger button
        browser.open(tenant.path("/members"));
        for (String button : List.of("#invite-button", "form.filters button[type=submit]")) {
            browser.find(By.cssSelector(button)).sendKeys(org.openqa.selenium.Keys.SHIFT);
            browser.script("document.querySelector(arguments[0]).focus({focusVisible: true});", button);
            @SuppressWarnings("unchecked")
            List<Object> outline = (List<Object>) browser.script(
                    "const s = getComputedStyle(document.querySelector(arguments[0]));"
                            + " return [s.outlineStyle, s.outlineOffset, s.outlineColor, s.outlineWidth];",
                    button);
            assertThat(outline.get(0)).as(button + " " + outline).isEqualTo("solid");
            assertThat(Double.parseDouble(String.valueOf(outline.get(1)).replace("px", "")))
                    .as(button + ": a gap between the button and its ring")
                    .isGreaterThanOrEqualTo(2.0);
            java.util.regex.Matcher rgb = java.util.regex.Pattern.compile("rgba?\\(([\\d.]+), ([\\d.]+), ([\\d.]+)")
                    .matcher(String.valueOf(outline.get(2)));
            assertThat(rgb.find()).isTrue();
            double[] color = {
                Double.parseDouble(rgb.group(1)), Double.parseDouble(rgb.group(2)), Double.parseDouble(rgb.group(3))
            };
            assertThat(contrastWithWhite(color)).as(button + ": " + outline).isGreaterThanOrEqualTo(3.0);
        }
    }

    private static double contrastWithWhite(double[] rgb) {
        double luminance = 0;
        double[] weights = {0.2126, 0.7152, 0.0722};
        for (int i = 0; i < 3; i++) {
            double v = rgb[i] / 255;
            luminance += weights[i] * (v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4));
        }
        return 1.05 / (luminance + 0.05);
    }

    @Test
    void whatTheFocusMovesToInADialogTallerThanItsScreenIsNotLeftUnderItsButtons() {
        Tenant many = scenery.alsoManagedBy(tenant, "Northwind Many Teams");
        for (int i = 1; i <= 6; i++) {
            scenery.team(many, "Focus Team " + i);
        }
        // a laptop's screen at 200 % zoom: the invite dialog is taller than it, its buttons stay at its foot
        browser.resize(new Dimension(683, 340));
        try {
            browser.open(many.path("/members") + "?invite");
            browser.waitUntil(d -> (Boolean) browser.script(
                    "return document.getElementById('invite-dialog').contains(document.activeElement);"));
            String where = "return (() => { const a = document.activeElement;"
                    + " const f = a.closest('dialog > article') && a.closest('dialog > article')"
                    + ".querySelector(':scope > footer');"
                    + " if (!f || f.contains(a)) { return 'buttons'; }"
                    + " return a.getBoundingClientRect().bottom <= f.getBoundingClientRect().top + 0.5"
                    + " ? 'clear' : 'under ' + (a.id || a.name || a.value); })();";
            int clear = 0;
            for (int tab = 0; tab < 14; tab++) {
                browser.driver().switchTo().activeElement().sendKeys(Keys.TAB);
                String seen;
                try {
                    seen = browser.waitUntil(java.time.Duration.ofSeconds(2), d -> {
                        String at = (String) browser.script(where);
                        return at.startsWith("under") ? null : at;
                    });
                } catch (org.openqa.selenium.TimeoutException stillUnder) {
                    seen = (String) browser.script(where);
                }
                assertThat(seen).as("tab " + (tab + 1)).doesNotStartWith("under");
                if (seen.equals("clear")) {
                    clear++;
                }
            }
            assertThat(clear).as("fields and teams tabbed to above the buttons").isGreaterThanOrEqualTo(5);
            assertThat(((Number) browser.script("return document.querySelector('#invite-dialog > article').scrollTop;"))
                            .doubleValue())
                    .as("the dialog scrolled: it is taller than the screen")
                    .isGreaterThan(0);
        } finally {
            browser.resize(Browser.LAPTOP);
        }
    }

    @Test
    void theLogoLinkIsNamedAtEveryWidth() {
        try {
            for (Dimension width : List.of(Browser.LAPTOP, new Dimension(375, 800))) {
                browser.resize(width);
                browser.open(tenant.path("/members"));
                assertThat(browser.find(By.cssSelector("a.brand")).getAccessibleName())
                        .as("at " + width)
                        .isEqualTo("Control Panel");
            }
        } finally {
            browser.resize(Browser.LAPTOP);
        }
    }

    @Test
    void everyDialogsCloseButtonIsATargetOfAtLeast24Pixels() {
        int dialogs = 0;
        for (String page : List.of("/members", "/members/" + grace.value(), "/teams", "/settings/provisioning")) {
            browser.open(tenant.path(page));
            @SuppressWarnings("unchecked")
            List<List<Object>> sizes = (List<List<Object>>)
                    browser.script("return Array.from(document.querySelectorAll('dialog')).map(d => {"
                            + " d.showModal(); const b = d.querySelector('header [rel=prev]');"
                            + " const r = b.getBoundingClientRect();"
                            // the target's edges, each just inside (its rounded corners aside), are the button's:
                            // none of it is cut off by the dialog's edge or covered by the title
                            + " const mx = (r.left + r.right) / 2, my = (r.top + r.bottom) / 2;"
                            + " const whole = [[mx, r.top + 1], [mx, r.bottom - 1], [r.left + 1, my], [r.right - 1, my]]"
                            + ".every(([x, y]) => {"
                            + " const hit = document.elementFromPoint(x, y); return hit === b || b.contains(hit); });"
                            + " const size = [b.offsetWidth, b.offsetHeight, d.id, getComputedStyle(b).opacity, whole];"
                            + " d.close(); return size; });");
            for (List<Object> size : sizes) {
                // WCAG 2.2 success criterion 2.5.8, target size (minimum)
                assertThat(((Number) size.get(0)).doubleValue())
                        .as(page + " width " + size.get(2))
                        .isGreaterThanOrEqualTo(24);
                assertThat(((Number) size.get(1)).doubleValue())
                        .as(page + " height")
                        .isGreaterThanOrEqualTo(24);
                // Pico's half opacity left its cross at 1.7:1 on white
                assertThat(size.get(3)).as(page + " opacity " + size.get(2)).isEqualTo("1");
                assertThat(size.get(4))
                        .as(page + " whole target " + size.get(2))
                        .isEqualTo(true);
                dialogs++;
            }
        }
        assertThat(dialogs).isGreaterThanOrEqualTo(3);
    }

    @Test
    void anOrganizationNameOfOneLongWordIsCutShortInTheTopBarAtEveryWidth() {
        String name = "Verwaltungsgesellschaft".repeat(8);
        Tenant unbroken = scenery.alsoManagedBy(tenant, name);
        try {
            for (Dimension width :
                    List.of(Browser.LAPTOP, new Dimension(900, 800), new Dimension(700, 800), Browser.PHONE)) {
                browser.resize(width);
                for (String page : List.of("/members", "/settings/general")) {
                    browser.open(unbroken.path(page));
                    browser.assertNoHorizontalScroll();
                }
                assertThat(browser.find(By.cssSelector(".org-switcher summary")).getAttribute("title"))
                        .isEqualTo(name);
            }
        } finally {
            browser.resize(Browser.LAPTOP);
        }
    }

    /** The organization switcher, open: its list within the screen, and nothing sticking out sideways. */
    private void assertSwitcherListWithinScreen(Dimension width) {
        assertThat((Boolean) browser.script("const r = document.querySelector('.org-switcher ul')"
                        + ".getBoundingClientRect(); return r.left >= 0 && r.right <= innerWidth;"))
                .as("the switcher's list within " + width)
                .isTrue();
        browser.assertNoHorizontalScroll();
    }

    @Test
    void theOrganizationSwitcherBreaksNoWordItsListCouldHold() {
        // an admin whose organizations have long words, none wider than a phone's list, and a name longer than any
        Tenant own = scenery.organization("Nordwind Verwaltungsgesellschaft");
        scenery.alsoManagedBy(own, "Südwind Versicherungsgesellschaft Holding Europa Aktiengesellschaft Deutschland");
        scenery.alsoManagedBy(own, "Acme");
        browser.signOut();
        browser.signIn(own.adminEmail(), Scenery.PASSWORD);
        try {
            for (Dimension width :
                    List.of(Browser.LAPTOP, new Dimension(700, 800), new Dimension(641, 800), Browser.PHONE)) {
                browser.resize(width);
                browser.open(own.path("/members"));
                browser.click(By.cssSelector(".org-switcher summary"));
                // every word of every name on one line
                assertThat(browser.wordsBrokenIn(".org-switcher ul li a"))
                        .as("words broken in the switcher's list at " + width)
                        .isEmpty();
                assertSwitcherListWithinScreen(width);
            }
        } finally {
            browser.resize(Browser.LAPTOP);
            browser.open(own.path("/members")); // the switcher closed: open, it covers the page
            browser.signOut();
            browser.signIn(tenant.adminEmail(), Scenery.PASSWORD);
        }
    }

    @Test
    void anEmailWrapsAfterItsAtOrBeforeADotNeverInsideAPart() {
        // parts a column holds, but not the whole address, and no hyphen for the browser to wrap at
        String email = "bartholomew.featherstone@wolfeschlegel.example.com";
        MemberId member = scenery.invite(tenant, email, PersonName.of("Bartholomew", "Featherstone"));
        Map<String, String> shownIn = Map.of(
                "/members",
                ".identity-detail",
                "/activity",
                ".summary-link, .subject-link",
                "/members/" + member.value(),
                ".profile-header .identity-detail span");
        try {
            for (Dimension width : List.of(Browser.LAPTOP, new Dimension(768, 900), Browser.PHONE)) {
                browser.resize(width);
                shownIn.forEach((page, selector) -> {
                    browser.open(tenant.path(page));
                    // a wrap is inside a part unless it comes after the @ or a hyphen, or before a dot
                    Browser.Wrapping wrapping = browser.wrapping(selector, email, "@-", ".");
                    assertThat(wrapping.elsewhere()).as(page + " at " + width).isEmpty();
                    if (width.equals(Browser.PHONE)) {
                        assertThat(wrapping.mostLines())
                                .as(page + " at " + width + ": the address on more than one line")
                                .isGreaterThan(1);
                    }
                });
            }
            browser.open(tenant.path("/members/" + member.value()));
            assertThat(browser.text(By.cssSelector(".profile-header .identity-detail span")))
                    .as("the text is the address as it is")
                    .isEqualTo(email);
        } finally {
            browser.resize(Browser.LAPTOP);
        }
    }

    @Test
    void aHistoryPagesTrailKeepsItsLastWordWholeBesideALongNameOnAPhone() {
        MemberId long_ = scenery.invite(
                tenant,
                "maximiliana@northwind.example",
                PersonName.of("Maximiliana Wilhelmina Theodora", "von Hohenzollern-Sigmaringen"));
        var team =
                scenery.team(tenant, "Engineering and Infrastructure Reliability Operations Worldwide Extended Team");
        try {
            for (Dimension width : List.of(new Dimension(375, 800), new Dimension(320, 800))) {
                browser.resize(width);
                for (String page :
                        List.of("/members/" + long_.value() + "/history", "/teams/" + team.value() + "/history")) {
                    browser.open(tenant.path(page));
                    browser.assertNoHorizontalScroll();
                    WebElement last = browser.find(By.cssSelector("nav[aria-label=breadcrumb] [aria-current=page]"));
                    assertThat(last.getText()).isEqualTo("History");
                    // not cut: the whole word is shown (it was squeezed to its first letter beside the name)
                    assertThat(((Number) browser.script(
                                            "return arguments[0].scrollWidth - arguments[0].clientWidth;", last))
                                    .intValue())
                            .as(page + " at " + width)
                            .isLessThanOrEqualTo(0);
                    // the name gives way with an ellipsis, on the same line
                    WebElement name = browser.find(By.cssSelector("nav[aria-label=breadcrumb] li:nth-child(2) > a"));
                    assertThat(Math.abs(name.getRect().getY() - last.getRect().getY()))
                            .as("on one line")
                            .isLessThan(last.getRect().getHeight());
                    assertThat(((Number) browser.script(
                                            "return arguments[0].scrollWidth - arguments[0].clientWidth;", name))
                                    .intValue())
                            .as("the name cut")
                            .isGreaterThan(0);
                }
            }
        } finally {
            browser.resize(Browser.LAPTOP);
        }
    }

    @Test
    void aFilterListShowsItsWholeChoiceOnAPhone() {
        // the text of each list's chosen option against the room its box leaves it (the chevron's padding taken off)
        String cut = "const canvas = document.createElement('canvas').getContext('2d');"
                + "return Array.from(document.querySelectorAll('.filters select')).filter(s => {"
                + "  const style = getComputedStyle(s); canvas.font = style.font;"
                + "  const room = s.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);"
                + "  return canvas.measureText(s.options[s.selectedIndex].text).width > room + 0.5;"
                + "}).map(s => s.id + ': ' + s.options[s.selectedIndex].text);";
        try {
            for (Dimension width : List.of(new Dimension(320, 800), new Dimension(375, 800))) {
                browser.resize(width);
                for (String page : List.of("/members", "/teams", "/activity")) {
                    browser.open(tenant.path(page));
                    assertThat((List<?>) browser.script(cut))
                            .as(page + " at " + width)
                            .isEmpty();
                    browser.assertNoHorizontalScroll();
                }
            }
        } finally {
            browser.resize(Browser.LAPTOP);
        }
    }

    @Test
    void nothingScrollsSidewaysOnAPhoneWithALongOrganizationName() {
        try {
            for (Dimension width : List.of(new Dimension(375, 800), new Dimension(320, 800))) {
                browser.resize(width);
                for (String page : List.of("/settings/general", "/settings/provisioning", "/members", "/audit")) {
                    browser.open(tenant.path(page));
                    browser.assertNoHorizontalScroll();
                }
                // the organization switcher, open: its list of names within the screen, the long one wrapped
                browser.click(By.cssSelector(".org-switcher summary"));
                assertThat(browser.find(By.cssSelector("details.org-switcher")).getAttribute("open"))
                        .isNotNull();
                assertSwitcherListWithinScreen(width);
            }
        } finally {
            browser.resize(Browser.LAPTOP);
        }
    }
}
