package com.controlpanel.provisioning.scim.users;

import com.controlpanel.provisioning.directory.MemberRow;
import com.controlpanel.provisioning.directory.TeamRef;
import com.controlpanel.provisioning.domain.api.EmailAddress;
import com.controlpanel.provisioning.domain.api.InvalidValueException;
import com.controlpanel.provisioning.domain.api.MemberProfile;
import com.controlpanel.provisioning.domain.api.Moments;
import com.controlpanel.provisioning.domain.api.PersonName;
import com.controlpanel.provisioning.domain.api.UserName;
import com.controlpanel.provisioning.scim.ETags;
import com.controlpanel.provisioning.scim.ScimAttribute;
import com.controlpanel.provisioning.scim.ScimJson;
import com.controlpanel.provisioning.scim.ScimLinks;
import com.controlpanel.provisioning.scim.ScimSchemas;
import com.controlpanel.provisioning.scim.ScimValues;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A member as a SCIM User (core schema and Enterprise User extension) and back. What the Control Panel works with
 * (userName, name, displayName, emails, externalId, active) has fields of its own; every other attribute is kept in
 * the profile exactly as read (canonical names, booleans as booleans) and returned as it was kept. {@code password}
 * is never kept; {@code id}, {@code meta} and {@code groups} are read-only and ignored on input.
 */
final class UserJson {

    /** A User read from a request: the profile, {@code active} if given, and {@code id} if given. */
    record Input(MemberProfile profile, Boolean active, String id) {}

    private static final Set<String> OWN_FIELDS =
            Set.of("userName", "name", "displayName", "active", "emails", "groups", "password");

    private UserJson() {}

    /**
     * The User; {@code teams} are all of its teams (its version depends on them), shown as {@code groups} unless
     * {@code withGroups} is false (not asked for).
     */
    static ObjectNode write(MemberRow row, List<TeamRef> teams, boolean withGroups, ScimLinks links) {
        MemberProfile profile = row.profile();
        Map<String, Object> attributes = profile.attributes();
        ObjectNode user = ScimJson.object();
        ArrayNode schemas = user.putArray("schemas").add(ScimSchemas.USER);
        for (String key : attributes.keySet()) {
            if (key.regionMatches(true, 0, "urn:", 0, 4)) {
                schemas.add(key);
            }
        }
        String id = row.memberId().value();
        user.put("id", id);
        if (profile.externalId() != null) {
            user.put("externalId", profile.externalId());
        }
        for (ScimAttribute attribute : ScimSchemas.USER_SCHEMA.attributes()) {
            switch (attribute.name()) {
                case "userName" -> user.put("userName", profile.userName().value());
                case "name" -> writeName(user, profile.name());
                case "displayName" -> {
                    if (profile.displayName() != null) {
                        user.put("displayName", profile.displayName());
                    }
                }
                case "active" -> user.put("active", row.active());
                case "password" -> {
                    // never returned
                }
                case "emails" -> writeEmails(user, profile.emails());
                case "groups" -> {
                    if (withGroups) {
                        writeGroups(user, teams, links);
                    }
                }
                default -> {
                    Object value = attributes.get(attribute.name());
                    if (value != null) {
                        user.set(attribute.name(), ScimJson.tree(value));
                    }
                }
            }
        }
        for (Map.Entry<String, Object> attribute : attributes.entrySet()) {
            if (!user.has(attribute.getKey()) && attribute.getValue() != null) {
                user.set(attribute.getKey(), ScimJson.tree(attribute.getValue()));
            }
        }
        ObjectNode meta = user.putObject("meta");
        meta.put("resourceType", "User");
        meta.put("created", Moments.text(row.createdAt()));
        meta.put("lastModified", Moments.text(row.lastModifiedAt()));
        meta.put("location", links.user(id));
        meta.put("version", ETags.of(row, teams));
        return user;
    }

    private static void writeName(ObjectNode user, PersonName name) {
        if (name.blank()) {
            return;
        }
        ObjectNode node = user.putObject("name");
        putIfPresent(node, "formatted", name.formatted());
        putIfPresent(node, "familyName", name.familyName());
        putIfPresent(node, "givenName", name.givenName());
        putIfPresent(node, "middleName", name.middleName());
        putIfPresent(node, "honorificPrefix", name.honorificPrefix());
        putIfPresent(node, "honorificSuffix", name.honorificSuffix());
    }

    private static void writeEmails(ObjectNode user, List<EmailAddress> emails) {
        if (emails.isEmpty()) {
            return;
        }
        ArrayNode array = user.putArray("emails");
        for (EmailAddress email : emails) {
            ObjectNode node = array.addObject();
            node.put("value", email.value());
            putIfPresent(node, "type", email.type());
            if (email.primary()) {
                node.put("primary", true);
            }
            putIfPresent(node, "display", email.display());
        }
    }

    private static void writeGroups(ObjectNode user, List<TeamRef> teams, ScimLinks links) {
        ArrayNode array = user.putArray("groups");
        for (TeamRef team : teams) {
            ObjectNode node = array.addObject();
            node.put("value", team.teamId().value());
            node.put("$ref", links.group(team.teamId().value()));
            node.put("display", team.name());
            node.put("type", "direct");
        }
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    /**
     * Reads a whole User a client sent (POST, PUT): as {@link #read}, and at most one value of each multi-valued
     * attribute may be primary (RFC 7643 §2.4). A PATCH's result is read without that check: a PATCH makes the other
     * values not primary itself, and leaves those it does not touch as they are.
     */
    static Input readSent(JsonNode body) throws BadRequestException {
        Iterator<Map.Entry<String, JsonNode>> fields = body.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getValue().isArray()) {
                continue;
            }
            int primary = 0;
            for (JsonNode value : field.getValue()) {
                JsonNode flag = value.isObject() ? value.get("primary") : null;
                if (flag != null && !flag.isNull() && ScimValues.bool(flag, field.getKey() + ".primary")) {
                    primary++;
                }
            }
            if (primary > 1) {
                throw BadRequestException.invalidValue(
                        "At most one value of '" + field.getKey() + "' may be primary, not " + primary);
            }
        }
        return read(body);
    }

    /** Reads a User from a request body (POST, PUT, or the result of a PATCH). */
    static Input read(JsonNode body) throws BadRequestException {
        String userName = null;
        PersonName name = PersonName.EMPTY;
        String displayName = null;
        String externalId = null;
        List<EmailAddress> emails = List.of();
        Boolean active = null;
        String id = null;
        Map<String, Object> attributes = new LinkedHashMap<>();
        Map<String, Object> enterprise = new LinkedHashMap<>();
        ObjectNode unqualified = ScimJson.unqualified(body, ScimSchemas.USER);
        List<String> declared = declaredSchemas(unqualified);
        Iterator<Map.Entry<String, JsonNode>> fields = unqualified.fields();
        try {
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String key = field.getKey();
                JsonNode value = field.getValue();
                switch (key.toLowerCase(Locale.ROOT)) {
                    case "schemas" -> requireUserSchema(value);
                    case "id" -> id = ScimValues.text(value, "id");
                    case "meta", "groups", "password" -> {
                        // read-only, or never kept
                    }
                    case "username" -> userName = ScimValues.text(value, "userName");
                    case "externalid" -> externalId = ScimValues.text(value, "externalId");
                    case "displayname" -> displayName = ScimValues.text(value, "displayName");
                    case "active" -> active = value == null || value.isNull() ? null : ScimValues.bool(value, "active");
                    case "name" -> name = readName(value);
                    case "emails" -> emails = readEmails(value);
                    default -> readOther(key, value, attributes, enterprise, declared);
                }
            }
        } catch (InvalidValueException e) {
            throw BadRequestException.invalidValue(e.getMessage());
        }
        if (!enterprise.isEmpty()) {
            attributes.put(ScimSchemas.ENTERPRISE_USER, enterprise);
        }
        if (userName == null || userName.isBlank()) {
            throw BadRequestException.invalidValue("userName is required");
        }
        try {
            return new Input(
                    new MemberProfile(new UserName(userName), name, displayName, emails, externalId, attributes),
                    active,
                    id);
        } catch (InvalidValueException e) {
            throw BadRequestException.invalidValue(e.getMessage());
        }
    }

    /** The schemas a body names (any case), to tell a custom extension's attribute named in full by. */
    private static List<String> declaredSchemas(ObjectNode body) {
        List<String> declared = new ArrayList<>();
        body.fields().forEachRemaining(field -> {
            if (field.getKey().equalsIgnoreCase("schemas") && field.getValue().isArray()) {
                field.getValue().forEach(schema -> {
                    if (schema.isTextual()) {
                        declared.add(schema.textValue());
                    }
                });
            }
        });
        return declared;
    }

    private static void readOther(
            String key,
            JsonNode value,
            Map<String, Object> attributes,
            Map<String, Object> enterprise,
            List<String> declared)
            throws BadRequestException {
        var core = ScimSchemas.USER_SCHEMA.attribute(key);
        if (core.isPresent() && !OWN_FIELDS.contains(core.get().name())) {
            put(
                    attributes,
                    core.get().name(),
                    ScimValues.read(core.get(), value, core.get().name()));
            return;
        }
        String extension = ScimSchemas.ENTERPRISE_USER;
        if (key.equalsIgnoreCase(extension)) {
            if (value == null || value.isNull()) {
                return;
            }
            if (!value.isObject()) {
                throw BadRequestException.invalidValue("'" + extension + "' must be an object");
            }
            Map<String, Object> sent =
                    ScimValues.object(ScimSchemas.ENTERPRISE_USER_SCHEMA.attributes(), value, extension);
            for (String name : sent.keySet()) {
                requireOnce(enterprise, name);
            }
            enterprise.putAll(sent);
            return;
        }
        if (key.length() > extension.length() + 1
                && key.regionMatches(true, 0, extension, 0, extension.length())
                && key.charAt(extension.length()) == ':') {
            // An extension attribute named in full at the top ("urn:...:User:department").
            String attributeName = key.substring(extension.length() + 1);
            var definition = ScimSchemas.ENTERPRISE_USER_SCHEMA.attribute(attributeName);
            if (definition.isPresent()) {
                requireOnce(enterprise, definition.get().name());
                put(enterprise, definition.get().name(), ScimValues.read(definition.get(), value, key));
            }
            return;
        }
        var inFull = ScimSchemas.customExtensionAttribute(key, declared);
        if (inFull.isPresent()) {
            // A custom extension's attribute named in full ("urn:...:acme:2.0:User:badge"): in its extension's object.
            if (value != null && !value.isNull()) {
                CustomExtensions.put(attributes, inFull.get(), ScimJson.value(value, key));
            }
            return;
        }
        if (key.regionMatches(true, 0, "urn:", 0, 4) && !ScimSchemas.reserved(key)) {
            // An extension this server does not define (a custom one): kept as sent.
            if (value != null && !value.isNull()) {
                CustomExtensions.putWhole(attributes, key, ScimJson.value(value, key));
            }
        }
        // Anything else is no attribute of a User: ignored.
    }

    /** An Enterprise User attribute given both in the extension's object and named in full: which would count? */
    private static void requireOnce(Map<String, Object> enterprise, String name) throws BadRequestException {
        if (enterprise.containsKey(name)) {
            throw BadRequestException.invalidSyntax("The Enterprise User attribute '" + name
                    + "' is given twice (in the extension's object and named in full): give each attribute once");
        }
    }

    private static void put(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static void requireUserSchema(JsonNode schemas) throws BadRequestException {
        if (schemas == null || schemas.isNull()) {
            return;
        }
        if (!schemas.isArray()) {
            throw BadRequestException.invalidValue("schemas must be a list of schema URNs");
        }
        for (JsonNode schema : schemas) {
            if (schema.asText().equalsIgnoreCase(ScimSchemas.USER)) {
                return;
            }
        }
        throw BadRequestException.invalidValue("schemas must include " + ScimSchemas.USER);
    }

    private static PersonName readName(JsonNode node) throws BadRequestException {
        if (node == null || node.isNull()) {
            return PersonName.EMPTY;
        }
        if (!node.isObject()) {
            throw BadRequestException.invalidValue("'name' must be an object");
        }
        return new PersonName(
                ScimValues.text(node.get("formatted"), "name.formatted"),
                ScimValues.text(node.get("familyName"), "name.familyName"),
                ScimValues.text(node.get("givenName"), "name.givenName"),
                ScimValues.text(node.get("middleName"), "name.middleName"),
                ScimValues.text(node.get("honorificPrefix"), "name.honorificPrefix"),
                ScimValues.text(node.get("honorificSuffix"), "name.honorificSuffix"));
    }

    private static List<EmailAddress> readEmails(JsonNode node) throws BadRequestException {
        if (node == null || node.isNull()) {
            return List.of();
        }
        List<EmailAddress> emails = new ArrayList<>();
        for (JsonNode email : node.isArray() ? node : List.of(node)) {
            if (email == null || email.isNull()) {
                continue;
            }
            if (email.isTextual()) {
                if (!email.textValue().isBlank()) {
                    emails.add(new EmailAddress(email.textValue(), null, false, null));
                }
                continue;
            }
            if (!email.isObject()) {
                throw BadRequestException.invalidValue("Each of 'emails' must be an object with a value");
            }
            String value = ScimValues.text(email.get("value"), "emails.value");
            if (value == null || value.isBlank()) {
                // An email without its address is no email: one emptied or removed (Entra ID's
                // emails[type eq "work"].value) is gone.
                continue;
            }
            JsonNode primary = email.get("primary");
            emails.add(new EmailAddress(
                    value,
                    ScimValues.text(email.get("type"), "emails.type"),
                    primary != null && !primary.isNull() && ScimValues.bool(primary, "emails.primary"),
                    ScimValues.text(email.get("display"), "emails.display")));
        }
        return emails;
    }
}
