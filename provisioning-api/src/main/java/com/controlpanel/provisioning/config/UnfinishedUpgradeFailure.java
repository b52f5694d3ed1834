package com.controlpanel.provisioning.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A start stopped by a schema upgrade that did not finish, reported with the way back to the backup before it. */
class UnfinishedUpgradeFailure extends AbstractFailureAnalyzer<UnfinishedUpgrade> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnfinishedUpgrade cause) {
        return new FailureAnalysis(cause.getMessage(), cause.advice(), cause);
    }
}
