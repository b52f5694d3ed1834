package com.controlpanel.provisioning.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs the browser tests only where Debian's Chromium and its driver are installed. Without them a test class is
 * skipped with that reason (before its Spring context starts), except on CI ({@code CI=true}), where their absence
 * fails the build.
 */
public class ChromiumAvailable implements ExecutionCondition {

    static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (present) {
            return ConditionEvaluationResult.enabled("Chromium at " + CHROMIUM + ", driver at " + CHROMEDRIVER);
        }
        String missing = "Browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                + " (Debian: apt-get install chromium chromium-driver)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true but Chromium is missing: " + missing);
        }
        return ConditionEvaluationResult.disabled("Browser tests skipped: " + missing);
    }
}
