package com.controlpanel.provisioning.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.util.FileSystemUtils;

/**
 * One headless Chromium for a test class, driven through Debian's chromedriver (explicit paths: Selenium Manager never
 * downloads anything). It saves a screenshot of every screen under {@code target/screenshots/}.
 */
final class Browser implements AutoCloseable {

    static final Dimension LAPTOP = new Dimension(1280, 900);
    static final Dimension PHONE = new Dimension(390, 844);
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /**
     * How often a wait looks again. Selenium's default of half a second would add a quarter of a second, on average, to
     * every wait for a page or an answer: minutes over the suite.
     */
    private static final Duration POLL = Duration.ofMillis(100);

    private final String base;
    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final Path profile;

    private Browser(String base, ChromeDriverService service, ChromeDriver driver, Path profile) {
        this.base = base;
        this.service = service;
        this.driver = driver;
        this.profile = profile;
    }

    static Browser start(int port) {
        Path profile;
        try {
            profile = Files.createTempDirectory("control-panel-chromium-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(ChromiumAvailable.CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(new File(ChromiumAvailable.CHROMIUM.toString()));
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=" + LAPTOP.getWidth() + "," + LAPTOP.getHeight(),
                "--user-data-dir=" + profile);
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        String base = "http://localhost:" + port;
        // the copy buttons write to the clipboard; the tests read it back
        driver.executeCdpCommand(
                "Browser.grantPermissions",
                Map.of("origin", base, "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
        return new Browser(base, service, driver, profile);
    }

    String base() {
        return base;
    }

    WebDriver driver() {
        return driver;
    }

    Browser open(String path) {
        driver.get(base + path);
        // under load the driver may answer before the page's styles are in: measure a finished page only
        waitUntil(d -> "complete".equals(script("return document.readyState;"))
                && (Long) script("return document.styleSheets.length;")
                        >= (Long) script("return document.querySelectorAll('link[rel=stylesheet]').length;"));
        return this;
    }

    String path() {
        String url = driver.getCurrentUrl();
        return url.startsWith(base) ? url.substring(base.length()) : url;
    }

    void signIn(String email, String password) {
        open("/login");
        type(By.id("email"), email);
        type(By.id("password"), password);
        click(By.cssSelector("form button[type=submit]"));
        waitUntil(d -> !path().startsWith("/login"));
    }

    void signOut() {
        click(By.cssSelector(".topbar form button[type=submit]"));
        waitUntil(d -> path().startsWith("/login"));
    }

    WebElement find(By by) {
        return waitUntil(d -> {
            List<WebElement> found = d.findElements(by);
            return found.isEmpty() ? null : found.get(0);
        });
    }

    List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    boolean present(By by) {
        return !driver.findElements(by).isEmpty();
    }

    String text(By by) {
        return find(by).getText();
    }

    void type(By by, String text) {
        WebElement field = find(by);
        field.clear();
        field.sendKeys(text);
    }

    void click(By by) {
        waitUntil(d -> {
                    WebElement element = d.findElement(by);
                    return element.isDisplayed() && element.isEnabled() ? element : null;
                })
                .click();
    }

    /**
     * Runs the pages' scripts, or not, as a browser with them switched off does (the pages are read so from the next
     * one opened on): what must work without them.
     */
    void scripts(boolean run) {
        driver.executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", !run));
    }

    /**
     * Clicks a link or a button that loads another page, in a page that may run no script (which {@link #submit}
     * needs to mark it), and waits until that page has replaced this one.
     */
    void follow(By by) {
        WebElement element = find(by);
        element.click();
        waitUntil(d -> {
            try {
                element.isEnabled();
                return false;
            } catch (WebDriverException gone) {
                // stale, or its node leaving with its document ("does not belong to the document")
            }
            try {
                return "complete".equals(script("return document.readyState;"));
            } catch (WebDriverException loading) {
                return false;
            }
        });
    }

    /** Clicks a button that submits a form, and waits until the page it leads to has replaced this one. */
    void submit(By by) {
        script("window.controlPanelTestMark = true;");
        click(by);
        awaitNextPage();
    }

    /**
     * Posts a form this page does not offer, with the session's CSRF token and these fields (as a forged request would
     * be sent), and waits for the page it leads to.
     */
    void postForged(String action, java.util.Map<String, String> fields) {
        script(
                "const form = document.createElement('form'); form.method = 'post'; form.action = arguments[0];"
                        + "const fields = Object.assign({_csrf: document.querySelector('meta[name=_csrf]').content},"
                        + " arguments[1]);"
                        + "for (const [name, value] of Object.entries(fields)) {"
                        + " const field = document.createElement('input'); field.type = 'hidden'; field.name = name;"
                        + " field.value = value; form.appendChild(field); }"
                        + "document.body.appendChild(form); window.controlPanelTestMark = true; form.submit();",
                action,
                fields);
        awaitNextPage();
    }

    /** Waits until the page marked before has been replaced by the one it led to. */
    private void awaitNextPage() {
        waitUntil(d -> {
            try {
                return Boolean.TRUE.equals(
                        script("return document.readyState === 'complete' && !window.controlPanelTestMark;"));
            } catch (WebDriverException e) {
                return false; // the old page is going away
            }
        });
    }

    <T> T waitUntil(Function<WebDriver, T> condition) {
        return waitUntil(Duration.ofSeconds(10), condition);
    }

    /** Waits until the condition holds; if it never does, the failure says which page the browser was on and shows. */
    <T> T waitUntil(Duration timeout, Function<WebDriver, T> condition) {
        try {
            // htmx may replace what a condition looks at while it looks: try again
            return new WebDriverWait(driver, timeout, POLL)
                    .ignoring(StaleElementReferenceException.class)
                    .until(condition::apply);
        } catch (TimeoutException e) {
            throw new TimeoutException(e.getMessage() + "\n" + whereAndWhat(), e);
        }
    }

    /** The page's path and the start of its text, for a failure's message. */
    private String whereAndWhat() {
        try {
            Object text = script("return document.body ? document.body.innerText : '';");
            String shown = String.valueOf(text).replaceAll("\\s+", " ").trim();
            return "The browser was on " + path() + ", showing: "
                    + (shown.length() > 600 ? shown.substring(0, 600) + "…" : shown);
        } catch (WebDriverException | ClassCastException unreadable) {
            return "The page could not be read: " + unreadable.getMessage();
        }
    }

    Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** What the page put on the clipboard (the tests' browser may read it). */
    String clipboard() {
        return (String) ((JavascriptExecutor) driver)
                .executeAsyncScript("const done = arguments[arguments.length - 1];"
                        + "navigator.clipboard.readText().then(done, e => done('clipboard error: ' + e));");
    }

    /** A GET from the page, with its session, as a download link would do it. */
    record Fetched(long status, String contentType, String disposition, String body) {}

    @SuppressWarnings("unchecked")
    Fetched fetch(String url) {
        List<Object> answer = (List<Object>) ((JavascriptExecutor) driver)
                .executeAsyncScript(
                        "const done = arguments[arguments.length - 1];"
                                + "fetch(arguments[0], {credentials: 'same-origin'})"
                                + ".then(r => r.text().then(t => done([r.status, r.headers.get('content-type'),"
                                + " r.headers.get('content-disposition'), t])), e => done([0, null, null, '' + e]));",
                        url);
        return new Fetched(
                ((Number) answer.get(0)).longValue(), (String) answer.get(1), (String) answer.get(2), (String)
                        answer.get(3));
    }

    /**
     * A download from the page, with its session, read whole by the browser; its body here only its first bytes, one
     * character each (a backup of hundreds of megabytes, made text and sent over to the test, took longer than the
     * script may).
     */
    @SuppressWarnings("unchecked")
    Fetched download(String url, int firstBytes) {
        List<Object> answer = (List<Object>) ((JavascriptExecutor) driver)
                .executeAsyncScript(
                        "const done = arguments[arguments.length - 1];"
                                + "fetch(arguments[0], {credentials: 'same-origin'})"
                                + ".then(r => r.arrayBuffer().then(b => done([r.status, r.headers.get('content-type'),"
                                + " r.headers.get('content-disposition'),"
                                + " String.fromCharCode(...new Uint8Array(b.slice(0, arguments[1])))])),"
                                + " e => done([0, null, null, '' + e]));",
                        url,
                        firstBytes);
        return new Fetched(
                ((Number) answer.get(0)).longValue(), (String) answer.get(1), (String) answer.get(2), (String)
                        answer.get(3));
    }

    /** The first bytes of what a GET from the page answers (text() would drop a leading byte order mark). */
    @SuppressWarnings("unchecked")
    List<Long> fetchFirstBytes(String url, int count) {
        return ((List<Object>) ((JavascriptExecutor) driver)
                        .executeAsyncScript(
                                "const done = arguments[arguments.length - 1];"
                                        + "fetch(arguments[0], {credentials: 'same-origin'})"
                                        + ".then(r => r.arrayBuffer())"
                                        + ".then(b => done(Array.from(new Uint8Array(b.slice(0, arguments[1])))),"
                                        + " e => done([]));",
                                url,
                                count))
                .stream().map(value -> ((Number) value).longValue()).toList();
    }

    WebElement openDialog(By opener, String dialogId) {
        click(opener);
        WebElement dialog = find(By.id(dialogId));
        waitUntil(d -> dialog.getAttribute("open") != null && dialog.isDisplayed());
        return dialog;
    }

    boolean dialogOpen(String dialogId) {
        List<WebElement> dialogs = driver.findElements(By.id(dialogId));
        return !dialogs.isEmpty() && dialogs.get(0).getAttribute("open") != null;
    }

    void resize(Dimension size) {
        driver.manage().window().setSize(size);
    }

    /** The page must fit the window's width: nothing sticks out sideways. */
    void assertNoHorizontalScroll() {
        String measure =
                "return Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth);";
        try {
            // right after a resize, a page may be laid out once more at the new width: a real overflow stays
            waitUntil(Duration.ofSeconds(3), d -> ((Long) script(measure)) == 0L);
        } catch (TimeoutException stillOverflowing) {
            // reported below
        }
        Long overflow = (Long) script(measure);
        assertThat(overflow)
                .as(() -> "horizontal overflow in px at "
                        + driver.manage().window().getSize() + " on " + path()
                        + ", sticking out: "
                        + script("return Array.from(document.querySelectorAll('body *'))"
                                + ".filter(e => e.getBoundingClientRect().right > innerWidth + 1).slice(-3)"
                                + ".map(e => e.tagName + '.' + e.className).join(', ');"))
                .isZero();
    }

    /** Nothing sticks out sideways: not the page, and no table scrolls within its frame (its last columns hidden). */
    @SuppressWarnings("unchecked")
    void assertNothingScrollsSideways() {
        assertNoHorizontalScroll();
        List<String> wide = (List<String>) script("return Array.from(document.querySelectorAll('.table-wrap'))"
                + ".filter(frame => frame.scrollWidth > frame.clientWidth)"
                + ".map(frame => (frame.id || frame.className) + ': ' + frame.scrollWidth + ' > '"
                + " + frame.clientWidth);");
        assertThat(wide)
                .as("tables wider than their frame at "
                        + driver.manage().window().getSize())
                .isEmpty();
    }

    /**
     * The words of the elements' text that are broken over two lines (a range over a word broken in two has two line
     * boxes): none, where a column or list could hold each word whole.
     */
    @SuppressWarnings("unchecked")
    List<String> wordsBrokenIn(String selector) {
        return (List<String>) script(
                "const broken = [];"
                        + "for (const element of document.querySelectorAll(arguments[0])) {"
                        + "  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);"
                        + "  let text;"
                        + "  while ((text = walker.nextNode())) {"
                        + "    const words = /\\S+/g; let w;"
                        + "    while ((w = words.exec(text.data))) {"
                        + "      const range = document.createRange();"
                        + "      range.setStart(text, w.index); range.setEnd(text, w.index + w[0].length);"
                        + "      const lines = new Set(Array.from(range.getClientRects(), r => Math.round(r.top)));"
                        + "      if (lines.size > 1) broken.push(w[0]);"
                        + "    }"
                        + "  }"
                        + "}"
                        + "return broken;",
                selector);
    }

    /** How elements show a text: the most lines one takes, and each wrap at a place not allowed, as "before / after". */
    record Wrapping(int mostLines, List<?> elsewhere) {}

    /**
     * How the elements the selector finds that hold {@code text} wrap it: a wrap is allowed at a space, after one of
     * {@code after} or before one of {@code before}; any other is listed.
     */
    Wrapping wrapping(String selector, String text, String after, String before) {
        List<?> found = (List<?>) script(
                "const elsewhere = []; let most = 0;"
                        + "for (const el of document.querySelectorAll(arguments[0])) {"
                        + "  if (!el.textContent.includes(arguments[1])) continue;"
                        + "  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);"
                        + "  let top = null, previous = ' ', lines = 1, node;"
                        + "  while ((node = walker.nextNode())) {"
                        + "    for (let i = 0; i < node.data.length; i++) {"
                        + "      const range = document.createRange(); range.setStart(node, i); range.setEnd(node, i + 1);"
                        + "      const rect = range.getClientRects()[0], c = node.data[i];"
                        + "      if (!rect || /\\s/.test(c)) { previous = ' '; continue; }"
                        + "      if (top !== null && rect.top > top + 4) {"
                        + "        lines++;"
                        + "        if (previous !== ' ' && !arguments[2].includes(previous) && !arguments[3].includes(c))"
                        + "          elsewhere.push(el.textContent.trim() + ': ' + previous + ' / ' + c);"
                        + "      }"
                        + "      top = rect.top; previous = c;"
                        + "    }"
                        + "  }"
                        + "  most = Math.max(most, lines);"
                        + "}"
                        + "return [most, elsewhere];",
                selector,
                text,
                after,
                before);
        return new Wrapping(((Number) found.get(0)).intValue(), (List<?>) found.get(1));
    }

    /**
     * What went wrong in the page since the last look: a script error, or something the Content-Security-Policy
     * blocked (an inline script or style would be).
     */
    List<String> pageProblems() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
                .map(LogEntry::getMessage)
                .filter(message -> message.contains("Content Security Policy")
                        || message.contains("Uncaught")
                        || message.contains("htmx"))
                .toList();
    }

    /**
     * Saves the whole page, not only what fits the window, as target/screenshots/{name}.png; with a dialog open,
     * what the admin sees in the window. Every screen shot must have rendered without a script or policy error.
     */
    Path screenshot(String name) {
        assertThat(pageProblems()).as("console problems on " + name).isEmpty();
        return save(name, Boolean.TRUE.equals(script("return !!document.querySelector('dialog[open]');")));
    }

    /** Saves what fits the window, as the admin sees it first (a phone's screen). */
    Path screenshotOfWindow(String name) {
        assertThat(pageProblems()).as("console problems on " + name).isEmpty();
        return save(name, true);
    }

    @SuppressWarnings("unchecked")
    private Path save(String name, boolean windowOnly) {
        byte[] png;
        if (windowOnly) {
            png = driver.getScreenshotAs(OutputType.BYTES);
        } else {
            Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
            Map<String, Object> content = (Map<String, Object>) metrics.get("cssContentSize");
            Map<String, Object> viewport = (Map<String, Object>) metrics.get("cssLayoutViewport");
            double width = ((Number) viewport.get("clientWidth")).doubleValue();
            double height = Math.min(((Number) content.get("height")).doubleValue(), 6000);
            Map<String, Object> shot = driver.executeCdpCommand(
                    "Page.captureScreenshot",
                    Map.of(
                            "format",
                            "png",
                            "captureBeyondViewport",
                            true,
                            "clip",
                            Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
            png = Base64.getDecoder().decode((String) shot.get("data"));
        }
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.write(target, png);
            return target;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            FileSystemUtils.deleteRecursively(profile.toFile());
        }
    }
}
