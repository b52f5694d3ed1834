package com.controlpanel.provisioning.testing;

import com.controlpanel.provisioning.ProvisioningApplication;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Nodes of the service started by a test itself, each on a random port, as the packaged jar would start. */
public final class Nodes {

    private Nodes() {}

    /**
     * A node on the PostgreSQL profile, on the test database at this JDBC URL (a schema of the test's own).
     *
     * @param more further settings, as {@code --name=value}
     */
    public static ConfigurableApplicationContext onPostgres(String url, String admin, String password, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.profiles.active=postgres",
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + PostgresAvailable.USER,
                "--spring.datasource.password=" + PostgresAvailable.PASSWORD,
                "--provisioning.admin-email=" + admin,
                "--provisioning.admin-password=" + password));
        args.addAll(List.of(more));
        return new SpringApplicationBuilder(ProvisioningApplication.class).run(args.toArray(String[]::new));
    }

    public static int port(ConfigurableApplicationContext node) {
        return ((WebServerApplicationContext) node).getWebServer().getPort();
    }

    /** Stops what a test started, in this order; nulls (never started) are passed over, every one is tried. */
    public static void stop(AutoCloseable... started) {
        RuntimeException failure = null;
        for (AutoCloseable each : started) {
            if (each == null) {
                continue;
            }
            try {
                each.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("Could not stop everything the test started", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
