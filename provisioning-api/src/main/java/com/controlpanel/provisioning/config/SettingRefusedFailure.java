package com.controlpanel.provisioning.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A start stopped by a setting it can not use, reported as the setting and why, instead of a stack trace. */
class SettingRefusedFailure extends AbstractFailureAnalyzer<SettingRefused> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SettingRefused cause) {
        return new FailureAnalysis(
                "The service can not start with this setting. " + cause.getMessage(),
                "Correct " + cause.setting() + " (or the provisioning.* property of the same name) and start again.",
                cause);
    }
}
