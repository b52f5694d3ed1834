package com.controlpanel.provisioning.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.controlpanel.provisioning.ProvisioningApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A deployment meant for PostgreSQL whose profile is misspelt or missing stops at its start, naming the setting,
 * instead of answering every request from a new H2 database; a profile with a configuration file of its own still
 * starts.
 */
class DatabaseChoiceTest {

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
    void aMisspeltProfileStopsTheStartBeforeAnyH2DatabaseIsMade() {
        FailureAnalysis analysis = reported(start("--spring.profiles.active=postgress"));

        assertThat(analysis.getDescription())
                .contains("SPRING_PROFILES_ACTIVE: no configuration names the profile 'postgress'")
                .contains("This service knows 'postgres'")
                .contains("embedded H2 database under " + data.toAbsolutePath().normalize());
        assertThat(analysis.getAction())
                .contains("Correct SPRING_PROFILES_ACTIVE (or spring.profiles.active) and start again");
        assertThat(data.resolve("provisioning.mv.db")).doesNotExist();
    }

    @Test
    void aPostgresUrlWithoutThePostgresProfileStopsTheStart() {
        FailureAnalysis analysis =
                reported(start("--PROVISIONING_DB_URL=jdbc:postgresql://db.example.com/provisioning"));

        assertThat(analysis.getDescription())
                .contains("PROVISIONING_DB_URL is set, but the 'postgres' profile is not active")
                .contains("Set SPRING_PROFILES_ACTIVE=postgres to use PostgreSQL");
        assertThat(data.resolve("provisioning.mv.db")).doesNotExist();
    }

    @Test
    void aProfileOfTheOperatorsOwnWithItsConfigurationFileStarts() throws Exception {
        Path config = Files.createTempDirectory(data, "config");
        Files.writeString(config.resolve("application-eu.yml"), "provisioning:\n  scim:\n    max-results: 400\n");

        assertThat(start(
                        "--spring.config.additional-location=file:" + config + "/",
                        "--spring.profiles.active=eu",
                        "--provisioning.admin-password=first-password-1"))
                .isNull();
        assertThat(data.resolve("provisioning.mv.db")).exists();
    }
}
