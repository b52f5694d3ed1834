package com.controlpanel.provisioning.ui.activity;

import com.controlpanel.provisioning.activity.ActivityActions;
import com.controlpanel.provisioning.activity.ActivityPage;
import com.controlpanel.provisioning.activity.ActivityQueries;
import com.controlpanel.provisioning.activity.ActivityRow;
import com.controlpanel.provisioning.activity.FindActivityQuery;
import com.controlpanel.provisioning.activity.SubjectSources;
import com.controlpanel.provisioning.directory.DirectoryQueries;
import com.controlpanel.provisioning.directory.FindMembersQuery;
import com.controlpanel.provisioning.directory.FindTeamsQuery;
import com.controlpanel.provisioning.directory.MemberPage;
import com.controlpanel.provisioning.directory.MemberSort;
import com.controlpanel.provisioning.directory.TeamPage;
import com.controlpanel.provisioning.domain.api.MemberId;
import com.controlpanel.provisioning.domain.api.MemberProfile;
import com.controlpanel.provisioning.domain.api.OrganizationId;
import com.controlpanel.provisioning.domain.api.Source;
import com.controlpanel.provisioning.domain.api.TeamId;
import com.controlpanel.provisioning.ui.activity.ActivityFilter.SubjectChoice;
import com.controlpanel.provisioning.ui.layout.BadLink;
import com.controlpanel.provisioning.ui.layout.FormErrors;
import com.controlpanel.provisioning.ui.layout.Moments;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Reads the Activity filters of a URL into a query, or says what is wrong with each field. A member or team may be
 * given by id (links do) or by a name or email typed in the field, looked up in the directory.
 */
@Component
public class ActivityFilters {

    private static final Pattern ID = Pattern.compile("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");
    private static final Pattern CURSOR = Pattern.compile("\\d{1,18}");
    private static final int CHOICES = 6;
    private static final String CREDENTIALS_ISSUED = "provisioning.credentials-issued";

    private final DirectoryQueries directory;
    private final ActivityQueries activity;
    private final SubjectSources sources;

    public ActivityFilters(DirectoryQueries directory, ActivityQueries activity, SubjectSources sources) {
        this.directory = directory;
        this.activity = activity;
        this.sources = sources;
    }

    public ActivityFilter read(OrganizationId organizationId, ActivityParams params, String path, int limit) {
        if (!params.before().isEmpty()
                && (!CURSOR.matcher(params.before()).matches()
                        || !activity.hasRow(organizationId, Long.parseLong(params.before())))) {
            // an Older actions link carries the position of one of the organization's rows: this one was edited, and
            // the newest page (or a page labelled older that is the newest) is not what it asks
            throw new BadLink();
        }
        if (!params.action().isEmpty() && !ActivityActions.known(params.action().toLowerCase(Locale.ROOT))) {
            // the actor and the action are picked from lists: a value no list gives comes from an edited link, which
            // is said as on the other pages, not as a field to fix
            throw new BadLink();
        }
        FormErrors errors = new FormErrors();
        String actorKind = actorKind(params.actor());
        // the actor's newest action: what names it on the page, and what says it acted here
        Optional<ActivityRow> actorRow = params.by().isEmpty() || params.by().length() > 200
                ? Optional.empty()
                : activity
                        .find(new FindActivityQuery(organizationId, null, params.by(), null, null, null, null, null, 1))
                        .items()
                        .stream()
                        .findFirst();
        if (!params.by().isEmpty() && actorRow.isEmpty() && !issuedToken(organizationId, params.by())) {
            // who acted is picked from the timeline itself: an id of no one who acted here, and of no Secret Token
            // the organization issued, comes from an edited link (it showed an empty timeline "by" that id)
            throw new BadLink();
        }
        Instant from = moment(params.from(), "from", errors);
        Instant to = moment(params.to(), "to", errors);
        if (from != null && to != null && !from.isBefore(to)) {
            errors.field("to", "Choose a moment after the start of the range.");
        }
        List<SubjectChoice> choices = new ArrayList<>();
        Optional<Subject> subject = subject(organizationId, params, path, errors, choices);
        String actorLabel = params.by().isEmpty() ? "" : actorName(actorRow, params.by());
        // a member or team given by id (a choice picked, a link) is shown in the field by its name, not the id
        boolean picked = subject.isPresent() && ID.matcher(params.subject()).matches();
        String subjectText = picked ? subject.get().label() : params.subject();
        String subjectPicked = picked ? params.subject() : "";
        if (errors.any()) {
            return new ActivityFilter(null, errors, actorLabel, "", List.copyOf(choices), subjectText, subjectPicked);
        }
        Long before = CURSOR.matcher(params.before()).matches() ? Long.parseLong(params.before()) : null;
        FindActivityQuery query = new FindActivityQuery(
                organizationId,
                actorKind,
                params.by().isEmpty() ? null : params.by(),
                params.action().isEmpty() ? List.of() : List.of(params.action().toLowerCase(Locale.ROOT)),
                subject.map(Subject::id).orElse(null),
                from,
                to,
                before,
                limit);
        return new ActivityFilter(
                query,
                errors,
                actorLabel,
                subject.map(Subject::label).orElse(""),
                List.of(),
                subjectText,
                subjectPicked);
    }

    /**
     * The filters with the member or team picked before ({@code picked}, its id) in place of the text of the field,
     * while the field still shows its name as the page gave it: the name alone could mean another or none.
     */
    public ActivityParams withPicked(OrganizationId organizationId, ActivityParams params, String picked) {
        if (picked == null
                || !ID.matcher(picked).matches()
                || params.subject().isEmpty()
                || ID.matcher(params.subject()).matches()) {
            return params;
        }
        return params.subject().equals(nameOf(organizationId, picked).strip()) ? params.withSubject(picked) : params;
    }

    private static String actorKind(String actor) {
        return switch (actor.toLowerCase(Locale.ROOT)) {
            case "" -> null;
            case "admin" -> "ADMIN";
            case "okta", "identity_provider" -> "IDENTITY_PROVIDER";
            case "system" -> "SYSTEM";
            default -> throw new BadLink();
        };
    }

    private static Instant moment(String value, String field, FormErrors errors) {
        try {
            return Moments.parse(value);
        } catch (Moments.NotAMoment e) {
            errors.field(field, e.getMessage());
            return null;
        }
    }

    private record Subject(String id, String label) {}

    private record Candidate(String id, String label, String kind, List<String> names) {}

    private Optional<Subject> subject(
            OrganizationId organizationId,
            ActivityParams params,
            String path,
            FormErrors errors,
            List<SubjectChoice> choices) {
        String text = params.subject();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        if (ID.matcher(text).matches()) {
            // an id the page gives (a link, a choice picked) is of a member or team of the organization, now or
            // once: one that never was comes from an edited link, which is said so rather than shown as a name
            return Optional.of(new Subject(text, knownName(organizationId, text).orElseThrow(BadLink::new)));
        }
        MemberPage members = directory.findMembers(
                new FindMembersQuery(organizationId, text, null, null, null, MemberSort.NAME, false, 0, CHOICES));
        TeamPage teams = directory.findTeams(new FindTeamsQuery(organizationId, text, null, null, false, 0, CHOICES));
        List<Candidate> candidates = new ArrayList<>();
        members.items().forEach(summary -> {
            MemberProfile profile = summary.member().profile();
            candidates.add(new Candidate(
                    summary.member().memberId().value(),
                    label(profile),
                    "member",
                    List.of(profile.label(), profile.userName().value(), String.valueOf(profile.email()))));
        });
        teams.items()
                .forEach(summary -> candidates.add(new Candidate(
                        summary.team().teamId().value(),
                        summary.team().displayName().value(),
                        "team",
                        List.of(summary.team().displayName().value()))));
        // and those gone from the directory, found by the name the timeline gave them when they were removed: an
        // auditor looking for someone who left must not get the history of someone who came since under that name
        int live = candidates.size();
        activity.removedSubjectsNamed(organizationId, text, CHOICES).forEach(row -> {
            if (candidates.stream().noneMatch(candidate -> candidate.id().equals(row.subjectId()))) {
                candidates.add(new Candidate(
                        row.subjectId(),
                        row.subjectName() + " (deleted)",
                        "TEAM".equals(row.subjectType()) ? "team" : "member",
                        namesIn(row.subjectName())));
            }
        });
        // and those found by a name they had before (a team renamed, a member's email changed): after rule 8 the name
        // may be another's now, and both are offered to pick from
        activity.formerlyNamed(organizationId, text, CHOICES).forEach(former -> {
            int listed = -1;
            for (int i = 0; i < candidates.size() && listed < 0; i++) {
                listed = candidates.get(i).id().equals(former.subjectId()) ? i : -1;
            }
            if (listed < 0) {
                candidates.add(new Candidate(
                        former.subjectId(),
                        nameOf(organizationId, former.subjectId()) + ", formerly " + former.formerName(),
                        "TEAM".equals(former.subjectType()) ? "team" : "member",
                        namesIn(former.formerName())));
            } else if (listed < live && !candidates.get(listed).names().contains(former.formerName())) {
                // found by its name now ("Engineering (old)" for "engineering") and by the one it had: that name
                // counts too, so that another having it now ("Engineering") is not taken for the only one meant
                Candidate found = candidates.get(listed);
                List<String> names = new ArrayList<>(found.names());
                names.addAll(namesIn(former.formerName()));
                candidates.set(
                        listed,
                        new Candidate(
                                found.id(),
                                found.label() + ", formerly " + former.formerName(),
                                found.kind(),
                                List.copyOf(names)));
            }
        });
        List<Candidate> exact = candidates.stream()
                .filter(candidate -> candidate.names().stream().anyMatch(text::equalsIgnoreCase))
                .toList();
        long total = Math.max(members.total() + teams.total() + (candidates.size() - live), candidates.size());
        if (exact.size() == 1 || (total == 1 && candidates.size() == 1)) {
            Candidate chosen = exact.size() == 1 ? exact.get(0) : candidates.get(0);
            return Optional.of(new Subject(chosen.id(), chosen.label()));
        }
        if (candidates.isEmpty()) {
            errors.field(
                    "subject",
                    "No member or team matches “" + shorten(text) + "”. Type the start of a name or an email, or pick"
                            + " one in the timeline.");
            return Optional.empty();
        }
        // a list cut short says so: the count is of all that match, not of those listed
        String listed = candidates.size() < total ? ", " + candidates.size() + " of them listed" : "";
        errors.field(
                "subject",
                total + " members and teams match “" + shorten(text) + "”" + listed
                        + ": pick one, or type more of the name or email.");
        ActivityParams without = new ActivityParams(
                params.actor(), params.by(), params.action(), null, params.from(), params.to(), null);
        // each with its Okta badge, as everywhere (rule 5), also one gone from the directory
        Set<String> memberIds = new LinkedHashSet<>();
        Set<String> teamIds = new LinkedHashSet<>();
        candidates.forEach(candidate -> (candidate.kind().equals("team") ? teamIds : memberIds).add(candidate.id()));
        Map<String, Source> source = sources.of(organizationId, memberIds, teamIds);
        for (Candidate candidate : candidates) {
            choices.add(new SubjectChoice(
                    candidate.label(),
                    candidate.kind(),
                    without.on(path, "subject", candidate.id()),
                    source.get(candidate.id()) == Source.OKTA));
        }
        return Optional.empty();
    }

    /**
     * How a member or team given by id is named: as it is now, or as the timeline last named it, marked deleted (as when
     * it is found by that name).
     */
    private String nameOf(OrganizationId organizationId, String id) {
        return knownName(organizationId, id).orElse(id);
    }

    /** The name of a member or team of the organization, now or once ("… (deleted)"); none for an id it never had. */
    private Optional<String> knownName(OrganizationId organizationId, String id) {
        if (id.equals(organizationId.value())) {
            // the organization's own actions (Settings links to them), also before the timeline has a row of them
            return directory.organization(organizationId).map(organization -> organization.name());
        }
        MemberId memberId = new MemberId(id);
        Optional<String> member = directory
                .findMember(organizationId, memberId)
                .map(summary -> label(summary.member().profile()));
        if (member.isPresent()) {
            return member;
        }
        Optional<String> team = directory
                .findTeam(organizationId, new TeamId(id))
                .map(summary -> summary.team().displayName().value());
        if (team.isPresent()) {
            return team;
        }
        // its own newest row: a deleted member's newest rows are its removals from its teams, about the teams
        return activity.lastAbout(organizationId, id)
                .map(row -> "MEMBER".equals(row.subjectType()) || "TEAM".equals(row.subjectType())
                        ? row.subjectName() + " (deleted)"
                        : row.subjectName());
    }

    /**
     * Whether an actor id that has no action here is a Secret Token the organization issued: an issue's details link to
     * the actions made with it, before it made any too.
     */
    private boolean issuedToken(OrganizationId organizationId, String actorId) {
        if (actorId.length() > 200) {
            return false;
        }
        String quoted = "\"" + actorId + "\"";
        Long before = null;
        do {
            ActivityPage issued = activity.find(new FindActivityQuery(
                    organizationId, null, null, List.of(CREDENTIALS_ISSUED), null, null, null, before, 200));
            if (issued.items().stream()
                    .anyMatch(row -> row.details() != null && row.details().contains(quoted))) {
                return true;
            }
            before = issued.nextCursor();
        } while (before != null);
        return false;
    }

    private static String actorName(Optional<ActivityRow> newest, String actorId) {
        return newest.map(row -> "IDENTITY_PROVIDER".equals(row.actorKind())
                        // an identity provider's actor is the Secret Token it used: Okta's actions with another
                        // token (regenerated, or provisioning switched off and on) are not among these
                        ? (row.actorName().isBlank() ? "Okta (SCIM)" : row.actorName()) + " with one Secret Token"
                        : row.actorName())
                .filter(name -> !name.isBlank())
                .orElse(actorId);
    }

    private static String label(MemberProfile profile) {
        String label = profile.label();
        String email = profile.email() == null ? profile.userName().value() : profile.email();
        return label.equalsIgnoreCase(email) ? email : label + " (" + email + ")";
    }

    /**
     * The names a removed subject's name at the time answers to: all of it, and for a member its name and its email
     * apart ({@code Dan Brown (dan@example.com)}), as the names of one here now do, so that typing a name both a
     * departed member and someone here now have offers both.
     */
    private static List<String> namesIn(String subjectName) {
        int open = subjectName.lastIndexOf(" (");
        if (open < 0 || !subjectName.endsWith(")")) {
            return List.of(subjectName);
        }
        return List.of(
                subjectName, subjectName.substring(0, open), subjectName.substring(open + 2, subjectName.length() - 1));
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
