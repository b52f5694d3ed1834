package com.controlpanel.provisioning.config;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The service's own settings ({@code provisioning.*}, or {@code PROVISIONING_*} environment variables).
 *
 * @param dataDir where the embedded H2 database lives
 * @param publicBaseUrl the base URL Okta reaches this service at; null = the URL of the request that asks
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

    public ProvisioningProperties {
        dataDir = dataDir == null ? Path.of("data") : dataDir;
        publicBaseUrl = publicBaseUrl == null || publicBaseUrl.isBlank() ? null : stripSlash(publicBaseUrl.strip());
        adminEmail = adminEmail == null || adminEmail.isBlank() ? "admin@localhost" : adminEmail.strip();
        adminPassword = adminPassword == null || adminPassword.isEmpty() ? null : adminPassword;
        defaultOrganizationName = defaultOrganizationName == null || defaultOrganizationName.isBlank()
                ? "My organization"
                : defaultOrganizationName.strip();
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
        rebuildWriteWait = rebuildWriteWait == null ? Duration.ofSeconds(15) : rebuildWriteWait;
        if (rebuildWriteWait.isNegative() || rebuildWriteWait.isZero()) {
            throw new IllegalArgumentException("provisioning.rebuild-write-wait must be positive");
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
