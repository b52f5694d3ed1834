package com.controlpanel.provisioning.ui.layout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;

/** What the Control Panel's last resort logs: a browser gone (an export left half read) is no failure. */
@ExtendWith(OutputCaptureExtension.class)
class ControlPanelErrorsTest {

    private final ControlPanelErrors errors = new ControlPanelErrors(request -> "request-1");

    @Test
    void aBrowserGoneWhateverWrapsItIsNoErrorAndGetsNoPage(CapturedOutput output) throws Exception {
        var gone = new UncheckedIOException(new IOException(
                "ServletOutputStream failed to flush", new AsyncRequestNotUsableException("Broken pipe")));
        MockHttpServletResponse response = new MockHttpServletResponse();

        var answer = errors.failure(gone, new MockHttpServletRequest(), response);

        assertThat(answer.getViewName()).isNull();
        assertThat(answer.getModel()).isEmpty();
        assertThat(output.getOut() + output.getErr()).doesNotContain("ERROR").doesNotContain("Broken pipe");
    }

    @Test
    void aFailureOfTheServiceIsAnErrorWithItsRequestId(CapturedOutput output) throws Exception {
        var answer = errors.failure(
                new IllegalStateException("a bug"), new MockHttpServletRequest(), new MockHttpServletResponse());

        assertThat(answer.getViewName()).isNotNull();
        assertThat(output.getOut() + output.getErr()).contains("ERROR").contains("request-1");
    }
}
