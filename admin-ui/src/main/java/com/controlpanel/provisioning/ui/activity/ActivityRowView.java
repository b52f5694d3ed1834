package com.controlpanel.provisioning.ui.activity;

import com.controlpanel.provisioning.activity.ActivityActions;
import com.controlpanel.provisioning.activity.ActivityRow;
import com.controlpanel.provisioning.ui.layout.ActorLabels;
import com.controlpanel.provisioning.ui.layout.Dates;
import java.util.Locale;

/** A line of Activity > Actions as the Control Panel shows it: when, who, what, about whom, and the summary. */
public record ActivityRowView(
        long position,
        String day,
        String time,
        String precise,
        String iso,
        String actorKind,
        String actorId,
        String actorName,
        String action,
        String actionLabel,
        String category,
        String subjectType,
        String subjectId,
        String subjectName,
        String summary,
        boolean subjectOkta) {

    /** A row whose subject is shown without a source badge. */
    public static ActivityRowView of(ActivityRow row) {
        return of(row, false);
    }

    /** @param subjectOkta whether the member or team the row is about was provisioned by Okta (its badge, rule 5) */
    public static ActivityRowView of(ActivityRow row, boolean subjectOkta) {
        return new ActivityRowView(
                row.position(),
                Dates.day(row.occurredAt()),
                Dates.time(row.occurredAt()),
                Dates.precise(row.occurredAt()),
                Dates.iso(row.occurredAt()),
                row.actorKind(),
                row.actorId(),
                row.actorName(),
                row.action(),
                ActivityActions.label(row.action()),
                ActivityActions.category(row.action()),
                row.subjectType(),
                row.subjectId(),
                row.subjectName(),
                row.summary(),
                subjectOkta);
    }

    public boolean okta() {
        return "IDENTITY_PROVIDER".equals(actorKind);
    }

    public boolean admin() {
        return "ADMIN".equals(actorKind);
    }

    /** Who acted, in words: the admin's email, the SCIM integration, or the service itself. */
    public String who() {
        return ActorLabels.who(ActorLabels.kindOf(actorKind), actorName);
    }

    /** What kind of actor, for the small line under the name. */
    public String whoKind() {
        return ActorLabels.kind(ActorLabels.kindOf(actorKind));
    }

    public String subjectKind() {
        return subjectType == null ? "" : subjectType.toLowerCase(Locale.ROOT);
    }
}
