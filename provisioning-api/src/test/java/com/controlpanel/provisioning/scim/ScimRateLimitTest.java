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
 * With low limits: an organization over its requests per second or serving as many requests at once as it may, or a
 * node serving as many SCIM requests as it takes, answers 429 with Retry-After (seconds) and a SCIM error; another
 * organization is not held back by the first two.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "provisioning.admin-email=" + ApplicationTest.ADMIN,
            "provisioning.admin-password=" + ApplicationTest.PASSWORD,
            "provisioning.data-dir=${user.dir}/target/test-data/${random.uuid}",
            "provisioning.scim.requests-per-second=1",
            "provisioning.scim.burst=3",
            "provisioning.scim.max-concurrent-requests=2",
            "provisioning.scim.max-concurrent-requests-per-organization=1",
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
    void anOrganizationWithAsManyRequestsBeingServedAsItMayWaitsItsTurnAndTheOthersDoNot() throws Exception {
        try (SlowRequest slow = SlowRequest.start(tenantUrl, token)) {
            var waiting = get("/Users?count=1");
            assertError(waiting, 429, null);
            assertThat(waiting.header("Retry-After")).isEqualTo("1");
            assertThat(waiting.json().get("detail").asText()).contains("This organization has 1 SCIM requests");

            JsonNode other = otherOrganization();
            var otherScim = Http.to(other.get("tenantUrl").asText())
                    .bearer(other.get("secretToken").asText());
            assertThat(otherScim.get("/Users?count=1").status()).isEqualTo(200);
            assertThat(slow.finish()).isEqualTo("HTTP/1.1 201");
        }
        Thread.sleep(1100); // the rate of one request a second
        assertThat(get("/Users?count=1").status()).isEqualTo(200);
    }

    @Test
    void aBusyNodeSaysRetryLater() throws Exception {
        JsonNode first = otherOrganization();
        try (SlowRequest one = SlowRequest.start(tenantUrl, token);
                SlowRequest two = SlowRequest.start(
                        first.get("tenantUrl").asText(),
                        first.get("secretToken").asText())) {
            JsonNode other = otherOrganization();
            var busy = Http.to(other.get("tenantUrl").asText())
                    .bearer(other.get("secretToken").asText())
                    .get("/Users?count=1");
            assertError(busy, 429, null);
            assertThat(busy.header("Retry-After")).isEqualTo("1");
            assertThat(busy.json().get("detail").asText()).contains("The service is busy");
            assertThat(one.finish()).isEqualTo("HTTP/1.1 201");
            assertThat(two.finish()).isEqualTo("HTTP/1.1 201");
        }
        Thread.sleep(1100);
        assertThat(get("/Users?count=1").status()).isEqualTo(200);
    }

    /** A POST /Users being served: its headers and the start of its body sent, the rest held back. */
    private static final class SlowRequest implements AutoCloseable {

        private final Socket socket;
        private final byte[] body;

        private SlowRequest(Socket socket, byte[] body) {
            this.socket = socket;
            this.body = body;
        }

        static SlowRequest start(String tenantUrl, String token) throws Exception {
            byte[] body = JSON.writeValueAsBytes(oktaUser(unique("slow"), "Slow", "Sender"));
            URI uri = URI.create(tenantUrl + "/Users");
            Socket socket = new Socket(uri.getHost(), uri.getPort());
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + uri.getPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                            + "\r\nAuthorization: Bearer " + token + "\r\nContent-Type: " + SCIM_JSON
                            + "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, 10);
            out.flush();
            Thread.sleep(500);
            return new SlowRequest(socket, body);
        }

        /** Sends the rest of the body; the status line of the answer. */
        String finish() throws Exception {
            OutputStream out = socket.getOutputStream();
            out.write(body, 10, body.length - 10);
            out.flush();
            return new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
        }

        @Override
        public void close() throws Exception {
            socket.close();
        }
    }

    private JsonNode otherOrganization() {
        String other = Fixtures.createOrganization(admin, "Neighbour");
        return admin.post("/api/orgs/" + other + "/provisioning/enable", null).json();
    }
}
