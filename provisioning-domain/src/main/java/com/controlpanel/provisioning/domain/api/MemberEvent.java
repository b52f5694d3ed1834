package com.controlpanel.provisioning.domain.api;

/** An event recorded by a member: its aggregate is the member. */
public interface MemberEvent extends OrganizationEvent {

    MemberId memberId();
}
