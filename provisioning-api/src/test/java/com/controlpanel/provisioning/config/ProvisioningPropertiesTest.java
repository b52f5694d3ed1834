package com.controlpanel.provisioning.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.controlpanel.provisioning.scim.ScimProperties;
import com.controlpanel.provisioning.ui.activity.LiveStreamSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.mock.env.MockEnvironment;

/** The service's settings as Spring binds them from properties or environment variables. */
class ProvisioningPropertiesTest {

    private static ProvisioningProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("provisioning", ProvisioningProperties.class);
    }

    /**
     * {@code PROVISIONING_DATA_DIR=} (empty) is the default {@code ./data}, for the start-up lines and for where the
     * database is made alike: the database went to the working directory while the lines named {@code ./data}.
     */
    @Test
    void anEmptyDataDirectoryIsTheDefaultOneWhereverItIsRead() {
        for (String empty : List.of("", " ")) {
            assertThat(bind(Map.of("provisioning.data-dir", empty)).dataDir()).isEqualTo(java.nio.file.Path.of("data"));
            org.springframework.core.env.StandardEnvironment environment =
                    new org.springframework.core.env.StandardEnvironment();
            environment
                    .getPropertySources()
                    .addFirst(new org.springframework.core.env.MapPropertySource(
                            "test", Map.of("provisioning.data-dir", empty)));
            new DataDirectoryEnvironment().postProcessEnvironment(environment, null);
            assertThat(environment.getProperty("spring.datasource.url"))
                    .startsWith("jdbc:h2:file:"
                            + java.nio.file.Path.of("data").toAbsolutePath().resolve("provisioning") + ";");
        }
        assertThat(bind(Map.of("provisioning.data-dir", "/srv/provisioning")).dataDir())
                .isEqualTo(java.nio.file.Path.of("/srv/provisioning"));
    }

    @Test
    void keptStatesForStateAsOfAnInstantDefaultToEveryTenThousandEventsAMinuteOld() {
        ProvisioningProperties properties = bind(Map.of());

        assertThat(properties.stateCheckpointEvery()).isEqualTo(10_000);
        assertThat(properties.stateCheckpointSettle()).isEqualTo(Duration.ofMinutes(1));
        assertThat(bind(Map.of(
                                "provisioning.state-checkpoint-every", "500",
                                "provisioning.state-checkpoint-settle", "30s"))
                        .stateCheckpointSettle())
                .isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void anIntervalBelowOneOrANegativeSettleTimeIsRefusedWithTheSettingsName() {
        assertThatThrownBy(() -> bind(Map.of("provisioning.state-checkpoint-every", "0")))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessage("provisioning.state-checkpoint-every must be at least 1");
        assertThatThrownBy(() -> bind(Map.of("provisioning.state-checkpoint-settle", "-5s")))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessage("provisioning.state-checkpoint-settle must not be negative");
    }

    @Test
    void aDefaultOrganizationNameNoOrganizationMayHaveIsRefusedWithTheSettingsName() {
        assertThat(bind(Map.of("provisioning.default-organization-name", "x".repeat(200)))
                        .defaultOrganizationName())
                .hasSize(200);
        assertThatThrownBy(() -> bind(Map.of("provisioning.default-organization-name", "x".repeat(201))))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessage("provisioning.default-organization-name: organization name must be at most 200 characters");
    }

    /** It was refused in Spring's words ("Failed to bind properties…"), naming the class and not the variable. */
    @Test
    void aDefaultOrganizationNameTooLongIsReportedByItsVariableAsEveryRefusedSettingIs() {
        Throwable refused =
                catchThrowable(() -> bind(Map.of("provisioning.default-organization-name", "x".repeat(201))));

        FailureAnalysis analysis = new PropertyRefusedFailure().analyze(refused);
        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription())
                .isEqualTo("The service can not start with this setting. PROVISIONING_DEFAULT_ORGANIZATION_NAME:"
                        + " organization name must be at most 200 characters");
        assertThat(analysis.getAction())
                .isEqualTo("Correct PROVISIONING_DEFAULT_ORGANIZATION_NAME (or provisioning.default-organization-name)"
                        + " and start again.");
    }

    @Test
    void aCommandWaitsFifteenSecondsForARebuildsHoldUnlessSetAndNeverNoTime() {
        assertThat(bind(Map.of()).rebuildWriteWait()).isEqualTo(Duration.ofSeconds(15));
        assertThat(bind(Map.of("provisioning.rebuild-write-wait", "2s")).rebuildWriteWait())
                .isEqualTo(Duration.ofSeconds(2));
        assertThatThrownBy(() -> bind(Map.of("provisioning.rebuild-write-wait", "0s")))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessage("provisioning.rebuild-write-wait must be positive");
    }

    @Test
    void settingsThatWouldStopSnapshotsOrRefuseEveryScimWriteAreRefusedWithTheSettingsName() {
        assertThatThrownBy(() -> bind(Map.of("provisioning.snapshot-threshold", "-1")))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessage("provisioning.snapshot-threshold must be at least 1");
        assertThatThrownBy(() -> scim(Map.of("provisioning.scim.max-body-bytes", "0")))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessage("provisioning.scim.max-body-bytes must be at least 1024");
        assertThatThrownBy(() -> scim(Map.of("provisioning.scim.overload-wait", "-1s")))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessage("provisioning.scim.overload-wait must not be negative");
        assertThat(scim(Map.of("provisioning.scim.max-body-bytes", "1024")).maxBodyBytes())
                .isEqualTo(1024);
        assertThat(scim(Map.of()).maxBodyBytes()).isEqualTo(2L * 1024 * 1024);
    }

    /** Read as a double, NaN and Infinity were taken, and the rate limit was then off without a word. */
    @Test
    void aRequestRateThatIsNoNumberIsRefusedAsAnyValueOfTheWrongKindIs() {
        for (String rate : List.of("NaN", "Infinity", "-Infinity", "1e400")) {
            Throwable refused = catchThrowable(() -> scim(Map.of("provisioning.scim.requests-per-second", rate)));

            assertThat(refused).as(rate).isInstanceOf(BindException.class);
            FailureAnalysis analysis = new PropertyRefusedFailure().analyze(refused);
            assertThat(analysis).as(rate).isNotNull();
            assertThat(analysis.getDescription())
                    .as(rate)
                    .startsWith("The service can not start with this setting. PROVISIONING_SCIM_REQUESTS_PER_SECOND: '")
                    .endsWith("' is not a number, such as 10000 or 0.5");
        }
        assertThat(new PropertyRefusedFailure()
                        .analyze(catchThrowable(() -> scim(Map.of("provisioning.scim.requests-per-second", "often"))))
                        .getDescription())
                .endsWith("PROVISIONING_SCIM_REQUESTS_PER_SECOND: 'often' is not a number, such as 10000 or 0.5");
        assertThat(scim(Map.of("provisioning.scim.requests-per-second", "0.5")).requestsPerSecond())
                .isEqualTo(0.5);
    }

    @Test
    void aSearchTimeoutUnderOneSecondIsRefusedForAStatementsTimeoutCountsWholeSeconds() {
        assertThatThrownBy(() -> scim(Map.of("provisioning.scim.search-timeout", "0s")))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessage("provisioning.scim.search-timeout must be at least 1s");
        assertThatThrownBy(() -> scim(Map.of("provisioning.scim.search-timeout", "500ms")))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessage("provisioning.scim.search-timeout must be at least 1s");
        assertThatThrownBy(() -> scim(Map.of("provisioning.scim.search-timeout", "1500ms")))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessage("provisioning.scim.search-timeout must be whole seconds, not 1.5s");
        assertThat(scim(Map.of()).searchTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(scim(Map.of("provisioning.scim.search-timeout", "30s")).searchTimeout())
                .isEqualTo(Duration.ofSeconds(30));
    }

    /** A search timeout of 200000d was taken, and every search then failed (500) converting it to nanoseconds. */
    @Test
    void aSearchTimeoutAboveADayIsRefusedNamingTheRangeItTakes() {
        assertThat(scim(Map.of("provisioning.scim.search-timeout", "1d")).searchTimeout())
                .isEqualTo(Duration.ofDays(1));
        for (String timeout : List.of("86401s", "200000d")) {
            assertThatThrownBy(() -> scim(Map.of("provisioning.scim.search-timeout", timeout)))
                    .as(timeout)
                    .isInstanceOf(BindException.class)
                    .rootCause()
                    .hasMessage("provisioning.scim.search-timeout must be between 1s and 1d");
        }
    }

    /**
     * An overload wait of 200000d was taken, and every SCIM request then failed (500) converting it to nanoseconds; the
     * service's other waits and intervals are bounded alike, each at a most no operator means to reach.
     */
    @Test
    void everyWaitOrIntervalAboveItsMostIsRefusedNamingTheRangeItTakes() {
        assertThat(scim(Map.of("provisioning.scim.overload-wait", "1d")).overloadWait())
                .isEqualTo(Duration.ofDays(1));
        assertThatThrownBy(() -> scim(Map.of("provisioning.scim.overload-wait", "200000d")))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessage("provisioning.scim.overload-wait must be between 0s and 1d");
        assertThatThrownBy(() -> bind(Map.of("provisioning.rebuild-write-wait", "25d")))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessage("provisioning.rebuild-write-wait must be positive and at most 1d");
        assertThat(bind(Map.of("provisioning.state-checkpoint-settle", "365d")).stateCheckpointSettle())
                .isEqualTo(Duration.ofDays(365));
        assertThatThrownBy(() -> bind(Map.of("provisioning.state-checkpoint-settle", "200000d")))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessage("provisioning.state-checkpoint-settle must be between 0s and 365d");
        assertThatThrownBy(() -> H2CompactionSettings.from(
                        new MockEnvironment().withProperty("provisioning.h2.compact-idle-after", "200000d")))
                .isInstanceOf(SettingRefused.class)
                .hasMessage("PROVISIONING_H2_COMPACT_IDLE_AFTER: must be between 1s and 365d");
        assertThat(BackupPolicySettings.from(new MockEnvironment().withProperty("provisioning.backup-every", "365d"))
                        .every())
                .isEqualTo(Duration.ofDays(365));
        assertThatThrownBy(() -> BackupPolicySettings.from(
                        new MockEnvironment().withProperty("provisioning.backup-every", "200000d")))
                .isInstanceOf(SettingRefused.class)
                .hasMessage("PROVISIONING_BACKUP_EVERY: must be between 1m and 365d (unset: backups only when asked"
                        + " for)");
    }

    @Test
    void aPublicBaseUrlIsKeptWithoutItsTrailingSlash() {
        assertThat(bind(Map.of()).publicBaseUrl()).isNull();
        assertThat(bind(Map.of("provisioning.public-base-url", "https://scim.example.com/"))
                        .publicBaseUrl())
                .isEqualTo("https://scim.example.com");
        assertThat(bind(Map.of("provisioning.public-base-url", "http://localhost:8080/provisioning"))
                        .publicBaseUrl())
                .isEqualTo("http://localhost:8080/provisioning");
        assertThat(bind(Map.of("provisioning.public-base-url", "http://provisioning_api:8080"))
                        .publicBaseUrl())
                .isEqualTo("http://provisioning_api:8080");
    }

    @Test
    void aPublicBaseUrlThatIsNoAbsoluteHttpUrlWithAHostIsRefusedWithTheSettingsName() {
        for (String url : List.of(
                "scim.example.com",
                "scim.example.com/",
                "//scim.example.com",
                "ftp://scim.example.com",
                "https:scim.example.com",
                "https:///scim",
                "https://:8443",
                "https://scim.example.com/?tenant=1",
                "https://scim.example.com/#top",
                "https://scim example.com")) {
            assertThatThrownBy(() -> bind(Map.of("provisioning.public-base-url", url)))
                    .as(url)
                    .isInstanceOf(BindException.class)
                    .rootCause()
                    .hasMessageStartingWith("provisioning.public-base-url (PROVISIONING_PUBLIC_BASE_URL) must be an"
                            + " absolute http or https URL with a host")
                    .hasMessageEndingWith(
                            "not '" + (url.endsWith("/") ? url.substring(0, url.length() - 1) : url) + "'");
        }
    }

    @Test
    void anAdminMayHoldSixteenLiveStreamsUnlessSetAndAtLeastOne() {
        assertThat(liveStreams(Map.of()).liveStreamsPerAdmin()).isEqualTo(16);
        assertThat(liveStreams(Map.of("provisioning.live-streams-per-admin", "2"))
                        .liveStreamsPerAdmin())
                .isEqualTo(2);
        assertThatThrownBy(() -> liveStreams(Map.of("provisioning.live-streams-per-admin", "0")))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessage("provisioning.live-streams-per-admin must be at least 1, not 0");
        assertThatThrownBy(() -> liveStreams(Map.of("provisioning.live-streams-per-admin", "abc")))
                .isInstanceOf(BindException.class)
                .hasMessageContaining("provisioning.live-streams-per-admin");
    }

    private static LiveStreamSettings liveStreams(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("provisioning", LiveStreamSettings.class);
    }

    private static ScimProperties scim(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("provisioning.scim", ScimProperties.class);
    }
}
