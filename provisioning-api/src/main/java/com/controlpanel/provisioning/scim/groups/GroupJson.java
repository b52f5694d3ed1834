package com.controlpanel.provisioning.scim.groups;

import com.controlpanel.provisioning.directory.TeamMember;
import com.controlpanel.provisioning.directory.TeamRow;
import com.controlpanel.provisioning.domain.api.InvalidValueException;
import com.controlpanel.provisioning.domain.api.MemberId;
import com.controlpanel.provisioning.domain.api.Moments;
import com.controlpanel.provisioning.domain.api.TeamName;
import com.controlpanel.provisioning.scim.ETags;
import com.controlpanel.provisioning.scim.ScimJson;
import com.controlpanel.provisioning.scim.ScimLinks;
import com.controlpanel.provisioning.scim.ScimSchemas;
import com.controlpanel.provisioning.scim.ScimValues;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import java.util.ArrayList;
import java.util.List;

/** A team as a SCIM Group and back: displayName, externalId and members (Users of the same organization). */
final class GroupJson {

    /** A Group read from a request; {@code members} null when the request has none. */
    record Input(String id, TeamName displayName, String externalId, List<MemberId> members) {}

    private GroupJson() {}

    /** The Group; {@code members} null leaves them out (not asked for). */
    static ObjectNode write(TeamRow row, List<TeamMember> members, ScimLinks links) {
        ObjectNode group = ScimJson.object();
        group.putArray("schemas").add(ScimSchemas.GROUP);
        String id = row.teamId().value();
        group.put("id", id);
        if (row.externalId() != null) {
            group.put("externalId", row.externalId());
        }
        group.put("displayName", row.displayName().value());
        if (members != null) {
            ArrayNode array = group.putArray("members");
            for (TeamMember member : members) {
                ObjectNode node = array.addObject();
                node.put("value", member.memberId().value());
                node.put("$ref", links.user(member.memberId().value()));
                node.put("display", member.display());
                node.put("type", "User");
            }
        }
        ObjectNode meta = group.putObject("meta");
        meta.put("resourceType", "Group");
        meta.put("created", Moments.text(row.createdAt()));
        meta.put("lastModified", Moments.text(row.lastModifiedAt()));
        meta.put("location", links.group(id));
        meta.put("version", ETags.of(row));
        return group;
    }

    static Input read(JsonNode sent) throws BadRequestException {
        JsonNode body = ScimJson.unqualified(sent, ScimSchemas.GROUP);
        JsonNode schemas = body.get("schemas");
        if (schemas != null && !schemas.isNull()) {
            boolean group = false;
            for (JsonNode schema : schemas) {
                group |= schema.asText().equalsIgnoreCase(ScimSchemas.GROUP);
            }
            if (!group) {
                throw BadRequestException.invalidValue("schemas must include " + ScimSchemas.GROUP);
            }
        }
        String displayName = ScimValues.text(body.get("displayName"), "displayName");
        if (displayName == null || displayName.isBlank()) {
            throw BadRequestException.invalidValue("displayName is required");
        }
        JsonNode members = body.get("members");
        try {
            return new Input(
                    ScimValues.text(body.get("id"), "id"),
                    new TeamName(displayName),
                    ScimValues.text(body.get("externalId"), "externalId"),
                    members == null || members.isNull() ? null : members(members));
        } catch (InvalidValueException e) {
            throw BadRequestException.invalidValue(e.getMessage());
        }
    }

    /** Members as sent: [{"value": id, "type": "User", "display": ...}] (or bare ids); nested Groups are refused. */
    static List<MemberId> members(JsonNode node) throws BadRequestException {
        List<MemberId> ids = new ArrayList<>();
        for (JsonNode member : node.isArray() ? node : List.of(node)) {
            if (member == null || member.isNull()) {
                continue;
            }
            String value;
            if (member.isTextual()) {
                value = member.textValue();
            } else if (member.isObject()) {
                JsonNode type = member.get("type");
                if (type != null && !type.isNull() && !type.asText().equalsIgnoreCase("User")) {
                    throw BadRequestException.invalidValue(
                            "Only Users can be members of a Group here (nested Groups are not supported), not type '"
                                    + type.asText() + "'");
                }
                value = ScimValues.text(member.get("value"), "members.value");
            } else {
                throw BadRequestException.invalidValue("Each member must be an object with a value");
            }
            if (value == null || value.isBlank()) {
                throw BadRequestException.invalidValue("Each member needs a value: the id of a User");
            }
            try {
                ids.add(new MemberId(value.strip()));
            } catch (InvalidValueException e) {
                throw BadRequestException.invalidValue("'" + value + "' is not the id of a User of this organization");
            }
        }
        return ids;
    }
}
