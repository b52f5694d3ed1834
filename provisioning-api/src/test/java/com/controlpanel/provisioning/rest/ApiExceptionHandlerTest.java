package com.controlpanel.provisioning.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;

/** What the JSON API's last resort logs: a failure of the service as an error, a client gone as nothing to fix. */
@ExtendWith(OutputCaptureExtension.class)
class ApiExceptionHandlerTest {

    private final ApiExceptionHandler handler = new ApiExceptionHandler();

    @Test
    void aClientGoneWhateverWrapsItIsNoErrorAndGetsNoAnswer(CapturedOutput output) {
        var gone = new UncheckedIOException(new IOException(
                "ServletOutputStream failed to flush", new AsyncRequestNotUsableException("Broken pipe")));

        assertThat(handler.failure(gone, new MockHttpServletRequest())).isNull();

        assertThat(output.getOut() + output.getErr()).doesNotContain("ERROR").doesNotContain("Broken pipe");
    }

    @Test
    void aFailureOfTheServiceIsAnErrorWithItsRequestId(CapturedOutput output) {
        var answer = handler.failure(new IllegalStateException("a bug"), new MockHttpServletRequest());

        assertThat(answer.getStatusCode().value()).isEqualTo(500);
        assertThat(output.getOut() + output.getErr()).contains("ERROR").contains("a bug");
    }
}
