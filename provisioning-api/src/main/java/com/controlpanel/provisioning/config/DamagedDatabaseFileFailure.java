package com.controlpanel.provisioning.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A start stopped by a damaged database file, reported with the advice to restore a backup. (Apart from {@link
 * DatabaseStartFailure}, which needs the application's environment: this is found while the environment is prepared,
 * before there is one to give it.)
 */
class DamagedDatabaseFileFailure extends AbstractFailureAnalyzer<DamagedDatabaseFile> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DamagedDatabaseFile cause) {
        return new FailureAnalysis(cause.getMessage(), cause.advice(), cause);
    }
}
