package com.controlpanel.provisioning.scim.error;

import static org.assertj.core.api.Assertions.assertThat;

import com.controlpanel.provisioning.rebuild.WritesHeldException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * A SCIM request that fails on our side is logged once, at error, with its trace (what an alert on errors catches, as
 * for the JSON API and the Control Panel); a 503 once at warn, without one.
 */
@ExtendWith(OutputCaptureExtension.class)
class ScimFailureLogTest {

    private final ScimExceptionHandler handler = new ScimExceptionHandler();

    private static MockHttpServletRequest request() {
        return new MockHttpServletRequest("GET", "/scim/v2/tenant/Users");
    }

    @Test
    void aFailureOnOurSideIsLoggedOnceAtErrorWithItsTrace(CapturedOutput output) {
        var answer = handler.failure(new IllegalStateException("the unexpected"), request());

        assertThat(answer.getStatusCode().value()).isEqualTo(500);
        assertThat(answer.getBody()).doesNotContain("the unexpected");
        assertThat(output.getOut().lines().filter(line -> line.contains("SCIM")))
                .singleElement()
                .satisfies(line ->
                        assertThat(line).contains("ERROR").contains("SCIM request GET /scim/v2/tenant/Users failed"));
        assertThat(output.getOut()).contains("java.lang.IllegalStateException: the unexpected");
    }

    @Test
    void aServiceUnavailableIsLoggedOnceAtWarn(CapturedOutput output) {
        var answer =
                handler.failure(new WritesHeldException(new java.util.concurrent.TimeoutException("15 s")), request());

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(output.getOut().lines().filter(line -> line.contains("SCIM")))
                .singleElement()
                .satisfies(line -> assertThat(line).contains("WARN").contains("answered 503"));
        assertThat(output.getOut()).doesNotContain("\tat ");
    }
}
