package com.controlpanel.provisioning.activity;

import com.controlpanel.provisioning.domain.api.Actor;
import com.controlpanel.provisioning.domain.api.EmailAddress;
import com.controlpanel.provisioning.domain.api.MemberAddedToTeam;
import com.controlpanel.provisioning.domain.api.MemberDeactivated;
import com.controlpanel.provisioning.domain.api.MemberDeprovisioned;
import com.controlpanel.provisioning.domain.api.MemberEvent;
import com.controlpanel.provisioning.domain.api.MemberProfile;
import com.controlpanel.provisioning.domain.api.MemberProfileChanged;
import com.controlpanel.provisioning.domain.api.MemberProvisioned;
import com.controlpanel.provisioning.domain.api.MemberReactivated;
import com.controlpanel.provisioning.domain.api.MemberRemoved;
import com.controlpanel.provisioning.domain.api.MemberRemovedFromTeam;
import com.controlpanel.provisioning.domain.api.MemberTakenOver;
import com.controlpanel.provisioning.domain.api.OrganizationAdminGranted;
import com.controlpanel.provisioning.domain.api.OrganizationAdminPasswordGiven;
import com.controlpanel.provisioning.domain.api.OrganizationAdminRevoked;
import com.controlpanel.provisioning.domain.api.OrganizationCreated;
import com.controlpanel.provisioning.domain.api.OrganizationEvent;
import com.controlpanel.provisioning.domain.api.OrganizationRenamed;
import com.controlpanel.provisioning.domain.api.PersonName;
import com.controlpanel.provisioning.domain.api.ProvisioningCredentialsIssued;
import com.controlpanel.provisioning.domain.api.ProvisioningDisabled;
import com.controlpanel.provisioning.domain.api.ProvisioningEnabled;
import com.controlpanel.provisioning.domain.api.Source;
import com.controlpanel.provisioning.domain.api.TeamDeleted;
import com.controlpanel.provisioning.domain.api.TeamEvent;
import com.controlpanel.provisioning.domain.api.TeamExternalIdChanged;
import com.controlpanel.provisioning.domain.api.TeamProvisioned;
import com.controlpanel.provisioning.domain.api.TeamRenamed;
import com.controlpanel.provisioning.domain.api.TeamTakenOver;
import com.controlpanel.provisioning.eventstore.EventJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Turns an event into the line an auditor reads: who (from the metadata), what (a stable action name), on which
 * member, team or organization (with its name at the time), a one-line summary and the details. Never the secret
 * token nor its hash. The one definition used live and by rebuilds.
 */
final class ActivityDescriber {

    /** An event with what the store knows of it. */
    record Input(
            long position,
            String eventId,
            Instant timestamp,
            OrganizationEvent event,
            Actor actor,
            String requestId,
            String client) {}

    private static final ObjectMapper JSON = EventJson.events();

    /*
     * What the columns of a row and of a subject's name hold (V4__activity): a value longer is cut, never refused, so
     * that no event stops the processor that every organization's timeline waits on.
     */
    static final int TEXT_MAX = 255;
    static final int NAME_MAX = 512;
    static final int SUMMARY_MAX = 2000;
    static final int DETAILS_MAX = 1_000_000;
    /** The most of one value shown in the details (before → after): the entity's history has it whole. */
    static final int VALUE_MAX = 2000;
    /** How much of two values alike up to past the cut is shown before where they part. */
    private static final int SHOWN_BEFORE_PARTING = 40;

    private ActivityDescriber() {}

    static ActivityRow describe(Input input, SubjectNames names) {
        OrganizationEvent event = input.event();
        String org = event.organizationId().value();
        ObjectNode details = JSON.createObjectNode();
        String action;
        String subjectType;
        String subjectId;
        String subjectName;
        String relatedId = null;
        String summary;

        if (event instanceof MemberEvent memberEvent) {
            subjectType = "MEMBER";
            subjectId = memberEvent.memberId().value();
            String before = names.name(subjectId).orElse(subjectId);
            if (event instanceof MemberProvisioned e) {
                subjectName = name(e.profile());
                boolean invited = e.source() == Source.MANUAL;
                action = invited ? "member.invited" : "member.provisioned";
                // sent with active false (Entra and OneLogin can create a User disabled): said, not only in the details
                summary = (invited ? "Invited member " : "Provisioned member ")
                        + subjectName
                        + (e.active() ? "" : ", deactivated");
                details.put("userName", e.profile().userName().value());
                details.put("email", e.profile().email());
                details.put("source", e.source().name());
                details.put("active", e.active());
                // field by field: the same JSON as valueToTree, without writing the map out and parsing it back
                ObjectNode profile = details.putObject("profile");
                flatten(e.profile()).forEach((field, value) -> profile.put(field, cut(value, VALUE_MAX)));
                names.put(subjectId, org, subjectName);
            } else if (event instanceof MemberProfileChanged e) {
                subjectName = name(e.profile());
                action = "member.updated";
                ArrayNode changes = details.putArray("changes");
                Map<String, String> from = flatten(e.previous());
                Map<String, String> to = flatten(e.profile());
                TreeSet<String> fields = new TreeSet<>(from.keySet());
                fields.addAll(to.keySet());
                for (String field : fields) {
                    // whole values compared, cut values shown: a change past the cut is still listed
                    if (!Objects.equals(from.get(field), to.get(field))) {
                        ObjectNode change = changes.addObject();
                        change.put("field", field);
                        String[] shown = shownApart(from.get(field), to.get(field));
                        change.put("from", shown[0]);
                        change.put("to", shown[1]);
                    }
                }
                summary = "Updated member " + subjectName + ": "
                        + String.join(
                                ", ",
                                summaryNames(changes.findValuesAsText("field"), extensions(e.previous(), e.profile())));
                names.put(subjectId, org, subjectName);
            } else if (event instanceof MemberTakenOver) {
                subjectName = before;
                action = "member.taken-over";
                summary = "Took over member " + subjectName
                        + ", invited in the Control Panel: managed in Okta from now on";
                details.put("source", Source.OKTA.name());
                change(details, "source", Source.MANUAL.name(), Source.OKTA.name());
            } else if (event instanceof MemberDeactivated) {
                subjectName = before;
                action = "member.deactivated";
                summary = "Deactivated member " + subjectName;
                details.put("active", false);
                // only an active member is deactivated (the aggregate records nothing otherwise)
                booleanChange(details, "active", true, false);
            } else if (event instanceof MemberReactivated) {
                subjectName = before;
                action = "member.reactivated";
                summary = "Reactivated member " + subjectName;
                details.put("active", true);
                booleanChange(details, "active", false, true);
            } else if (event instanceof MemberDeprovisioned) {
                subjectName = before;
                action = "member.deprovisioned";
                summary = "Deleted member " + subjectName + " (deprovisioned)";
            } else if (event instanceof MemberRemoved) {
                subjectName = before;
                action = "member.removed";
                summary = "Deleted member " + subjectName;
            } else {
                subjectName = before;
                action = "member." + event.getClass().getSimpleName();
                summary = event.getClass().getSimpleName() + " " + subjectName;
            }
        } else if (event instanceof TeamEvent teamEvent) {
            subjectType = "TEAM";
            subjectId = teamEvent.teamId().value();
            String before = names.name(subjectId).orElse(subjectId);
            if (event instanceof TeamProvisioned e) {
                subjectName = e.displayName().value();
                boolean pushed = e.source() == Source.OKTA;
                action = pushed ? "team.pushed" : "team.created";
                summary = (pushed ? "Pushed team " : "Created team ") + subjectName;
                details.put("displayName", subjectName);
                details.put("source", e.source().name());
                details.put("externalId", e.externalId());
                names.put(subjectId, org, subjectName);
            } else if (event instanceof TeamRenamed e) {
                subjectName = e.displayName().value();
                action = "team.renamed";
                summary = "Renamed team " + e.previous().value() + " to " + subjectName;
                change(details, "displayName", e.previous().value(), subjectName);
                names.put(subjectId, org, subjectName);
            } else if (event instanceof TeamTakenOver) {
                subjectName = before;
                action = "team.taken-over";
                summary =
                        "Took over team " + subjectName + ", created in the Control Panel: managed in Okta from now on";
                details.put("source", Source.OKTA.name());
                change(details, "source", Source.MANUAL.name(), Source.OKTA.name());
            } else if (event instanceof TeamExternalIdChanged e) {
                subjectName = before;
                action = "team.external-id-changed";
                summary = "Changed the external id of team " + subjectName;
                change(details, "externalId", e.previous(), e.externalId());
            } else if (event instanceof MemberAddedToTeam e) {
                subjectName = before;
                relatedId = e.memberId().value();
                String member = names.name(relatedId).orElse(relatedId);
                action = "team.member-added";
                summary = "Added " + member + " to team " + subjectName;
                details.put("memberId", relatedId);
                details.put("memberName", member);
            } else if (event instanceof MemberRemovedFromTeam e) {
                subjectName = before;
                relatedId = e.memberId().value();
                String member = names.name(relatedId).orElse(relatedId);
                action = "team.member-removed";
                summary = "Removed " + member + " from team " + subjectName;
                details.put("memberId", relatedId);
                details.put("memberName", member);
            } else if (event instanceof TeamDeleted) {
                subjectName = before;
                action = "team.deleted";
                summary = "Deleted team " + subjectName + " (its members stay)";
            } else {
                subjectName = before;
                action = "team." + event.getClass().getSimpleName();
                summary = event.getClass().getSimpleName() + " " + subjectName;
            }
        } else {
            subjectType = "ORGANIZATION";
            subjectId = org;
            String before = names.name(subjectId).orElse(org);
            subjectName = before;
            if (event instanceof OrganizationCreated e) {
                subjectName = e.name();
                action = "organization.created";
                summary = "Created organization " + subjectName;
                details.put("name", e.name());
                details.put("tenantId", e.tenantId().value());
                names.put(subjectId, org, subjectName);
            } else if (event instanceof OrganizationRenamed e) {
                subjectName = e.name();
                action = "organization.renamed";
                summary = "Renamed the organization " + e.previous() + " to " + subjectName;
                change(details, "name", e.previous(), subjectName);
                names.put(subjectId, org, subjectName);
            } else if (event instanceof ProvisioningEnabled e) {
                action = "provisioning.enabled";
                summary = "Switched user provisioning on";
                details.put("tenantId", e.tenantId().value());
            } else if (event instanceof ProvisioningDisabled e) {
                action = "provisioning.disabled";
                summary = "Switched user provisioning off: the secret token no longer works";
                if (e.credentialId() != null) {
                    details.put("revokedCredentialId", e.credentialId().value());
                }
            } else if (event instanceof ProvisioningCredentialsIssued e) {
                action = "provisioning.credentials-issued";
                details.put("credentialId", e.credentialId().value());
                if (e.previousCredentialId() != null) {
                    summary = "Issued a new SCIM secret token: the one it replaces stops working";
                    details.put("revokedCredentialId", e.previousCredentialId().value());
                } else {
                    // the first token, or the first since switching off (which revoked the last one), or an event
                    // recorded before the events named the token they revoke
                    summary = "Issued a new SCIM secret token (any earlier one stops working)";
                }
            } else if (event instanceof OrganizationAdminGranted e) {
                action = "organization.admin-granted";
                summary = "Made " + e.email() + " an admin of the organization";
                details.put("adminId", e.adminId().value());
                details.put("email", e.email());
            } else if (event instanceof OrganizationAdminPasswordGiven e) {
                action = "organization.admin-password-given";
                summary = "Gave " + e.email() + " a new password: their former one stopped working";
                details.put("adminId", e.adminId().value());
                details.put("email", e.email());
            } else if (event instanceof OrganizationAdminRevoked e) {
                action = "organization.admin-revoked";
                summary = "Removed " + e.email() + " as an admin of the organization";
                details.put("adminId", e.adminId().value());
                details.put("email", e.email());
            } else {
                action = "organization." + event.getClass().getSimpleName();
                summary = event.getClass().getSimpleName();
            }
        }
        Actor actor = input.actor();
        return new ActivityRow(
                input.position(),
                input.eventId(),
                org,
                input.timestamp().truncatedTo(ChronoUnit.MILLIS),
                actor.kind().name(),
                cut(actor.id(), TEXT_MAX),
                cut(actor.name(), TEXT_MAX),
                cut(input.requestId(), TEXT_MAX),
                cut(input.client(), TEXT_MAX),
                action,
                subjectType,
                subjectId,
                cut(subjectName, NAME_MAX),
                relatedId,
                cut(oneLine(summary), SUMMARY_MAX),
                write(details));
    }

    /**
     * The summary on one line: the line breaks (also U+2028 and U+2029) and tabs a member's name may hold (Okta sends
     * them; the name keeps them, its details too) read as one space each.
     */
    static String oneLine(String text) {
        int first = 0;
        while (first < text.length() && !breaksTheLine(text.charAt(first))) {
            first++;
        }
        if (first == text.length()) {
            return text;
        }
        StringBuilder line = new StringBuilder(text.length()).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                continue; // CR LF: one break, one space (at the LF)
            }
            line.append(breaksTheLine(c) ? ' ' : c);
        }
        return line.toString();
    }

    /** A line break (also Unicode's line and paragraph separators) or a tab. */
    private static boolean breaksTheLine(char c) {
        return c == '\n' || c == '\r' || c == '\t' || c == '\u2028' || c == '\u2029';
    }

    private static void booleanChange(ObjectNode details, String field, boolean from, boolean to) {
        ObjectNode change = details.putArray("changes").addObject();
        change.put("field", field);
        change.put("from", from);
        change.put("to", to);
    }

    private static void change(ObjectNode details, String field, String from, String to) {
        ObjectNode change = details.putArray("changes").addObject();
        change.put("field", field);
        change.put("from", from);
        change.put("to", to);
    }

    /** How a member is named in the timeline: "Label (userName)", or the userName alone. */
    static String name(MemberProfile profile) {
        String label = profile.label();
        String userName = profile.userName().value();
        // a team's and an organization's names are short by the domain's rules; a member's two names and email not
        return cut(label.equals(userName) ? userName : label + " (" + userName + ")", NAME_MAX);
    }

    /** A profile as field → whole value, for before/after comparisons (cut to be shown). */
    static Map<String, String> flatten(MemberProfile profile) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("userName", profile.userName().value());
        put(fields, "displayName", profile.displayName());
        put(fields, "externalId", profile.externalId());
        PersonName name = profile.name();
        put(fields, "name.formatted", name.formatted());
        put(fields, "name.givenName", name.givenName());
        put(fields, "name.familyName", name.familyName());
        put(fields, "name.middleName", name.middleName());
        put(fields, "name.honorificPrefix", name.honorificPrefix());
        put(fields, "name.honorificSuffix", name.honorificSuffix());
        if (!profile.emails().isEmpty()) {
            fields.put(
                    "emails",
                    profile.emails().stream().map(ActivityDescriber::email).collect(Collectors.joining("; ")));
        }
        for (Map.Entry<String, Object> attribute : profile.attributes().entrySet()) {
            if (attribute.getKey().startsWith("urn:") && attribute.getValue() instanceof Map<?, ?> extension) {
                for (Map.Entry<?, ?> entry : extension.entrySet()) {
                    fields.put(attribute.getKey() + ":" + entry.getKey(), text(entry.getValue()));
                }
            } else {
                fields.put(attribute.getKey(), text(attribute.getValue()));
            }
        }
        return fields;
    }

    /**
     * The changed fields as the one-line summary names them: an extension's attribute by its own name ({@code
     * department}, not {@code urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department}), unless another
     * changed field has that name too; the details keep every full name.
     */
    static List<String> summaryNames(List<String> fields, Set<String> extensions) {
        Map<String, Long> named = fields.stream()
                .collect(Collectors.groupingBy(field -> ownName(field, extensions), Collectors.counting()));
        return fields.stream()
                .map(field -> named.get(ownName(field, extensions)) == 1 ? ownName(field, extensions) : field)
                .toList();
    }

    /** The schema URNs of the extensions either profile holds attributes of (as {@link #flatten} names them). */
    private static Set<String> extensions(MemberProfile before, MemberProfile after) {
        Set<String> extensions = new java.util.HashSet<>();
        for (MemberProfile profile : List.of(before, after)) {
            profile.attributes().forEach((name, value) -> {
                if (name.startsWith("urn:") && value instanceof Map<?, ?>) {
                    extensions.add(name);
                }
            });
        }
        return extensions;
    }

    private static String ownName(String field, Set<String> extensions) {
        int colon = field.lastIndexOf(':');
        return colon > 0 && colon < field.length() - 1 && extensions.contains(field.substring(0, colon))
                ? field.substring(colon + 1)
                : field;
    }

    /** An email as the details show it: its address, type, primary mark and display name. */
    private static String email(EmailAddress email) {
        return tagged(email.value(), email.type(), email.primary(), email.display());
    }

    /** A value with its type, primary mark and display name, as emails and other complex values are shown. */
    private static String tagged(String value, String type, boolean primary, String display) {
        List<String> tags = new ArrayList<>(3);
        if (type != null && !type.isEmpty()) {
            tags.add(type);
        }
        if (primary) {
            tags.add("primary");
        }
        if (display != null) {
            tags.add("shown as \"" + display + "\"");
        }
        return tags.isEmpty() ? value : value + " (" + String.join(", ", tags) + ")";
    }

    /** The parts of an address, in the order it is written. */
    private static final List<String> ADDRESS_PARTS =
            List.of("streetAddress", "locality", "region", "postalCode", "country");

    /** The keys the written-out form shows: a value with any other key is shown as JSON, so no change is hidden. */
    private static final Set<String> SHOWN_KEYS = Set.of(
            "value",
            "formatted",
            "streetAddress",
            "locality",
            "region",
            "postalCode",
            "country",
            "type",
            "primary",
            "display",
            "displayName");

    /**
     * A complex value, or a list of them, written out as emails are: each by its value (an address by its formatted
     * form, then its parts) with its type, primary mark and display name ({@code +1 555 0100 (work, primary)}), the
     * values of a list apart by "; ". Null (shown as JSON) for anything else, and for a value holding a key that form
     * does not show or a value that is not text: the details compare what they show, and a change of such a key
     * would not show.
     */
    private static String readable(Object value) {
        if (value instanceof Map<?, ?> map) {
            return readableItem(map);
        }
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            return null;
        }
        List<String> items = new ArrayList<>(list.size());
        for (Object item : list) {
            String shown = item instanceof Map<?, ?> map ? readableItem(map) : null;
            if (shown == null) {
                return null;
            }
            items.add(shown);
        }
        return String.join("; ", items);
    }

    private static String readableItem(Map<?, ?> item) {
        for (Map.Entry<?, ?> entry : item.entrySet()) {
            Object shown = entry.getValue();
            boolean scalar = shown == null || shown instanceof String || shown instanceof Boolean;
            if (!SHOWN_KEYS.contains(String.valueOf(entry.getKey())) || !scalar) {
                return null;
            }
        }
        if (item.get("primary") != null && !Boolean.TRUE.equals(item.get("primary"))) {
            return null; // "primary": false would read as no mark at all
        }
        List<String> parts = new ArrayList<>();
        for (String part : ADDRESS_PARTS) {
            String text = plain(item.get(part));
            if (text != null) {
                parts.add(text);
            }
        }
        String value = plain(item.get("value"));
        String formatted = plain(item.get("formatted"));
        String main;
        if (value != null) {
            if (formatted != null || !parts.isEmpty()) {
                return null;
            }
            main = value;
        } else if (formatted != null) {
            main = parts.isEmpty() ? formatted : "\"" + formatted + "\": " + String.join(", ", parts);
        } else if (!parts.isEmpty()) {
            main = String.join(", ", parts);
        } else {
            return null;
        }
        String display = plain(item.get("display"));
        String displayName = plain(item.get("displayName"));
        if (display != null && displayName != null) {
            return null;
        }
        return tagged(
                main,
                plain(item.get("type")),
                Boolean.TRUE.equals(item.get("primary")),
                display != null ? display : displayName);
    }

    /** A scalar as text; null for none, or for a nested object or list. */
    private static String plain(Object value) {
        if (value == null || value instanceof Map<?, ?> || value instanceof List<?>) {
            return null;
        }
        String text = value.toString();
        return text.isBlank() ? null : text;
    }

    private static void put(Map<String, String> fields, String field, String value) {
        if (value != null) {
            fields.put(field, value);
        }
    }

    private static String text(Object value) {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        String readable = readable(value);
        if (readable != null) {
            return readable;
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }

    /**
     * The details as JSON, within {@link #DETAILS_MAX}: each value is already cut to {@link #VALUE_MAX}; a profile with
     * so many attributes that they do not fit keeps only the names of the changed fields (the entity's history has
     * the whole event).
     */
    private static String write(ObjectNode details) {
        try {
            String written = JSON.writeValueAsString(details);
            if (written.length() <= DETAILS_MAX) {
                return written;
            }
            ObjectNode shortened = JSON.createObjectNode();
            shortened.put("truncated", "Too long to show here: the entity's history has the whole event");
            ArrayNode fields = shortened.putArray("fields");
            JsonNode changes = details.path("changes");
            List<String> named = new ArrayList<>(changes.findValuesAsText("field"));
            details.path("profile").fieldNames().forEachRemaining(named::add);
            named.forEach(field -> fields.add(cut(field, VALUE_MAX)));
            written = JSON.writeValueAsString(shortened);
            return written.length() <= DETAILS_MAX ? written : JSON.writeValueAsString(shortened.without("fields"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A changed value before and after, as shown: each cut at {@link #VALUE_MAX}; when they part only past the cut
     * (the cut values alike), both from a little before where they part, after a "…", so that the change shows.
     */
    static String[] shownApart(String from, String to) {
        String before = cut(from, VALUE_MAX);
        String after = cut(to, VALUE_MAX);
        if (from == null || to == null || !before.equals(after)) {
            return new String[] {before, after};
        }
        int parting = 0;
        while (parting < from.length() && parting < to.length() && from.charAt(parting) == to.charAt(parting)) {
            parting++;
        }
        int start = Math.max(0, parting - SHOWN_BEFORE_PARTING);
        if (Character.isLowSurrogate(from.charAt(start))) {
            start--;
        }
        return new String[] {
            "…" + cut(from.substring(start), VALUE_MAX - 1), "…" + cut(to.substring(start), VALUE_MAX - 1)
        };
    }

    /** The text, or as much of it as fits in {@code max} characters with "…" at the end (a pair kept whole). */
    static String cut(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }
}
