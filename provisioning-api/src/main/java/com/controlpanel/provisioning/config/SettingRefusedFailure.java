package com.controlpanel.provisioning.config;

import java.util.Locale;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A start stopped by a setting it can not use, reported as the setting and why, instead of a stack trace. */
class SettingRefusedFailure extends AbstractFailureAnalyzer<SettingRefused> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SettingRefused cause) {
        return new FailureAnalysis(
                "The service can not start with this setting. " + cause.getMessage(),
                "Correct " + cause.setting() + " (or "
                        + (cause.property() != null ? cause.property() : property(cause.setting()))
                        + ") and start again.",
                cause);
    }

    private static String property(String setting) {
        return setting.startsWith("PROVISIONING_")
                ? "the provisioning.* property of the same name"
                : setting.toLowerCase(Locale.ROOT).replace('_', '.');
    }
}
