package com.controlpanel.provisioning.scim;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Limits of the SCIM service provider ({@code provisioning.scim.*}, or {@code PROVISIONING_SCIM_*} environment
 * variables).
 *
 * @param maxResults the most resources one page returns ({@code count} above it is lowered to it); advertised as
 *     {@code filter.maxResults}
 * @param defaultCount the page size when a request gives no {@code count}
 * @param maxBodyBytes the largest request body accepted; a larger one is answered 413
 * @param requestsPerSecond the requests each organization may make per second, on average (429 above it)
 * @param burst the requests an organization may make at once after a quiet spell
 * @param maxConcurrentRequests SCIM requests served at once by this node, all organizations together
 * @param maxConcurrentRequestsPerOrganization SCIM requests of one organization served at once by this node: below the
 *     database connections, so that one organization's slow searches can not take them all from the others
 * @param overloadWait how long a request waits for its turn when that many are being served, before a 429 (at most
 *     1d)
 * @param searchTimeout how long the database may take over one search of Users or Groups (its page and its count
 *     together; whole seconds, from 1s to 1d): a longer one is stopped and answered 400 {@code tooMany}, so that a
 *     filter too costly for the organization's size holds neither a connection nor a core for minutes
 */
@ConfigurationProperties("provisioning.scim")
public record ScimProperties(
        Integer maxResults,
        Integer defaultCount,
        Long maxBodyBytes,
        Double requestsPerSecond,
        Integer burst,
        Integer maxConcurrentRequests,
        Integer maxConcurrentRequestsPerOrganization,
        Duration overloadWait,
        Duration searchTimeout) {

    /**
     * The longest a request may be made to wait ({@code overload-wait}) or a search may take ({@code search-timeout}):
     * far beyond any client's patience, and well within what a statement's timeout and the nanosecond clock hold (a
     * wait or search timeout of 200000d overflowed at every request, answered 500).
     */
    static final Duration LONGEST_WAIT = Duration.ofDays(1);

    /** What {@code requests-per-second} takes, in an operator's words. */
    static final String RATE = "a number, such as 10000 or 0.5";

    public ScimProperties {
        maxResults = positive(maxResults, 500, "max-results");
        defaultCount = Math.min(positive(defaultCount, 100, "default-count"), maxResults);
        maxBodyBytes = maxBodyBytes == null ? 2L * 1024 * 1024 : maxBodyBytes;
        if (maxBodyBytes < 1024) {
            // below this not even a User with a name and an email fits: every write would be refused
            throw new IllegalArgumentException("provisioning.scim.max-body-bytes must be at least 1024");
        }
        requestsPerSecond = requestsPerSecond == null ? 10_000.0 : requestsPerSecond;
        if (!Double.isFinite(requestsPerSecond)) {
            // read as a double, NaN and Infinity (1e400 too) are taken, and left the rate limit off without a word
            throw new IllegalArgumentException(
                    "provisioning.scim.requests-per-second: '" + requestsPerSecond + "' is not " + RATE);
        }
        if (requestsPerSecond <= 0) {
            throw new IllegalArgumentException("provisioning.scim.requests-per-second must be positive");
        }
        burst = burst == null ? (int) Math.max(1, Math.ceil(requestsPerSecond)) : positive(burst, 1, "burst");
        maxConcurrentRequests = positive(maxConcurrentRequests, 64, "max-concurrent-requests");
        maxConcurrentRequestsPerOrganization =
                positive(maxConcurrentRequestsPerOrganization, 8, "max-concurrent-requests-per-organization");
        overloadWait = overloadWait == null ? Duration.ofSeconds(2) : overloadWait;
        if (overloadWait.isNegative()) {
            throw new IllegalArgumentException("provisioning.scim.overload-wait must not be negative");
        }
        if (overloadWait.compareTo(LONGEST_WAIT) > 0) {
            throw new IllegalArgumentException("provisioning.scim.overload-wait must be between 0s and 1d");
        }
        searchTimeout = searchTimeout == null ? Duration.ofSeconds(10) : searchTimeout;
        if (searchTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            // a statement's timeout is counted in whole seconds; 0 would mean none at all
            throw new IllegalArgumentException("provisioning.scim.search-timeout must be at least 1s");
        }
        if (searchTimeout.compareTo(LONGEST_WAIT) > 0) {
            throw new IllegalArgumentException("provisioning.scim.search-timeout must be between 1s and 1d");
        }
        if (searchTimeout.getNano() != 0) {
            throw new IllegalArgumentException("provisioning.scim.search-timeout must be whole seconds, not "
                    + searchTimeout.toString().substring(2).toLowerCase(java.util.Locale.ROOT));
        }
    }

    private static int positive(Integer value, int fallback, String name) {
        if (value == null) {
            return fallback;
        }
        if (value < 1) {
            throw new IllegalArgumentException("provisioning.scim." + name + " must be at least 1");
        }
        return value;
    }
}
