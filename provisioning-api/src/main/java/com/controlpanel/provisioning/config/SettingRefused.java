package com.controlpanel.provisioning.config;

/**
 * A setting the start can not use (a first admin's password too short, an email that is no email, a profile no
 * configuration names, a port no TCP port can be): the start stops, and {@link SettingRefusedFailure} reports it in a
 * few lines naming the setting.
 */
public class SettingRefused extends RuntimeException {

    private final String setting;

    public SettingRefused(String setting, String reason) {
        super(setting + ": " + reason);
        this.setting = setting;
    }

    public String setting() {
        return setting;
    }
}
