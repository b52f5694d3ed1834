package com.controlpanel.provisioning.directory;

import com.controlpanel.provisioning.domain.api.OrganizationId;

/**
 * A search of one organization's members or teams: a filter, an order and a page. {@code sortBy} is a lower-cased
 * SCIM attribute path or null (oldest first); ties are broken by id so that pages are stable.
 */
public record DirectorySearchQuery(
        OrganizationId organizationId,
        DirectoryFilter filter,
        String sortBy,
        boolean descending,
        int offset,
        int limit) {

    public DirectorySearchQuery {
        if (organizationId == null) {
            throw new IllegalArgumentException("organizationId is required");
        }
        filter = filter == null ? DirectoryFilter.ANY : filter;
        sortBy = sortBy == null || sortBy.isBlank() ? null : sortBy;
        offset = Math.max(0, offset);
        limit = Math.max(0, limit);
    }

    /** Whether the search has no filter: every member (or team) of the organization, in pages. */
    public boolean unfiltered() {
        return filter instanceof DirectoryFilter.All all && all.filters().isEmpty();
    }
}
