package com.controlpanel.provisioning.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.controlpanel.provisioning.ProvisioningApplication;
import java.nio.file.Path;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Starts of the service with some settings, and what a start refused for a setting reports. */
final class StartAttempts {

    private StartAttempts() {}

    /** Starts the service on a free port and this data directory (then stops it); what failed, if it did. */
    static Throwable start(Path data, String... settings) {
        String[] args = new String[settings.length + 2];
        args[0] = "--server.port=0";
        args[1] = "--provisioning.data-dir=" + data;
        System.arraycopy(settings, 0, args, 2, settings.length);
        return startWith(args);
    }

    /** Starts the service with exactly these arguments (then stops it); what failed, if it did. */
    static Throwable startWith(String... args) {
        return catchThrowable(() -> new SpringApplicationBuilder(ProvisioningApplication.class)
                .run(args)
                .close());
    }

    /** The few lines a start stopped by a setting prints instead of a stack trace. */
    static FailureAnalysis reported(Throwable failure) {
        FailureAnalysis analysis = new SettingRefusedFailure().analyze(failure);
        assertThat(analysis).as("a failure analysis of " + failure).isNotNull();
        return analysis;
    }
}
