package com.controlpanel.provisioning.domain.member;

/** Hands the (package-private) member aggregate type to the application's Axon configuration. */
public final class MemberAggregate {

    private MemberAggregate() {}

    public static Class<?> type() {
        return Member.class;
    }
}
