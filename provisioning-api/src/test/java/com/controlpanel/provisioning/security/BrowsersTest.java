package com.controlpanel.provisioning.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Browsers named as an admin recognises them, from the headers the common ones send. */
class BrowsersTest {

    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0"
                        + " Safari/537.36 Edg/131.0.0.0|Edge on Windows",
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0|Firefox on Windows",
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)"
                        + " Version/18.1 Safari/605.1.15|Safari on macOS",
                "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0"
                        + " Safari/537.36|Chrome on Linux",
                "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0"
                        + " Safari/537.36|Chrome on Linux",
                "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko)"
                        + " Version/18.1 Mobile/15E148 Safari/604.1|Safari on iPhone",
                "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko)"
                        + " CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1|Chrome on iPhone",
                "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko)"
                        + " Chrome/131.0.6778.81 Mobile Safari/537.36|Chrome on Android",
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0"
                        + " Safari/537.36 OPR/115.0.0.0|Opera on Windows",
                "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko)"
                        + " Chrome/131.0.0.0 Safari/537.36|Chrome on ChromeOS",
                "Mozilla/5.0 (X11; Linux x86_64)|a browser on Linux",
                "Java-http-client/17.0.13|Java-http-client",
                "curl/8.5.0|curl",
                "  (compatible; bot)|compatible",
            })
    void namesTheBrowserAndItsSystem(String userAgent, String described) {
        assertThat(Browsers.describe(userAgent)).isEqualTo(described);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            value = {"NULL", "''", "'   '", "'/ / ;'"})
    void noHeaderOrNoWordIsAnUnknownBrowser(String userAgent) {
        assertThat(Browsers.describe(userAgent)).isEqualTo("an unknown browser");
    }

    @ParameterizedTest
    @CsvSource({"'x\u0000y\u007f\u00e9z', xyz"})
    void anUnknownHeadersWordKeepsPrintableAsciiOnlyAndIsShort(String userAgent, String described) {
        assertThat(Browsers.describe(userAgent)).isEqualTo(described);
        assertThat(Browsers.describe("a".repeat(500))).hasSize(40);
    }
}
