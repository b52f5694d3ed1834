package com.controlpanel.provisioning.directory;

import java.util.List;

/** A page of organizations, and how many there are in all (that match). */
public record OrganizationPage(List<OrganizationRow> items, long total) {}
