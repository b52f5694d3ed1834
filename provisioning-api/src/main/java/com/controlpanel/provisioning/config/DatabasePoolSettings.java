package com.controlpanel.provisioning.config;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The database pool's settings the README lists, checked before anything starts: a value the pool can not take stops
 * the start in a few lines naming it. (Bound late, Hikari's own refusal of such a value surfaced as another property
 * of the pool being "sealed", naming neither the setting nor the value.)
 */
public class DatabasePoolSettings implements EnvironmentPostProcessor {

    private static final String TIMEOUT = "spring.datasource.hikari.connection-timeout";
    private static final String POOL_SIZE = "spring.datasource.hikari.maximum-pool-size";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String timeout = environment.getProperty(TIMEOUT);
        if (timeout != null) {
            long millis = whole(
                    timeout, "SPRING_DATASOURCE_HIKARI_CONNECTION_TIMEOUT", TIMEOUT, "milliseconds, such as 5000");
            if (millis < 250) {
                throw new SettingRefused(
                        "SPRING_DATASOURCE_HIKARI_CONNECTION_TIMEOUT",
                        TIMEOUT,
                        "must be at least 250 (milliseconds), not " + timeout.strip());
            }
        }
        String size = environment.getProperty(POOL_SIZE);
        if (size != null
                && whole(size, "SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE", POOL_SIZE, "connections, such as 16")
                        < 1) {
            throw new SettingRefused(
                    "SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE", POOL_SIZE, "must be at least 1, not " + size.strip());
        }
    }

    private static long whole(String value, String setting, String property, String what) {
        String digits = value.strip();
        if (!digits.matches("-?\\d{1,18}")) {
            throw new SettingRefused(setting, property, "'" + value + "' is not a whole number of " + what);
        }
        return Long.parseLong(digits);
    }
}
