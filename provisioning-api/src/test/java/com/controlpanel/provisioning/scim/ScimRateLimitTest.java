package com.controlpanel.provisioning.scim;

import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.testing.ApplicationTest;
import com.controlpanel.provisioning.testing.Fixtures;
import com.controlpanel.provisioning.testing.Http;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * With low limits: an organization over its requests per second, or a node serving as many SCIM requests as it
 * takes, answers 429 with Retry-After (seconds) and a SCIM error; another organization is not held back.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "provisioning.admin-email=" + ApplicationTest.ADMIN,
            "provisioning.admin-password=" + ApplicationTest.PASSWORD,
            "provisioning.data-dir=${user.dir}/target/test-data/${random.uuid}",
            "provisioning.scim.requests-per-second=1",
            "provisioning.scim.burst=3",
            "provisioning.scim.max-concurrent-requests=1",
            "provisioning.scim.overload-wait=200ms"
        })
class ScimRateLimitTest extends ScimTestSupport {

    @Test
    void anOrganizationOverItsLimitIsToldWhenToRetry() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            assertThat(get("/Users?count=1").status()).isEqualTo(200);
        }
        var limited = get("/Users?count=1");
        assertError(limited, 429, null);
        long retryAfter = Long.parseLong(limited.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 2L);

        JsonNode other = otherOrganization();
        var otherScim = Http.to(other.get("tenantUrl").asText())
                .bearer(other.get("secretToken").asText());
        assertThat(otherScim.get("/Users?count=1").status()).isEqualTo(200);

        Thread.sleep(TimeUnit.SECONDS.toMillis(retryAfter) + 100);
        assertThat(get("/Users?count=1").status()).isEqualTo(200);
    }

    @Test
    void aBusyNodeSaysRetryLater() throws Exception {
        byte[] body = JSON.writeValueAsBytes(oktaUser(unique("slow"), "Slow", "Sender"));
        URI uri = URI.create(tenantUrl + "/Users");
        try (Socket slow = new Socket(uri.getHost(), uri.getPort())) {
            // Headers and the start of the body: the request is being served, waiting for the rest.
            OutputStream out = slow.getOutputStream();
            out.write(("POST " + uri.getPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                            + "\r\nAuthorization: Bearer " + token + "\r\nContent-Type: " + SCIM_JSON
                            + "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, 10);
            out.flush();
            Thread.sleep(500);

            JsonNode other = otherOrganization();
            var busy = Http.to(other.get("tenantUrl").asText())
                    .bearer(other.get("secretToken").asText())
                    .get("/Users?count=1");
            assertError(busy, 429, null);
            assertThat(busy.header("Retry-After")).isEqualTo("1");

            out.write(body, 10, body.length - 10);
            out.flush();
            String status = new String(slow.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(status).isEqualTo("HTTP/1.1 201");
        }
        assertThat(get("/Users?count=1").status()).isEqualTo(200);
    }

    private JsonNode otherOrganization() {
        String other = Fixtures.createOrganization(admin, "Neighbour");
        return admin.post("/api/orgs/" + other + "/provisioning/enable", null).json();
    }
}
