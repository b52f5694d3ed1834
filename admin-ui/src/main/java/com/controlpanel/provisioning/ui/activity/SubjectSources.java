package com.controlpanel.provisioning.ui.activity;

import com.controlpanel.provisioning.activity.ActivityQueries;
import com.controlpanel.provisioning.activity.ActivityRow;
import com.controlpanel.provisioning.activity.FindActivityQuery;
import com.controlpanel.provisioning.directory.DirectoryQueries;
import com.controlpanel.provisioning.domain.api.MemberId;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.domain.api.Source;
import com.controlpanel.provisioning.domain.api.TeamId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Which members and teams the rows are about were provisioned by Okta, so that they carry its badge here too (rule 5:
 * everywhere, forever): from the directory, or, for one that is gone, from the row that made it or the one that
 * recorded Okta taking it over.
 */
@Component
public class SubjectSources {

    private final DirectoryQueries directory;
    private final ActivityQueries activity;

    public SubjectSources(DirectoryQueries directory, ActivityQueries activity) {
        this.directory = directory;
        this.activity = activity;
    }

    /** The rows as the Control Panel shows them, each subject with its badge when Okta provisioned it. */
    public List<ActivityRowView> views(OrganizationId organizationId, List<ActivityRow> rows) {
        Map<String, Boolean> okta = new HashMap<>();
        return rows.stream()
                .map(row -> ActivityRowView.of(
                        row, okta.computeIfAbsent(row.subjectId(), id -> provisioned(organizationId, row))))
                .toList();
    }

    /** One row as shown, its subject with its badge when Okta provisioned it. */
    public ActivityRowView view(OrganizationId organizationId, ActivityRow row) {
        return ActivityRowView.of(row, provisioned(organizationId, row));
    }

    private boolean provisioned(OrganizationId organizationId, ActivityRow row) {
        String id = row.subjectId();
        if (id == null || id.isBlank()) {
            return false;
        }
        try {
            if ("MEMBER".equals(row.subjectType())) {
                var member = directory.findMember(organizationId, new MemberId(id));
                return member.isPresent()
                        ? member.get().member().source() == Source.OKTA
                        : madeBy(organizationId, id, List.of("member.provisioned", "member.taken-over"));
            }
            if ("TEAM".equals(row.subjectType())) {
                var team = directory.findTeam(organizationId, new TeamId(id));
                return team.isPresent()
                        ? team.get().team().source() == Source.OKTA
                        : madeBy(organizationId, id, List.of("team.pushed", "team.taken-over"));
            }
        } catch (RuntimeException e) {
            // an id of another shape (an organization): no badge
        }
        return false;
    }

    /** Whether one of these actions (Okta provisioning it, or taking it over) was about the subject. */
    private boolean madeBy(OrganizationId organizationId, String id, List<String> actions) {
        return !activity.find(new FindActivityQuery(organizationId, null, null, actions, id, null, null, null, 1))
                .items()
                .isEmpty();
    }
}
