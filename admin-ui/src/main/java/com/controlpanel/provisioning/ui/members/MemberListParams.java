package com.controlpanel.provisioning.ui.members;

import com.controlpanel.provisioning.directory.FindMembersQuery;
import com.controlpanel.provisioning.directory.MemberSort;
import com.controlpanel.provisioning.directory.MemberStatus;
import com.controlpanel.provisioning.domain.api.InvalidValueException;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.domain.api.Source;
import com.controlpanel.provisioning.domain.api.TeamId;
import com.controlpanel.provisioning.ui.layout.BadLink;
import com.controlpanel.provisioning.ui.layout.Choices;
import com.controlpanel.provisioning.ui.layout.QueryString;
import java.util.Locale;

/**
 * The member list's search, filters, order and page, as they travel in its URL. A source, status or order the list
 * does not know (an edited link) is a bad link ({@link Choices}), as is a team id that no team can have; a team
 * that does not exist (or no longer does) is said so beside the team filter, and no member is listed for it.
 */
public record MemberListParams(String q, String source, String status, String team, String sort, int offset) {

    public static final int PAGE_SIZE = 20;

    public MemberListParams {
        q = q == null || q.isBlank() ? "" : q.strip();
        source = Choices.known(source, "okta", "manual");
        status = Choices.known(status, "invited", "active", "deactivated");
        team = team == null || team.isBlank() ? "" : team.strip();
        sort = Choices.known(sort, "name", "name-desc", "email", "email-desc", "created", "created-desc");
        sort = sort.isEmpty() ? "name" : sort;
        offset = Math.max(0, offset);
    }

    public FindMembersQuery query(OrganizationId organizationId) {
        return new FindMembersQuery(
                organizationId,
                q.isEmpty() ? null : q,
                source.isEmpty() ? null : Source.valueOf(source.toUpperCase(Locale.ROOT)),
                status.isEmpty() ? null : MemberStatus.valueOf(status.toUpperCase(Locale.ROOT)),
                teamId(),
                MemberSort.valueOf(sort.replace("-desc", "").toUpperCase(Locale.ROOT)),
                sort.endsWith("-desc"),
                offset,
                PAGE_SIZE);
    }

    public boolean filtered() {
        return !q.isEmpty() || !source.isEmpty() || !status.isEmpty() || !team.isEmpty();
    }

    /** The list's URL with these parameters at another offset (paging). */
    public String at(String path, int newOffset) {
        return new QueryString(path)
                .put("q", q)
                .put("source", source)
                .put("status", status)
                .put("team", team)
                .put("sort", "name".equals(sort) ? "" : sort)
                .put("offset", newOffset > 0 ? Integer.toString(newOffset) : "")
                .toString();
    }

    /** For {@code aria-sort} on the column the list is ordered by. */
    public String ariaSort(String column) {
        if (!sort.startsWith(column)) {
            return null;
        }
        return sort.endsWith("-desc") ? "descending" : "ascending";
    }

    private TeamId teamId() {
        if (team.isEmpty()) {
            return null;
        }
        try {
            return new TeamId(team);
        } catch (InvalidValueException e) {
            // no team has such an id: not a link the Control Panel gives
            throw new BadLink();
        }
    }
}
