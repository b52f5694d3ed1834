package com.controlpanel.provisioning.domain.api;

/** An event recorded by a team: its aggregate is the team. */
public interface TeamEvent extends OrganizationEvent {

    TeamId teamId();
}
