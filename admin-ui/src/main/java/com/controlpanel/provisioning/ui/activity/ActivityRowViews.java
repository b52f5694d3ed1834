package com.controlpanel.provisioning.ui.activity;

import com.controlpanel.provisioning.activity.ActivityRow;
import com.controlpanel.provisioning.activity.SubjectSources;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.domain.api.Source;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Activity rows as the Control Panel shows them, each member or team that Okta provisioned with its badge (rule 5:
 * everywhere, forever, also once it is gone), as {@link SubjectSources} tells.
 */
@Component
public class ActivityRowViews {

    private final SubjectSources sources;

    public ActivityRowViews(SubjectSources sources) {
        this.sources = sources;
    }

    /** The rows as the Control Panel shows them. */
    public List<ActivityRowView> views(OrganizationId organizationId, List<ActivityRow> rows) {
        Map<String, Source> subjects = sources.of(organizationId, rows);
        return rows.stream()
                .map(row -> ActivityRowView.of(row, subjects.get(row.subjectId()) == Source.OKTA))
                .toList();
    }

    /** One row as shown. */
    public ActivityRowView view(OrganizationId organizationId, ActivityRow row) {
        return ActivityRowView.of(row, sources.of(organizationId, row) == Source.OKTA);
    }
}
