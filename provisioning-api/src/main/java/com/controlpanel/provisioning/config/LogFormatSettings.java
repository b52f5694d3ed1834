package com.controlpanel.provisioning.config;

import java.util.List;
import java.util.Locale;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.ClassUtils;

/**
 * A structured log format Spring Boot does not know ({@code LOGGING_STRUCTURED_FORMAT_CONSOLE=json}) stops the start
 * in a few lines naming the setting and the formats there are. Left to the logging system, it failed before any log was
 * set up, with a trace of some forty frames under its message.
 */
public class LogFormatSettings implements EnvironmentPostProcessor {

    /** Spring Boot's own formats, whatever their case. */
    static final List<String> FORMATS = List.of("ecs", "gelf", "logstash");

    private static final List<String> SETTINGS =
            List.of("LOGGING_STRUCTURED_FORMAT_CONSOLE", "LOGGING_STRUCTURED_FORMAT_FILE");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        for (String setting : SETTINGS) {
            String format =
                    environment.getProperty(setting.toLowerCase(Locale.ROOT).replace('_', '.'));
            if (format == null || format.isBlank()) {
                continue;
            }
            String name = format.strip();
            boolean known = FORMATS.contains(name.toLowerCase(Locale.ROOT))
                    // a formatter of the deployment's own, named by its class
                    || ClassUtils.isPresent(name, application.getClassLoader());
            if (!known) {
                throw new SettingRefused(
                        setting,
                        "'" + name + "' is no log format: use ecs, logstash or gelf (each writes one JSON object per"
                                + " entry), or the class name of a StructuredLogFormatter");
            }
        }
    }
}
