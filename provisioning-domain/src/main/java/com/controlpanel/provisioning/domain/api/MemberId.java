package com.controlpanel.provisioning.domain.api;

import java.util.UUID;

/** Identifies a member of an organization; also the SCIM User id. */
public record MemberId(String value) implements SingleValue {

    public MemberId {
        value = Ids.requireValid(value, "memberId");
    }

    public static MemberId random() {
        return new MemberId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
