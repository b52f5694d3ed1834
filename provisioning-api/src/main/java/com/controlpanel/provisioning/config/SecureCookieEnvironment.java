package com.controlpanel.provisioning.config;

import java.util.Locale;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Marks the Control Panel's session cookie {@code Secure} when the service is reached over HTTPS
 * ({@code PROVISIONING_PUBLIC_BASE_URL} starts with {@code https://}), unless
 * {@code server.servlet.session.cookie.secure} is set. Behind a TLS proxy Tomcat sees plain HTTP and, without
 * forwarded headers, would send the cookie without it: a browser would then also send it on a plain HTTP request to
 * the same host, where anyone on the path reads it.
 */
public class SecureCookieEnvironment implements EnvironmentPostProcessor {

    static final String SECURE = "server.servlet.session.cookie.secure";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String base = environment.getProperty("provisioning.public-base-url", "");
        if (environment.containsProperty(SECURE)
                || !base.strip().toLowerCase(Locale.ROOT).startsWith("https://")) {
            return;
        }
        environment
                .getPropertySources()
                .addLast(new MapPropertySource("provisioningSecureCookie", Map.of(SECURE, "true")));
    }
}
