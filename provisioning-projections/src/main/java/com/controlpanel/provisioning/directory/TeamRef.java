package com.controlpanel.provisioning.directory;

import com.controlpanel.provisioning.domain.api.Source;
import com.controlpanel.provisioning.domain.api.TeamId;

/** A team as shown next to a member: its id, name and badge. */
public record TeamRef(TeamId teamId, String name, Source source) {}
