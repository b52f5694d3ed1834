package com.controlpanel.provisioning.config;

import com.controlpanel.provisioning.domain.api.CreateOrganizationCommand;
import com.controlpanel.provisioning.domain.api.InvalidValueException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The service's own settings ({@code provisioning.*}, or {@code PROVISIONING_*} environment variables).
 *
 * @param dataDir where the embedded H2 database lives
 * @param publicBaseUrl the base URL Okta reaches this service at (an absolute http or https URL, without its trailing
 *     slash); null = the URL of the request that asks
 * @param adminEmail the first admin's email, created on first start
 * @param adminPassword the first admin's password; null = generate one and print it once
 * @param adminPasswordReset on a later start: sets the password of the admin {@code adminEmail} to
 *     {@code adminPassword} (a lost password's recovery)
 * @param defaultOrganizationName the name of the organization created on first start
 * @param snapshotThreshold events after which an aggregate's state is snapshotted
 * @param stateCheckpointEvery events of an organization between two states kept for "state as of an instant"
 * @param stateCheckpointSettle how long ago an event must have happened before a kept state includes it
 * @param rebuildWriteWait with several nodes on PostgreSQL: how long a command waits while a rebuild holds the writes
 *     of every node before it is refused with "retry"
 */
@ConfigurationProperties("provisioning")
public record ProvisioningProperties(
        Path dataDir,
        String publicBaseUrl,
        String adminEmail,
        String adminPassword,
        boolean adminPasswordReset,
        String defaultOrganizationName,
        Integer snapshotThreshold,
        Integer stateCheckpointEvery,
        Duration stateCheckpointSettle,
        Duration rebuildWriteWait) {

    /** The first admin's email when {@code PROVISIONING_ADMIN_EMAIL} is not set. */
    public static final String DEFAULT_ADMIN_EMAIL = "admin@localhost";

    /**
     * The longest a command waits for a rebuild's hold: PostgreSQL's lock timeout holds at most 24 days in
     * milliseconds, and beyond it every command of several nodes would fail.
     */
    static final Duration LONGEST_WAIT = Duration.ofDays(1);

    /** The longest a kept state may lag behind the events: more than any operator means, nowhere near an overflow. */
    static final Duration LONGEST_INTERVAL = Duration.ofDays(365);

    public ProvisioningProperties {
        dataDir = dataDir == null || dataDir.toString().isBlank()
                ? Path.of(DataDirectoryEnvironment.DEFAULT_DATA_DIR)
                : dataDir;
        publicBaseUrl =
                publicBaseUrl == null || publicBaseUrl.isBlank() ? null : baseUrl(stripSlash(publicBaseUrl.strip()));
        adminEmail = adminEmail == null || adminEmail.isBlank() ? DEFAULT_ADMIN_EMAIL : adminEmail.strip();
        adminPassword = adminPassword == null || adminPassword.isEmpty() ? null : adminPassword;
        defaultOrganizationName = defaultOrganizationName == null || defaultOrganizationName.isBlank()
                ? "My organization"
                : defaultOrganizationName.strip();
        try {
            // refused while the settings are read, before the first admin and organization are made
            CreateOrganizationCommand.checkedName(defaultOrganizationName);
        } catch (InvalidValueException e) {
            throw new IllegalArgumentException("provisioning.default-organization-name: " + e.getMessage());
        }
        snapshotThreshold = snapshotThreshold == null ? 250 : snapshotThreshold;
        if (snapshotThreshold < 1) {
            throw new IllegalArgumentException("provisioning.snapshot-threshold must be at least 1");
        }
        stateCheckpointEvery = stateCheckpointEvery == null ? 10_000 : stateCheckpointEvery;
        stateCheckpointSettle = stateCheckpointSettle == null ? Duration.ofMinutes(1) : stateCheckpointSettle;
        if (stateCheckpointEvery < 1) {
            throw new IllegalArgumentException("provisioning.state-checkpoint-every must be at least 1");
        }
        if (stateCheckpointSettle.isNegative()) {
            throw new IllegalArgumentException("provisioning.state-checkpoint-settle must not be negative");
        }
        if (stateCheckpointSettle.compareTo(LONGEST_INTERVAL) > 0) {
            throw new IllegalArgumentException("provisioning.state-checkpoint-settle must be between 0s and 365d");
        }
        rebuildWriteWait = rebuildWriteWait == null ? Duration.ofSeconds(15) : rebuildWriteWait;
        if (rebuildWriteWait.isNegative() || rebuildWriteWait.isZero()) {
            throw new IllegalArgumentException("provisioning.rebuild-write-wait must be positive");
        }
        if (rebuildWriteWait.compareTo(LONGEST_WAIT) > 0) {
            throw new IllegalArgumentException("provisioning.rebuild-write-wait must be positive and at most 1d");
        }
    }

    /**
     * The public base URL as given, if it is one: every Tenant URL, {@code Location} and {@code meta.location} starts
     * with it, so without a scheme and a host they would be relative (Okta and Entra ID follow them).
     */
    private static String baseUrl(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            uri = null;
        }
        boolean web =
                uri != null && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
        if (!web || !hasHost(uri) || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("provisioning.public-base-url (PROVISIONING_PUBLIC_BASE_URL) must be an"
                    + " absolute http or https URL with a host and no query or fragment, such as"
                    + " https://provisioning.example.com, not '" + url + "'");
        }
        return url;
    }

    private static boolean hasHost(URI uri) {
        if (uri.getHost() != null) {
            return true;
        }
        // A host name java.net.URI does not take as one (an underscore, as in a Docker service name) is still a host.
        String authority = uri.getRawAuthority();
        if (authority == null) {
            return false;
        }
        String host = authority.substring(authority.lastIndexOf('@') + 1);
        int port = host.lastIndexOf(':');
        return !(port < 0 ? host : host.substring(0, port)).isEmpty();
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
