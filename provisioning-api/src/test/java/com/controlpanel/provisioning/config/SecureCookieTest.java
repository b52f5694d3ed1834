package com.controlpanel.provisioning.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.ProvisioningApplication;
import com.controlpanel.provisioning.testing.Nodes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The Control Panel's session cookie is Secure when the service is reached over HTTPS, as its public base URL says. */
class SecureCookieTest {

    @TempDir
    Path dataDir;

    /** The session cookie the sign-in page sets, on a node started with these settings. */
    private String sessionCookie(String... settings) throws Exception {
        List<String> arguments =
                new java.util.ArrayList<>(List.of("--server.port=0", "--provisioning.data-dir=" + dataDir));
        arguments.addAll(List.of(settings));
        try (ConfigurableApplicationContext node =
                new SpringApplicationBuilder(ProvisioningApplication.class).run(arguments.toArray(String[]::new))) {
            HttpResponse<Void> page = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + Nodes.port(node) + "/login"))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
            return page.headers().allValues("Set-Cookie").stream()
                    .filter(cookie -> cookie.startsWith("SESSION="))
                    .findFirst()
                    .orElseThrow();
        }
    }

    @Test
    void behindHttpsTheSessionCookieIsSecureUnlessSaidOtherwise() throws Exception {
        assertThat(sessionCookie("--provisioning.public-base-url=https://cp.example.com"))
                .contains("; Secure")
                .contains("; HttpOnly");
        assertThat(sessionCookie()).doesNotContain("Secure").contains("; HttpOnly");
        assertThat(sessionCookie(
                        "--provisioning.public-base-url=https://cp.example.com",
                        "--server.servlet.session.cookie.secure=false"))
                .doesNotContain("Secure");
    }
}
