package com.controlpanel.provisioning.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
        return StartAttempts.start(data, settings);
    }

    @Test
    void aMisspeltProfileStopsTheStartBeforeAnyH2DatabaseIsMade() {
        FailureAnalysis analysis = StartAttempts.reported(start("--spring.profiles.active=postgress"));

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
                StartAttempts.reported(start("--PROVISIONING_DB_URL=jdbc:postgresql://db.example.com/provisioning"));

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
