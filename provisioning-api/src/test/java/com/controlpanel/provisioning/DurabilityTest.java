package com.controlpanel.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.registry.TenantCredentials;
import com.controlpanel.provisioning.testing.Http;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** What was acknowledged survives a stop and a start on the same data directory. */
class DurabilityTest {

    private static final String ADMIN = "durable@example.com";
    private static final String PASSWORD = "durable-password-1";

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(ProvisioningApplication.class)
                .run(
                        "--server.port=0",
                        "--provisioning.data-dir=" + dataDir,
                        "--provisioning.admin-email=" + ADMIN,
                        "--provisioning.admin-password=" + PASSWORD);
    }

    private static Http api(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return Http.to("http://localhost:" + port).basic(ADMIN, PASSWORD);
    }

    @Test
    void everyMemberTeamAndSettingSurvivesARestart() {
        String org;
        String member;
        String team;
        String tenant;
        String token;
        try (ConfigurableApplicationContext first = start()) {
            Http api = api(first);
            org = api.get("/api/orgs").json().get(0).get("id").asText();
            JsonNode enabled =
                    api.post("/api/orgs/" + org + "/provisioning/enable", null).json();
            token = enabled.get("secretToken").asText();
            String tenantUrl = enabled.get("tenantUrl").asText();
            tenant = tenantUrl.substring(tenantUrl.lastIndexOf('/') + 1);
            team = api.post("/api/orgs/" + org + "/teams", Map.of("name", "Survivors"))
                    .json()
                    .get("id")
                    .asText();
            member = api.post(
                            "/api/orgs/" + org + "/members",
                            Map.of("email", "kept@example.com", "name", "Kept Person", "teamIds", List.of(team)))
                    .json()
                    .get("id")
                    .asText();
            assertThat(api.patch("/api/orgs/" + org + "/members/" + member, Map.of("active", false))
                            .status())
                    .isEqualTo(200);
        }
        assertThat(Files.exists(dataDir.resolve("provisioning.mv.db"))).isTrue();

        try (ConfigurableApplicationContext second = start()) {
            Http api = api(second);
            assertThat(api.get("/api/orgs").json().findValuesAsText("id")).containsExactly(org);
            JsonNode kept = api.get("/api/orgs/" + org + "/members/" + member).json();
            assertThat(kept.get("email").asText()).isEqualTo("kept@example.com");
            assertThat(kept.get("status").asText()).isEqualTo("DEACTIVATED");
            assertThat(kept.get("teams").get(0).get("name").asText()).isEqualTo("Survivors");
            assertThat(api.get("/api/orgs/" + org + "/teams/" + team)
                            .json()
                            .get("memberCount")
                            .asInt())
                    .isEqualTo(1);
            assertThat(api.get("/api/orgs/" + org + "/provisioning")
                            .json()
                            .get("enabled")
                            .asBoolean())
                    .isTrue();
            assertThat(second.getBean(TenantCredentials.class).verify(tenant, token))
                    .isPresent();
            // the first admin was created once: the configured password still works, no second organization
            assertThat(api.get("/api/orgs").json().size()).isEqualTo(1);
        }
    }
}
