package com.controlpanel.provisioning.scim;

import com.controlpanel.provisioning.scim.ScimAttribute.Type;
import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an attribute's value from a request by its definition, into the plain Java values a profile keeps: names of
 * sub-attributes in their canonical case, booleans sent as strings ({@code "True"}, Entra ID) as booleans, a single
 * value where a list is expected as a list of one, a bare value where a complex one with a {@code value}
 * sub-attribute is expected as {@code {"value": ...}} (Entra ID's manager), a list of one where a single value is
 * expected as that value (an empty list as none). A value of the wrong kind, or a list of more, is 400
 * invalidValue. An empty string is no value: an attribute given only empty strings is unassigned, and an element of
 * a multi-valued attribute named by its {@code value} is dropped without one.
 */
public final class ScimValues {

    private ScimValues() {}

    /** The value, or null when it is absent, null or an empty list (unassigned, RFC 7643 §2.5). */
    public static Object read(ScimAttribute attribute, JsonNode node, String where) throws BadRequestException {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (attribute.multiValued()) {
            List<Object> values = new ArrayList<>();
            for (JsonNode element : node.isArray() ? node : List.of(node)) {
                Object value = single(attribute, element, where);
                if (value != null && !valueLess(attribute, value)) {
                    values.add(value);
                }
            }
            return values.isEmpty() ? null : values;
        }
        if (node.isArray()) {
            // a list of one, as some clients wrap every value (a manager as [{"value": ...}]): that one
            if (node.size() > 1) {
                throw BadRequestException.invalidValue(
                        "'" + where + "' takes a single value, not a list of " + node.size());
            }
            return node.isEmpty() ? null : single(attribute, node.get(0), where);
        }
        return single(attribute, node, where);
    }

    /**
     * Whether a value of a multi-valued complex attribute whose values are named by their {@code value} (phone
     * numbers, ims, photos, roles, entitlements, certificates) has none: one emptied or removed (Entra ID clears a
     * work phone with {@code phoneNumbers[type eq "work"].value}) is gone, as an email without its address is.
     */
    private static boolean valueLess(ScimAttribute attribute, Object value) {
        return attribute.complex()
                && attribute.subAttribute("value").isPresent()
                && value instanceof Map<?, ?> map
                && map.get("value") == null;
    }

    /**
     * The attributes of an object by a list of definitions. One it does not define is ignored, as an unknown
     * attribute of a User is: kept, it could be neither filtered on nor named in a PATCH path, and a mistyped
     * sub-attribute would be stored beside the one meant.
     */
    public static Map<String, Object> object(List<ScimAttribute> definitions, JsonNode node, String where)
            throws BadRequestException {
        Map<String, Object> values = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            ScimAttribute definition = definitions.stream()
                    .filter(candidate -> candidate.name().equalsIgnoreCase(field.getKey()))
                    .findFirst()
                    .orElse(null);
            if (definition == null) {
                continue;
            }
            Object value = read(definition, field.getValue(), where + "." + definition.name());
            if (value != null) {
                values.put(definition.name(), value);
            }
        }
        return values;
    }

    private static Object single(ScimAttribute attribute, JsonNode node, String where) throws BadRequestException {
        if (node == null || node.isNull()) {
            return null;
        }
        if (attribute.complex()) {
            if (node.isObject()) {
                Map<String, Object> value = object(attribute.subAttributes(), node, where);
                return value.isEmpty() ? null : value;
            }
            if (node.isValueNode() && attribute.subAttribute("value").isPresent()) {
                Object inner = single(attribute.subAttribute("value").get(), node, where + ".value");
                if (inner == null) {
                    return null;
                }
                Map<String, Object> value = new LinkedHashMap<>();
                value.put("value", inner);
                return value;
            }
            throw BadRequestException.invalidValue("'" + where + "' must be an object");
        }
        if (attribute.type() == Type.BOOLEAN) {
            return bool(node, where);
        }
        if (!node.isValueNode()) {
            throw BadRequestException.invalidValue("'" + where + "' must be a single value");
        }
        notABoolean(node, where);
        // an empty string is no value: a filter's "pr" must not find it (RFC 7644 §3.4.2.2), and Entra ID clears a
        // manager by sending one
        String text = node.asText();
        return text.isEmpty() ? null : text;
    }

    /** true, false, or their strings in any case. */
    public static boolean bool(JsonNode node, String where) throws BadRequestException {
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        Boolean read = booleanString(node);
        if (read != null) {
            return read;
        }
        throw BadRequestException.invalidValue("'" + where + "' must be true or false, not " + node);
    }

    /** A string of {@link #booleanText} (white space around it allowed) as its boolean; null for any other node. */
    public static Boolean booleanString(JsonNode node) {
        return node.isTextual() ? booleanText(node.textValue().strip()) : null;
    }

    /** {@code true} or {@code false} for "true" or "false" in any case (Entra ID's "True"), else null. */
    public static Boolean booleanText(String text) {
        if (text.equalsIgnoreCase("true")) {
            return true;
        }
        return text.equalsIgnoreCase("false") ? false : null;
    }

    /** A string attribute: text as given (a number as its digits); null when absent or null. */
    public static String text(JsonNode node, String where) throws BadRequestException {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (!node.isValueNode()) {
            throw BadRequestException.invalidValue("'" + where + "' must be a string");
        }
        notABoolean(node, where);
        return node.asText();
    }

    /**
     * A yes or no is no text: {@code "userName": true} is refused (RFC 7644 §3.12, {@code invalidValue}) rather than
     * kept as the text "true". A number is read as its digits, as some directories send them.
     */
    private static void notABoolean(JsonNode node, String where) throws BadRequestException {
        if (node.isBoolean()) {
            throw BadRequestException.invalidValue("'" + where + "' must be a string, not " + node);
        }
    }
}
