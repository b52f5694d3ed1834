package com.controlpanel.provisioning.testing;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads the service's metrics as a Prometheus scrape does. */
public final class Prometheus {

    private Prometheus() {}

    /** A gauge's value as the operator's scrape of {@code /actuator/prometheus} reads it; NaN as Prometheus writes it. */
    public static double gauge(Http operator, String name) {
        Http.Response metrics = operator.get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        for (String line : metrics.text().split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError(name + " is not among the metrics");
    }
}
