package com.controlpanel.provisioning.directory;

import java.time.Duration;

/**
 * A search the database did not finish within the time it was given, and stopped: a filter too costly to evaluate over
 * the organization (many conditions, substrings over every value). Nothing was changed.
 */
public class SearchTimeoutException extends RuntimeException {

    private final Duration timeout;

    public SearchTimeoutException(String what, Duration timeout, Throwable cause) {
        super(
                "The filter took longer than " + DirectorySearch.seconds(timeout) + " s to evaluate over this "
                        + "organization's " + what + " and was stopped: narrow it (fewer conditions; eq or sw "
                        + "rather than co)",
                cause);
        this.timeout = timeout;
    }

    public Duration timeout() {
        return timeout;
    }
}
