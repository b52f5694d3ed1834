package com.controlpanel.provisioning.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A first start with a first admin's setting it can not use stops, and says which setting and why in a few lines (the
 * failure analysis the start prints instead of a stack trace); a later start's password reset likewise.
 */
class FirstStartSettingsTest {

    @TempDir
    Path data;

    private Throwable start(String... settings) {
        return StartAttempts.start(data, settings);
    }

    @Test
    void aFirstAdminsPasswordTooShortOrEmailThatIsNoEmailIsReportedByItsSetting() {
        FailureAnalysis password = StartAttempts.reported(start("--provisioning.admin-password=abc"));
        assertThat(password.getDescription())
                .contains("PROVISIONING_ADMIN_PASSWORD: An admin password must be at least 8 characters");
        assertThat(password.getAction()).contains("Correct PROVISIONING_ADMIN_PASSWORD");

        FailureAnalysis email = StartAttempts.reported(start("--provisioning.admin-email=not-an-email"));
        assertThat(email.getDescription()).contains("PROVISIONING_ADMIN_EMAIL: An admin signs in with an email");
    }

    @Test
    void aServerPortNoTcpPortCanBeIsReportedByItsSettingBeforeAnythingStarts() {
        FailureAnalysis analysis = StartAttempts.reported(
                StartAttempts.startWith("--server.port=99999", "--provisioning.data-dir=" + data));

        assertThat(analysis.getDescription())
                .contains("SERVER_PORT: 99999 is not a TCP port: choose one from 1 to 65535");
        assertThat(analysis.getAction()).contains("Correct SERVER_PORT (or server.port) and start again");
        assertThat(data.resolve("provisioning.mv.db")).doesNotExist();
    }

    @Test
    void aPasswordResetWithoutAPasswordOrForNobodyIsReportedByItsSetting() {
        assertThat(start("--provisioning.admin-password=first-password-1")).isNull();
        FailureAnalysis withoutPassword = StartAttempts.reported(start("--provisioning.admin-password-reset=true"));
        assertThat(withoutPassword.getDescription())
                .contains("PROVISIONING_ADMIN_PASSWORD_RESET: it needs PROVISIONING_ADMIN_PASSWORD");
        FailureAnalysis nobody = StartAttempts.reported(start(
                "--provisioning.admin-password-reset=true",
                "--provisioning.admin-password=second-password-2",
                "--provisioning.admin-email=nobody@example.com"));
        assertThat(nobody.getDescription()).contains("there is no admin nobody@example.com");
    }

    /** A backup directory no backup could be written into is said at the start, not at the first backup only. */
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aBackupDirectoryThatCanNotHoldBackupsIsWarnedOfAtTheStart(CapturedOutput output) throws IOException {
        Path file = Files.writeString(data.getParent().resolve(data.getFileName() + "-not-a-directory"), "x");
        try {
            assertThat(start("--provisioning.backup-dir=" + file.resolve("backups")))
                    .isNull();
            assertThat(output.getOut())
                    .contains("The backup directory " + file.resolve("backups")
                            + " (PROVISIONING_BACKUP_DIR) can not hold backups: " + file
                            + " is a file, not a directory. Every backup will fail until it can");
        } finally {
            Files.delete(file);
        }
    }
}
