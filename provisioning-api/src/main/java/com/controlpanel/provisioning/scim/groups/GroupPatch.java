package com.controlpanel.provisioning.scim.groups;

import com.controlpanel.provisioning.directory.TeamMember;
import com.controlpanel.provisioning.domain.api.InvalidValueException;
import com.controlpanel.provisioning.domain.api.MemberId;
import com.controlpanel.provisioning.domain.api.TeamChange;
import com.controlpanel.provisioning.domain.api.TeamName;
import com.controlpanel.provisioning.scim.PatchRequestBody.Op;
import com.controlpanel.provisioning.scim.PatchRequestBody.Operation;
import com.controlpanel.provisioning.scim.ScimJson;
import com.controlpanel.provisioning.scim.ScimSchemas;
import com.controlpanel.provisioning.scim.ScimValues;
import com.controlpanel.provisioning.scim.ValueFilters;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.filters.EqualFilter;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.filters.OrFilter;
import com.unboundid.scim2.common.utils.FilterEvaluator;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The operations of a Group PATCH as the team changes they amount to, in order; the team applies them all or none.
 * Okta's forms ({@code add members}, {@code remove members[value eq "…"]}, {@code replace members}, a path-less
 * {@code replace} of {@code id} and {@code displayName}) and Entra ID's ({@code Remove members} with a value list) are
 * all understood. Removing a member that is not in the team, or adding one that is, changes nothing (retries are
 * harmless).
 */
final class GroupPatch {

    private GroupPatch() {}

    /**
     * What a member filter that needs more than ids reads: the team's members now, and a member of the organization
     * that an earlier operation of the request adds (empty if the organization has none with that id).
     */
    record Roster(Supplier<List<TeamMember>> members, Function<MemberId, Optional<TeamMember>> member) {

        /** The same roster, the team's members read once however many operations filter them. */
        Roster once() {
            List<List<TeamMember>> read = new ArrayList<>(1);
            return new Roster(
                    () -> {
                        if (read.isEmpty()) {
                            read.add(members.get());
                        }
                        return read.get(0);
                    },
                    member);
        }
    }

    /** The team changes in order, and for each the operation it came from (to name it when the team refuses it). */
    record Planned(List<TeamChange> changes, List<Operation> origins) {

        /** The operation the change at this position came from. */
        Operation origin(int change) {
            return origins.get(change);
        }
    }

    /** The team changes; the {@code roster} is read only when a member filter needs more than ids. */
    static Planned changes(List<Operation> operations, String teamId, Roster roster) throws ScimException {
        List<TeamChange> changes = new ArrayList<>();
        List<Operation> origins = new ArrayList<>();
        Roster members = roster.once();
        for (Operation operation : operations) {
            try {
                change(operation, teamId, members, changes);
            } catch (BadRequestException e) {
                throw named(operation, e);
            }
            while (origins.size() < changes.size()) {
                origins.add(operation);
            }
        }
        return new Planned(changes, origins);
    }

    private static void change(Operation operation, String teamId, Roster members, List<TeamChange> changes)
            throws ScimException {
        if (operation.path() == null) {
            pathless(operation, teamId, changes);
        } else if (ScimSchemas.GROUP.equalsIgnoreCase(ScimSchemas.namedSchema(operation.path(), "Group"))) {
            // the path names the Group's own schema: its value is the attributes, as without a path
            if (operation.op() == Op.REMOVE) {
                throw BadRequestException.invalidPath(
                        operation.describe() + ": the path names the Group itself; name the attributes to remove");
            }
            if (!operation.value().isObject()) {
                throw BadRequestException.invalidValue(operation.describe()
                        + ": the path names a whole schema, so the value must be an object of its attributes");
            }
            pathless(operation.withoutPath(operation.value()), teamId, changes);
        } else {
            withPath(operation, members, changes);
        }
    }

    /** A refusal of an operation's value, named by the operation it came from ("Operation 2 (add members): ..."). */
    private static BadRequestException named(Operation operation, BadRequestException refused) {
        String detail = refused.getMessage();
        if (detail != null && detail.startsWith("Operation " + operation.index() + " (")) {
            return refused;
        }
        return new BadRequestException(
                operation.describe() + ": " + detail, refused.getScimError().getScimType());
    }

    private static void pathless(Operation operation, String teamId, List<TeamChange> changes) throws ScimException {
        Iterator<Map.Entry<String, JsonNode>> fields;
        try {
            fields = ScimJson.unqualified(operation.value(), ScimSchemas.GROUP).fields();
        } catch (BadRequestException e) {
            throw new BadRequestException(
                    operation.describe() + ": " + e.getMessage(),
                    e.getScimError().getScimType());
        }
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            switch (field.getKey().toLowerCase(java.util.Locale.ROOT)) {
                case "id" -> {
                    if (!value.asText().equals(teamId)) {
                        throw BadRequestException.mutability(operation.describe() + ": id is read-only");
                    }
                }
                case "displayname" -> changes.add(rename(operation, value));
                case "externalid" -> changes.add(new TeamChange.ChangeExternalId(ScimValues.text(value, "externalId")));
                case "members" ->
                    changes.add(
                            operation.op() == Op.ADD
                                    ? new TeamChange.AddMembers(GroupJson.members(value))
                                    : new TeamChange.ReplaceMembers(GroupJson.members(value)));
                default -> {
                    // schemas, meta and what a Group does not have are left as they are
                }
            }
        }
    }

    private static void withPath(Operation operation, Roster members, List<TeamChange> changes) throws ScimException {
        Path path = operation.path();
        if (path.getSchemaUrn() != null && !path.getSchemaUrn().equalsIgnoreCase(ScimSchemas.GROUP)) {
            throw BadRequestException.invalidPath(operation.describe() + ": a Group has no extension attributes");
        }
        if (path.size() == 0) {
            throw BadRequestException.invalidPath(operation.describe() + ": the path names no attribute");
        }
        Path.Element first = path.getElement(0);
        String attribute = first.getAttribute();
        if (attribute.equalsIgnoreCase("members")) {
            members(operation, members, changes);
            return;
        }
        if (attribute.equalsIgnoreCase("id") || attribute.equalsIgnoreCase("meta")) {
            // meta.lastModified too: read-only, whichever part of it is named
            throw BadRequestException.mutability(operation.describe() + ": " + attribute + " is read-only");
        }
        if (path.size() > 1 || first.getValueFilter() != null) {
            throw BadRequestException.invalidPath(operation.describe() + ": '" + attribute + "' has no sub-attributes");
        }
        if (attribute.equalsIgnoreCase("displayName")) {
            if (operation.op() == Op.REMOVE) {
                throw BadRequestException.mutability(operation.describe() + ": displayName is required");
            }
            changes.add(rename(operation, operation.value()));
        } else if (attribute.equalsIgnoreCase("externalId")) {
            changes.add(new TeamChange.ChangeExternalId(
                    operation.op() == Op.REMOVE ? null : ScimValues.text(operation.value(), "externalId")));
        } else {
            throw BadRequestException.invalidPath(
                    operation.describe() + ": '" + attribute + "' is not an attribute of a Group");
        }
    }

    private static void members(Operation operation, Roster roster, List<TeamChange> changes) throws ScimException {
        Path path = operation.path();
        Filter filter = path.getElement(0).getValueFilter();
        if (path.size() > 1) {
            throw BadRequestException.mutability(
                    operation.describe() + ": the sub-attributes of a member can not be changed");
        }
        if (filter == null) {
            switch (operation.op()) {
                case ADD -> changes.add(new TeamChange.AddMembers(GroupJson.members(operation.value())));
                case REPLACE -> changes.add(new TeamChange.ReplaceMembers(GroupJson.members(operation.value())));
                case REMOVE ->
                    changes.add(
                            operation.value() == null
                                    ? new TeamChange.ReplaceMembers(List.of())
                                    : new TeamChange.RemoveMembers(GroupJson.members(removed(operation.value()))));
            }
            return;
        }
        if (operation.op() != Op.REMOVE) {
            throw BadRequestException.invalidPath(operation.describe()
                    + ": a member is added with path 'members', and its sub-attributes can not be changed");
        }
        requireMemberAttributes(operation, filter);
        changes.add(new TeamChange.RemoveMembers(matching(operation, filter, roster, changes)));
    }

    private static final Set<String> MEMBER_ATTRIBUTES = Set.of("value", "display", "type", "$ref");

    /** A member filter may name only a member's sub-attributes: one that names another matches nobody, silently. */
    private static void requireMemberAttributes(Operation operation, Filter filter) throws BadRequestException {
        for (Filter comparison : ValueFilters.comparisons(filter)) {
            Path attribute = comparison.getAttributePath();
            if (attribute != null
                    && (attribute.size() != 1
                            || !MEMBER_ATTRIBUTES.contains(
                                    attribute.getElement(0).getAttribute().toLowerCase(Locale.ROOT)))) {
                throw BadRequestException.invalidPath(operation.describe() + ": a member has no sub-attribute '"
                        + attribute + "' (it has value, display, type and $ref)");
            }
        }
    }

    /** Entra ID sends the members to remove as a list, or as {"members": [...]}. */
    private static JsonNode removed(JsonNode value) {
        return value.isObject() && value.has("members") ? value.get("members") : value;
    }

    /**
     * The members a filter selects: by id alone without reading the team, else among its members as the operations
     * before this one leave them (RFC 7644 §3.5.2: each operation applies to the result of those before it).
     */
    private static List<MemberId> matching(Operation operation, Filter filter, Roster roster, List<TeamChange> before)
            throws ScimException {
        List<String> ids = new ArrayList<>();
        if (valueEqualities(filter, ids)) {
            List<MemberId> members = new ArrayList<>();
            for (String id : ids) {
                try {
                    members.add(new MemberId(id));
                } catch (InvalidValueException e) {
                    // no member has such an id: nothing to remove
                }
            }
            return members;
        }
        List<MemberId> members = new ArrayList<>();
        for (TeamMember member : membersAfter(before, roster)) {
            ObjectNode node = ScimJson.caseInsensitiveObject();
            node.put("value", member.memberId().value());
            node.put("display", member.display());
            node.put("type", "User");
            try {
                if (FilterEvaluator.evaluate(filter, node)) {
                    members.add(member.memberId());
                }
            } catch (ScimException e) {
                throw BadRequestException.invalidFilter(operation.describe() + ": " + e.getMessage());
            }
        }
        return members;
    }

    /** The team's members once these changes are made, in the order they joined. */
    private static Collection<TeamMember> membersAfter(List<TeamChange> changes, Roster roster) {
        Map<MemberId, TeamMember> members = new LinkedHashMap<>();
        for (TeamMember member : roster.members().get()) {
            members.put(member.memberId(), member);
        }
        for (TeamChange change : changes) {
            if (change instanceof TeamChange.AddMembers add) {
                for (MemberId id : add.memberIds()) {
                    if (!members.containsKey(id)) {
                        members.put(id, joining(id, roster));
                    }
                }
            } else if (change instanceof TeamChange.RemoveMembers remove) {
                remove.memberIds().forEach(members::remove);
            } else if (change instanceof TeamChange.ReplaceMembers replace) {
                Map<MemberId, TeamMember> replaced = new LinkedHashMap<>();
                for (MemberId id : replace.memberIds()) {
                    TeamMember kept = members.get(id);
                    replaced.put(id, kept != null ? kept : joining(id, roster));
                }
                members = replaced;
            }
        }
        return members.values();
    }

    /** A member an operation adds; one the organization does not have has no name (the team refuses it: 400). */
    private static TeamMember joining(MemberId id, Roster roster) {
        return roster.member().apply(id).orElseGet(() -> new TeamMember(id, null));
    }

    /** Whether the filter is {@code value eq "…"} or an or of such; collects the values. */
    private static boolean valueEqualities(Filter filter, List<String> values) {
        if (filter instanceof OrFilter or) {
            for (Filter each : or.getCombinedFilters()) {
                if (!valueEqualities(each, values)) {
                    return false;
                }
            }
            return true;
        }
        if (filter instanceof EqualFilter equal
                && equal.getAttributePath().size() == 1
                && equal.getAttributePath().getElement(0).getAttribute().equalsIgnoreCase("value")
                && equal.getComparisonValue() != null
                && equal.getComparisonValue().isTextual()) {
            values.add(equal.getComparisonValue().textValue());
            return true;
        }
        return false;
    }

    private static TeamChange rename(Operation operation, JsonNode value) throws BadRequestException {
        String name = ScimValues.text(value, "displayName");
        if (name == null || name.isBlank()) {
            throw BadRequestException.invalidValue(operation.describe() + ": displayName must not be empty");
        }
        try {
            return new TeamChange.Rename(new TeamName(name));
        } catch (InvalidValueException e) {
            throw BadRequestException.invalidValue(operation.describe() + ": " + e.getMessage());
        }
    }
}
