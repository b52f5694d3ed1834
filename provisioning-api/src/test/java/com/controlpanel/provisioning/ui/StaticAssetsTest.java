package com.controlpanel.provisioning.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.testing.ApplicationTest;
import com.controlpanel.provisioning.testing.FormSession;
import com.controlpanel.provisioning.testing.Http;
import com.controlpanel.provisioning.ui.Scenery.Tenant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The Control Panel's stylesheets, scripts and images: named by addresses that carry a digest of their content, kept
 * by the browser for a year under those, asked again under their plain names, never kept when not found; the pages
 * themselves never kept.
 */
@ApplicationTest
class StaticAssetsTest {

    private static final Pattern ASSET = Pattern.compile("<(?:link|script)[^>]* (?:href|src)=\"([^\"]+)\"");
    private static final Pattern DIGEST = Pattern.compile("-[0-9a-f]{32}\\.(css|js|svg)$");
    private static final String KEPT_A_YEAR = "public, max-age=31536000, immutable";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    private Http http() {
        return Http.to("http://localhost:" + port);
    }

    private static List<String> assetsOf(String page) {
        List<String> found = new ArrayList<>();
        Matcher matcher = ASSET.matcher(page);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    @Test
    void everyPageNamesItsAssetsByTheirContentAndTheyAreKeptAYear() throws Exception {
        Tenant tenant = new Scenery(context).organization("Northwind Assets");
        String signInPage = http().get("/login").text();
        FormSession admin = FormSession.signIn(port, tenant.adminEmail(), Scenery.PASSWORD);
        String membersPage = admin.get(tenant.path("/members"), false).body();
        var missing = admin.get(tenant.path("/members/" + java.util.UUID.randomUUID()), false);
        assertThat(missing.statusCode()).as("a member who is not there").isEqualTo(404);

        assertThat(assetsOf(signInPage))
                .as("the sign-in page's icon and stylesheets")
                .hasSize(3);
        assertThat(assetsOf(membersPage))
                .as("a signed-in page's icon, stylesheets and scripts")
                .hasSize(5)
                .anyMatch(url -> url.startsWith("/webjars/htmx.org/"))
                .anyMatch(url -> url.startsWith("/js/control-panel-"));
        List<String> all = new ArrayList<>(assetsOf(signInPage));
        all.addAll(assetsOf(membersPage));
        assertThat(assetsOf(missing.body())).as("the page saying so").hasSizeGreaterThanOrEqualTo(3);
        all.addAll(assetsOf(missing.body()));
        for (String url : all) {
            assertThat(url).as("named by its content").containsPattern(DIGEST);
            Http.Response asset = http().get(url);
            assertThat(asset.status()).as(url).isEqualTo(200);
            assertThat(asset.header("Cache-Control")).as(url).isEqualTo(KEPT_A_YEAR);
            assertThat(asset.header("Pragma")).as(url).isNull();
            assertThat(asset.text()).as(url).isNotEmpty();
        }
        // the pages themselves show members' data: never kept
        assertThat(http().get("/login").header("Cache-Control")).contains("no-store");
        assertThat(FormSession.signIn(port, tenant.adminEmail(), Scenery.PASSWORD)
                        .get(tenant.path("/members"), false)
                        .headers()
                        .firstValue("Cache-Control")
                        .orElseThrow())
                .contains("no-store");
    }

    @Test
    void anAssetsPlainNameIsAskedAgainAndWhatIsNotFoundIsNotKept() {
        Http.Response plain = http().get("/css/control-panel.css");
        assertThat(plain.status()).isEqualTo(200);
        assertThat(plain.header("Cache-Control")).isEqualTo("no-cache");
        String lastModified = plain.header("Last-Modified");
        assertThat(lastModified).isNotNull();
        Http.Response unchanged =
                http().header("If-Modified-Since", lastModified).get("/css/control-panel.css");
        assertThat(unchanged.status()).as("unchanged since").isEqualTo(304);
        assertThat(unchanged.text()).isEmpty();

        String current = assetsOf(http().get("/login").text()).stream()
                .filter(url -> url.startsWith("/css/control-panel-"))
                .findFirst()
                .orElseThrow();
        assertThat(http().get(current).text()).isEqualTo(plain.text());
        for (String missing : List.of(
                "/css/control-panel-00000000000000000000000000000000.css",
                "/css/no-such-" + "0123456789abcdef0123456789abcdef.css",
                "/js/no-such.js")) {
            Http.Response answer = http().get(missing);
            assertThat(answer.status()).as(missing).isEqualTo(404);
            assertThat(answer.header("Cache-Control")).as(missing).isEqualTo("no-store");
        }
    }

    @Test
    @ExtendWith(ChromiumAvailable.class)
    void theBrowserTakesTheNextPagesAssetsFromItsCache() {
        Tenant tenant = new Scenery(context).organization("Northwind Cached");
        try (Browser browser = Browser.start(port)) {
            browser.open("/login");
            assertThat(fetchedAssets(browser))
                    .as("a browser new to the service fetches the sign-in page's stylesheets")
                    .hasSizeGreaterThanOrEqualTo(2)
                    .allSatisfy(entry -> assertThat(((Number) entry.get("transferSize")).longValue())
                            .as(String.valueOf(entry.get("name")))
                            .isPositive());
            browser.signIn(tenant.adminEmail(), Scenery.PASSWORD);
            browser.open(tenant.path("/teams"));
            assertThat(browser.text(By.tagName("h1"))).isEqualTo("Teams");
            List<Map<String, Object>> fetched = fetchedAssets(browser);
            assertThat(fetched)
                    .as("assets of the second page read over the network, not from the cache")
                    .allSatisfy(entry -> assertThat(((Number) entry.get("transferSize")).longValue())
                            .as(String.valueOf(entry.get("name")))
                            .isZero());
            assertThat(browser.script("return Array.from(document.styleSheets, sheet => sheet.cssRules.length);"))
                    .as("the stylesheets from the cache are read")
                    .asList()
                    .hasSize(2)
                    .allSatisfy(rules -> assertThat((Long) rules).isPositive());
            assertThat(browser.script("return getComputedStyle(document.querySelector('.topbar')).borderBottomStyle;"))
                    .as("and applied")
                    .isEqualTo("solid");
            assertThat(browser.script("return typeof htmx;"))
                    .as("the scripts from the cache ran")
                    .isEqualTo("object");
        }
    }

    /** The stylesheets, scripts and icon the page loaded, each with the bytes that came over the network for it. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> fetchedAssets(Browser browser) {
        return (List<Map<String, Object>>) browser.script("return performance.getEntriesByType('resource')"
                + ".filter(e => /\\/(css|js|img|webjars)\\//.test(new URL(e.name).pathname))"
                + ".map(e => ({name: e.name, transferSize: e.transferSize}));");
    }
}
