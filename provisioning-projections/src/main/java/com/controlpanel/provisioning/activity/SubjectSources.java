package com.controlpanel.provisioning.activity;

import com.controlpanel.provisioning.directory.DirectoryQueries;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.domain.api.Source;
import com.controlpanel.provisioning.storage.IdValues;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Where the members and teams that Activity rows are about came from, so that they carry the Okta badge wherever a
 * row is shown, in the Control Panel, the JSON API and the exports (rule 5: everywhere, forever): the directory's
 * source for one the organization still has; for one that is gone, {@code OKTA} if a row records Okta provisioning it
 * or taking it over, else {@code MANUAL}. The organization is no member or team: it has no source. A few reads per
 * batch of rows, whatever their number.
 */
@Component
public class SubjectSources {

    /** What Okta provisioning a member or a team, or taking over one made by hand, is recorded as. */
    static final List<String> MADE_BY_OKTA =
            List.of("member.provisioned", "member.taken-over", "team.pushed", "team.taken-over");

    private final DirectoryQueries directory;
    private final JdbcTemplate jdbc;
    private final ActivitySlots slots;

    public SubjectSources(DirectoryQueries directory, JdbcTemplate jdbc, ActivitySlots slots) {
        this.directory = directory;
        this.jdbc = jdbc;
        this.slots = slots;
    }

    /** The source of each member and team these rows are about, by id. */
    public Map<String, Source> of(OrganizationId organizationId, Collection<ActivityRow> rows) {
        Set<String> members = new LinkedHashSet<>();
        Set<String> teams = new LinkedHashSet<>();
        for (ActivityRow row : rows) {
            if ("MEMBER".equals(row.subjectType())) {
                members.add(row.subjectId());
            } else if ("TEAM".equals(row.subjectType())) {
                teams.add(row.subjectId());
            }
        }
        return of(organizationId, members, teams);
    }

    /** The source of each of these members and teams (by id), also of those gone from the directory. */
    public Map<String, Source> of(OrganizationId organizationId, Set<String> members, Set<String> teams) {
        if (members.isEmpty() && teams.isEmpty()) {
            return Map.of();
        }
        Map<String, Source> sources = new HashMap<>(directory.sources(organizationId, members, teams));
        List<String> gone = new ArrayList<>();
        members.stream().filter(id -> !sources.containsKey(id)).forEach(gone::add);
        teams.stream().filter(id -> !sources.containsKey(id)).forEach(gone::add);
        Set<String> okta = madeByOkta(organizationId, gone);
        gone.forEach(id -> sources.put(id, okta.contains(id) ? Source.OKTA : Source.MANUAL));
        return sources;
    }

    /** The source of the member or team this row is about; null for a row about the organization. */
    public Source of(OrganizationId organizationId, ActivityRow row) {
        return of(organizationId, List.of(row)).get(row.subjectId());
    }

    /**
     * Those of these subjects (gone from the directory) whose rows record Okta provisioning or taking them over: their
     * rows (a few each) are read along the subject index, one lookup per id ({@link IdValues}: given as
     * {@code subject_id IN (…)}, every row of the organization was read for each page of an export, 67 s to export
     * 100,000 rows; 4 s so).
     */
    private Set<String> madeByOkta(OrganizationId organizationId, List<String> ids) {
        Set<String> okta = new HashSet<>();
        for (List<String> chunk : IdValues.chunks(ids)) {
            List<Object> args = new ArrayList<>(chunk);
            args.add(organizationId.value());
            jdbc.query(
                    "SELECT a.subject_id, a.action FROM " + IdValues.table(chunk.size()) + " JOIN "
                            + slots.live().activity() + " a ON a.organization_id = ? AND a.subject_id = v.id",
                    rs -> {
                        if (MADE_BY_OKTA.contains(rs.getString(2))) {
                            okta.add(rs.getString(1));
                        }
                    },
                    args.toArray());
        }
        return okta;
    }
}
