package com.controlpanel.provisioning.ui.activity;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How many live Activity streams one admin may hold open at once on a node ({@code provisioning.live-streams-per-admin},
 * or {@code PROVISIONING_LIVE_STREAMS_PER_ADMIN}), read as the service's other settings are: a wrong value stops the
 * start with the setting's name, not with a trace of the beans that needed it.
 */
@ConfigurationProperties("provisioning")
public record LiveStreamSettings(Integer liveStreamsPerAdmin) {

    public LiveStreamSettings {
        liveStreamsPerAdmin = liveStreamsPerAdmin == null ? 16 : liveStreamsPerAdmin;
        if (liveStreamsPerAdmin < 1) {
            throw new IllegalArgumentException(
                    "provisioning.live-streams-per-admin must be at least 1, not " + liveStreamsPerAdmin);
        }
    }
}
