package com.controlpanel.provisioning.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

/**
 * What a start refused for a property of the service or a setting of its database pool prints: the environment variable
 * an operator sets and why, in a few lines, not the binder's account of a class it could not make.
 */
@ExtendWith(OutputCaptureExtension.class)
class RefusedSettingsOutputTest {

    @TempDir
    Path data;

    private String refused(CapturedOutput output, String... settings) {
        assertThat(StartAttempts.start(data, settings)).isNotNull();
        String printed = output.getAll();
        assertThat(printed)
                .contains("APPLICATION FAILED TO START")
                .doesNotContain("Failed to bind properties")
                .doesNotContain("Application run failed");
        return printed.substring(printed.lastIndexOf("APPLICATION FAILED TO START"));
    }

    @Test
    void aServicePropertyItsClassRefusesIsNamedByItsVariable(CapturedOutput output) {
        assertThat(refused(output, "--provisioning.scim.max-body-bytes=10"))
                .contains("The service can not start with this setting. PROVISIONING_SCIM_MAX_BODY_BYTES: must be at"
                        + " least 1024")
                .contains("Correct PROVISIONING_SCIM_MAX_BODY_BYTES (or provisioning.scim.max-body-bytes)");
    }

    @Test
    void aValueOfTheWrongKindIsNamedByItsVariableWithTheKindWanted(CapturedOutput output) {
        assertThat(refused(output, "--provisioning.scim.max-body-bytes=abc"))
                .contains(
                        "The service can not start with this setting. PROVISIONING_SCIM_MAX_BODY_BYTES: 'abc' is not a"
                                + " whole number")
                .contains("Correct PROVISIONING_SCIM_MAX_BODY_BYTES (or provisioning.scim.max-body-bytes)")
                .doesNotContain("java.lang.Long");
        assertThat(refused(output, "--provisioning.scim.search-timeout=soon"))
                .contains("PROVISIONING_SCIM_SEARCH_TIMEOUT: 'soon' is not a duration, such as 30s, 15m, 6h or 1d")
                .doesNotContain("java.time.Duration");
    }

    /** Spring reads a bare number as milliseconds: 5 meant as seconds was taken as 5 ms, without a word. */
    @Test
    void aDurationOfTheServiceWrittenWithoutItsUnitIsRefused(CapturedOutput output) {
        assertThat(refused(output, "--provisioning.scim.overload-wait=5"))
                .contains("The service can not start with this setting. PROVISIONING_SCIM_OVERLOAD_WAIT: '5' is not a"
                        + " duration with its unit (such as 30s, 15m, 6h or 1d): a bare number would be read as"
                        + " milliseconds")
                .contains("Correct PROVISIONING_SCIM_OVERLOAD_WAIT (or provisioning.scim.overload-wait)");
        assertThat(refused(output, "--provisioning.rebuild-write-wait=30"))
                .contains("PROVISIONING_REBUILD_WRITE_WAIT: '30' is not a duration with its unit");
        assertThat(refused(output, "--provisioning.state-checkpoint-settle= 60"))
                .contains("PROVISIONING_STATE_CHECKPOINT_SETTLE: '60' is not a duration with its unit");
        assertThat(refused(output, "--provisioning.scim.search-timeout=30"))
                .contains("PROVISIONING_SCIM_SEARCH_TIMEOUT: '30' is not a duration with its unit");
        assertThat(data.resolve("provisioning.mv.db")).doesNotExist();
    }

    @Test
    void aSearchTimeoutOfPartSecondsIsRefused(CapturedOutput output) {
        assertThat(refused(output, "--provisioning.scim.search-timeout=1500ms"))
                .contains("PROVISIONING_SCIM_SEARCH_TIMEOUT: must be whole seconds, not 1.5s");
    }

    @Test
    void aPublicBaseUrlAlreadyNamingItsVariableIsNamedOnce(CapturedOutput output) {
        assertThat(refused(output, "--provisioning.public-base-url=scim.example.com"))
                .contains("PROVISIONING_PUBLIC_BASE_URL: must be an absolute http or https URL")
                .doesNotContain("(PROVISIONING_PUBLIC_BASE_URL)");
    }

    @Test
    void aPoolSettingThatIsNoNumberOrTooSmallIsNamedBeforeAnythingStarts(CapturedOutput output) {
        assertThat(refused(output, "--spring.datasource.hikari.connection-timeout=abc"))
                .contains("SPRING_DATASOURCE_HIKARI_CONNECTION_TIMEOUT: 'abc' is not a whole number of milliseconds")
                .doesNotContain("sealed");
        assertThat(refused(output, "--spring.datasource.hikari.connection-timeout=100"))
                .contains("SPRING_DATASOURCE_HIKARI_CONNECTION_TIMEOUT: must be at least 250 (milliseconds), not 100");
        assertThat(refused(output, "--spring.datasource.hikari.maximum-pool-size=many"))
                .contains("SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE: 'many' is not a whole number of connections");
        assertThat(data.resolve("provisioning.mv.db")).doesNotExist();
    }

    /** The action named spring.datasource.hikari.maximum.pool.size, a property Spring Boot does not read. */
    @Test
    void aPoolSettingIsCorrectedByThePropertySpringBootReads() {
        assertThat(poolRefusal("spring.datasource.hikari.maximum-pool-size", "0"))
                .isEqualTo("Correct SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE"
                        + " (or spring.datasource.hikari.maximum-pool-size) and start again.");
        assertThat(poolRefusal("spring.datasource.hikari.maximum-pool-size", "many"))
                .contains("(or spring.datasource.hikari.maximum-pool-size)");
        assertThat(poolRefusal("spring.datasource.hikari.connection-timeout", "100"))
                .isEqualTo("Correct SPRING_DATASOURCE_HIKARI_CONNECTION_TIMEOUT"
                        + " (or spring.datasource.hikari.connection-timeout) and start again.");
        assertThat(poolRefusal("spring.datasource.hikari.connection-timeout", "soon"))
                .contains("(or spring.datasource.hikari.connection-timeout)");
    }

    /** What the start refused for this pool setting tells to do. */
    private static String poolRefusal(String property, String value) {
        Throwable refused = catchThrowable(() -> new DatabasePoolSettings()
                .postProcessEnvironment(new MockEnvironment().withProperty(property, value), new SpringApplication()));
        assertThat(refused).as(property + "=" + value).isInstanceOf(SettingRefused.class);
        return new SettingRefusedFailure().analyze(refused).getAction();
    }

    @Test
    void aLogFormatSpringBootDoesNotKnowIsNamedWithTheFormatsThereAre(CapturedOutput output) {
        assertThat(refused(output, "--logging.structured.format.console=json"))
                .contains("LOGGING_STRUCTURED_FORMAT_CONSOLE: 'json' is no log format: use ecs, logstash or gelf")
                .contains("Correct LOGGING_STRUCTURED_FORMAT_CONSOLE");
        assertThat(output.getAll())
                .as("before the logging system tried it, whose failure printed a trace")
                .doesNotContain("Logging system failed to initialize")
                .doesNotContain("Unknown format");
        assertThat(refused(output, "--logging.structured.format.file=xml"))
                .contains("LOGGING_STRUCTURED_FORMAT_FILE: 'xml' is no log format");
    }

    @Test
    void theFormatsSpringBootKnowsInAnyCaseAndAFormattersClassNameAreTaken() {
        LogFormatSettings settings = new LogFormatSettings();
        for (String format : List.of("ecs", "LOGSTASH", " gelf ", LogFormatSettings.class.getName())) {
            MockEnvironment environment =
                    new MockEnvironment().withProperty("logging.structured.format.console", format);
            settings.postProcessEnvironment(environment, new SpringApplication());
        }
        settings.postProcessEnvironment(new MockEnvironment(), new SpringApplication());
    }
}
