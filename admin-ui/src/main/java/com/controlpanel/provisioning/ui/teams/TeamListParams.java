package com.controlpanel.provisioning.ui.teams;

import com.controlpanel.provisioning.directory.FindTeamsQuery;
import com.controlpanel.provisioning.directory.TeamSort;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.domain.api.Source;
import com.controlpanel.provisioning.ui.layout.Choices;
import com.controlpanel.provisioning.ui.layout.QueryString;
import java.util.Locale;

/**
 * The team list's search, source filter, order and page, as they travel in its URL; a source or order it does not know
 * is a bad link ({@link Choices}).
 */
public record TeamListParams(String q, String source, String sort, int offset) {

    public static final int PAGE_SIZE = 20;

    public TeamListParams {
        q = q == null || q.isBlank() ? "" : q.strip();
        source = Choices.known(source, "okta", "manual");
        sort = Choices.known(sort, "name", "name-desc", "members", "members-desc", "created", "created-desc");
        sort = sort.isEmpty() ? "name" : sort;
        offset = Math.max(0, offset);
    }

    public FindTeamsQuery query(OrganizationId organizationId) {
        return new FindTeamsQuery(
                organizationId,
                q.isEmpty() ? null : q,
                source.isEmpty() ? null : Source.valueOf(source.toUpperCase(Locale.ROOT)),
                TeamSort.valueOf(sort.replace("-desc", "").toUpperCase(Locale.ROOT)),
                sort.endsWith("-desc"),
                offset,
                PAGE_SIZE);
    }

    public boolean filtered() {
        return !q.isEmpty() || !source.isEmpty();
    }

    public String at(String path, int newOffset) {
        return new QueryString(path)
                .put("q", q)
                .put("source", source)
                .put("sort", "name".equals(sort) ? "" : sort)
                .put("offset", newOffset > 0 ? Integer.toString(newOffset) : "")
                .toString();
    }

    public String ariaSort(String column) {
        if (!sort.startsWith(column)) {
            return null;
        }
        return sort.endsWith("-desc") ? "descending" : "ascending";
    }
}
