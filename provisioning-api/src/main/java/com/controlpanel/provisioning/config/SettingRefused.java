package com.controlpanel.provisioning.config;

/**
 * A setting the start can not use (a first admin's password too short, an email that is no email, a profile no
 * configuration names, a port no TCP port can be): the start stops, and {@link SettingRefusedFailure} reports it in a
 * few lines naming the setting.
 */
public class SettingRefused extends RuntimeException {

    private final String setting;
    private final String property;

    public SettingRefused(String setting, String reason) {
        this(setting, null, reason);
    }

    /**
     * A setting whose property is not its variable read back ({@code spring.datasource.hikari.maximum-pool-size}, not
     * {@code spring.datasource.hikari.maximum.pool.size}).
     */
    public SettingRefused(String setting, String property, String reason) {
        super(setting + ": " + reason);
        this.setting = setting;
        this.property = property;
    }

    public String setting() {
        return setting;
    }

    /** The property the variable sets, when it was given; null: read back from the variable. */
    public String property() {
        return property;
    }
}
