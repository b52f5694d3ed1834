package com.controlpanel.provisioning.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.testing.ApplicationTest;
import com.controlpanel.provisioning.testing.Http;
import com.controlpanel.provisioning.testing.PostgresAvailable;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every JSON API test again, on the PostgreSQL profile against a real PostgreSQL server; and the backup route, which
 * refuses there.
 */
@ExtendWith(PostgresAvailable.class)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "provisioning.admin-email=" + ApplicationTest.ADMIN,
            "provisioning.admin-password=" + ApplicationTest.PASSWORD
        })
@ActiveProfiles("postgres")
class PostgresJsonApiTest extends JsonApiTest {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresAvailable.wipe();
        registry.add("spring.datasource.url", () -> PostgresAvailable.URL);
        registry.add("spring.datasource.username", () -> PostgresAvailable.USER);
        registry.add("spring.datasource.password", () -> PostgresAvailable.PASSWORD);
    }

    @Test
    void aBackupIsRefusedNamingWhatBacksUpPostgresql() {
        Http.Response refused = Http.to("http://localhost:" + port)
                .basic(ApplicationTest.ADMIN, ApplicationTest.PASSWORD)
                .post("/api/admin/backup", null);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("code").asText()).isEqualTo("backup-unavailable");
        assertThat(refused.json().get("detail").asText()).contains("PostgreSQL").contains("pg_dump");
        Http.Response list = Http.to("http://localhost:" + port)
                .basic(ApplicationTest.ADMIN, ApplicationTest.PASSWORD)
                .get("/api/admin/backup");
        assertThat(list.status()).isEqualTo(409);
        assertThat(list.json().get("code").asText()).isEqualTo("backup-unavailable");
        Http operator = Http.to("http://localhost:" + port).basic(ApplicationTest.ADMIN, ApplicationTest.PASSWORD);
        for (Http.Response one : List.of(
                operator.get("/api/admin/backup/provisioning-2026-12-01T00-00-00Z.zip"),
                operator.delete("/api/admin/backup/provisioning-2026-12-01T00-00-00Z.zip"))) {
            assertThat(one.status()).isEqualTo(409);
            assertThat(one.json().get("code").asText()).isEqualTo("backup-unavailable");
        }
    }
}
