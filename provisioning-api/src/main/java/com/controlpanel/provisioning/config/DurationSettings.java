package com.controlpanel.provisioning.config;

import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The service's durations that Spring binds ({@link ProvisioningProperties}, the SCIM settings), refused before anything
 * starts when written as a bare number. Spring reads {@code 30} as 30 milliseconds: {@code PROVISIONING_SCIM_OVERLOAD_WAIT=5}
 * meant as seconds made every request beyond the limit wait 5 ms before its 429, and
 * {@code PROVISIONING_REBUILD_WRITE_WAIT=30} refused commands after 30 ms, both without a word. The durations the
 * service reads itself (backups, compaction) refuse a bare number as they are read ({@link H2CompactionSettings}).
 * Spring Boot's own durations ({@code SERVER_SERVLET_SESSION_TIMEOUT}) keep Spring's reading.
 */
public class DurationSettings implements EnvironmentPostProcessor {

    static final List<String> DURATIONS = List.of(
            "provisioning.state-checkpoint-settle",
            "provisioning.rebuild-write-wait",
            "provisioning.scim.overload-wait",
            "provisioning.scim.search-timeout");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        for (String property : DURATIONS) {
            String value = environment.getProperty(property);
            if (value != null && H2CompactionSettings.bareNumber(value)) {
                throw new SettingRefused(
                        H2CompactionSettings.variable(property),
                        property,
                        "'" + value.strip() + "' is not a duration with its unit (such as 30s, 15m, 6h or 1d): a bare"
                                + " number would be read as milliseconds");
            }
        }
    }
}
