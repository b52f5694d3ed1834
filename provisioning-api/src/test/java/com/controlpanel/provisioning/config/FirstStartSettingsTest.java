package com.controlpanel.provisioning.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.controlpanel.provisioning.ProvisioningApplication;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A first start with a first admin's setting it can not use stops, and says which setting and why in a few lines (the
 * failure analysis the start prints instead of a stack trace); a later start's password reset likewise.
 */
class FirstStartSettingsTest {

    @TempDir
    Path data;

    private Throwable start(String... settings) {
        String[] args = new String[settings.length + 2];
        args[0] = "--server.port=0";
        args[1] = "--provisioning.data-dir=" + data;
        System.arraycopy(settings, 0, args, 2, settings.length);
        return catchThrowable(() -> new SpringApplicationBuilder(ProvisioningApplication.class)
                .run(args)
                .close());
    }

    private static FailureAnalysis reported(Throwable failure) {
        FailureAnalysis analysis = new SettingRefusedFailure().analyze(failure);
        assertThat(analysis).as("a failure analysis of " + failure).isNotNull();
        return analysis;
    }

    @Test
    void aFirstAdminsPasswordTooShortOrEmailThatIsNoEmailIsReportedByItsSetting() {
        FailureAnalysis password = reported(start("--provisioning.admin-password=abc"));
        assertThat(password.getDescription())
                .contains("PROVISIONING_ADMIN_PASSWORD: An admin password must be at least 8 characters");
        assertThat(password.getAction()).contains("Correct PROVISIONING_ADMIN_PASSWORD");

        FailureAnalysis email = reported(start("--provisioning.admin-email=not-an-email"));
        assertThat(email.getDescription()).contains("PROVISIONING_ADMIN_EMAIL: An admin signs in with an email");
    }

    @Test
    void aServerPortNoTcpPortCanBeIsReportedByItsSettingBeforeAnythingStarts() {
        FailureAnalysis analysis =
                reported(catchThrowable(() -> new SpringApplicationBuilder(ProvisioningApplication.class)
                        .run("--server.port=99999", "--provisioning.data-dir=" + data)
                        .close()));

        assertThat(analysis.getDescription())
                .contains("SERVER_PORT: 99999 is not a TCP port: choose one from 1 to 65535");
        assertThat(analysis.getAction()).contains("Correct SERVER_PORT (or server.port) and start again");
        assertThat(data.resolve("provisioning.mv.db")).doesNotExist();
    }

    @Test
    void aPasswordResetWithoutAPasswordOrForNobodyIsReportedByItsSetting() {
        assertThat(start("--provisioning.admin-password=first-password-1")).isNull();
        FailureAnalysis withoutPassword = reported(start("--provisioning.admin-password-reset=true"));
        assertThat(withoutPassword.getDescription())
                .contains("PROVISIONING_ADMIN_PASSWORD_RESET: it needs PROVISIONING_ADMIN_PASSWORD");
        FailureAnalysis nobody = reported(start(
                "--provisioning.admin-password-reset=true",
                "--provisioning.admin-password=second-password-2",
                "--provisioning.admin-email=nobody@example.com"));
        assertThat(nobody.getDescription()).contains("there is no admin nobody@example.com");
    }
}
