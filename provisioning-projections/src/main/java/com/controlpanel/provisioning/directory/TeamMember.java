package com.controlpanel.provisioning.directory;

import com.controlpanel.provisioning.domain.api.MemberId;

/** A member as a team lists it: its id and the name to show. */
public record TeamMember(MemberId memberId, String display) {}
