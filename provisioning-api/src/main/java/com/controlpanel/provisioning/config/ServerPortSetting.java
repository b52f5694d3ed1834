package com.controlpanel.provisioning.config;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * A {@code SERVER_PORT} no TCP port can be (above 65535, below 0) stops the start in a few lines naming it, instead of
 * the web server's nested failure once everything else has started. A port that is no number is left to Spring's own
 * report, which already names the setting.
 */
public class ServerPortSetting implements EnvironmentPostProcessor {

    private static final String SETTING = "SERVER_PORT";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String port = environment.getProperty("server.port");
        if (port == null || !port.strip().matches("-?\\d{1,10}")) {
            return;
        }
        long value = Long.parseLong(port.strip());
        if (value < 0 || value > 65535) {
            throw new SettingRefused(
                    SETTING,
                    port.strip() + " is not a TCP port: choose one from 1 to 65535 (0 picks a free one at random)");
        }
    }
}
