package com.controlpanel.provisioning.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.testing.ApplicationTest;
import com.controlpanel.provisioning.testing.Http;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * An actuator endpoint an operator exposes by a setting (here the environment, which shows settings) is served to
 * nobody: only health (to anyone) and the metrics (to the operator) are, whatever else is exposed.
 */
@ApplicationTest
@TestPropertySource(properties = "management.endpoints.web.exposure.include=health,prometheus,env,beans")
class ActuatorExposureTest {

    @LocalServerPort
    int port;

    @Test
    void anEndpointExposedBySettingIsServedToNobody() {
        Http anonymous = Http.to("http://localhost:" + port);
        Http operator = anonymous.basic(ApplicationTest.ADMIN, ApplicationTest.PASSWORD);
        for (String path : List.of("/actuator/env", "/actuator/beans", "/actuator", "/actuator/healthz")) {
            for (Http who : List.of(anonymous, operator)) {
                Http.Response answer = who.get(path);
                assertThat(answer.status()).as(path).isEqualTo(404);
                assertThat(answer.header("Location")).as(path).isNull();
                assertThat(answer.text())
                        .as(path)
                        .doesNotContain("propertySources")
                        .doesNotContain("contexts");
            }
        }
        assertThat(anonymous.get("/actuator/health").status()).isEqualTo(200);
        assertThat(operator.get("/actuator/prometheus").status()).isEqualTo(200);
        assertThat(anonymous.get("/actuator/prometheus").status()).isEqualTo(401);
    }
}
