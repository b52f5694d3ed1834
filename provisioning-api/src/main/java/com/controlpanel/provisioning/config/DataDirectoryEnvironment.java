package com.controlpanel.provisioning.config;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Points the embedded H2 database at {@code provisioning.data-dir} (default {@code ./data}) unless a datasource URL
 * is configured. H2 writes commits to its file in the background ({@code WRITE_DELAY}, in milliseconds) and
 * {@link H2GroupCommit} makes every command wait until its commit is written, many commits to one write: a 2xx still
 * means the event is on disk, without one file write per request. Each
 * connection keeps its parsed statements ({@code QUERY_CACHE_SIZE}): a SCIM write runs about a dozen different
 * statements, and with H2's default of 8 every one of them was parsed again on every request.
 */
public class DataDirectoryEnvironment implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty("spring.datasource.url")) {
            return;
        }
        String dataDir = environment.getProperty("provisioning.data-dir", "data");
        Path database = Path.of(dataDir).toAbsolutePath().normalize().resolve("provisioning");
        String url = "jdbc:h2:file:" + database + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=500;QUERY_CACHE_SIZE=64";
        environment
                .getPropertySources()
                .addLast(new MapPropertySource(
                        "provisioningDataDirectory",
                        Map.of(
                                "spring.datasource.url", url,
                                "spring.datasource.username", "sa",
                                "spring.datasource.password", "")));
    }
}
