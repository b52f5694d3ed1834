package com.controlpanel.provisioning.scim.users;

import com.controlpanel.provisioning.scim.ScimAttribute;
import com.controlpanel.provisioning.scim.ScimSchemas;
import com.controlpanel.provisioning.scim.ScimValues;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.unboundid.scim2.common.utils.JsonUtils;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The values of a User's multi-valued attribute, as a PATCH operation left them, written as they are kept ({@link
 * UserJson#read}, {@link ScimValues}): a boolean sent as a string ({@code "True"}, Entra ID) a boolean, a number
 * where text is kept its text, an email's address, type and display without the white space around them, an empty
 * sub-attribute none, a bare value {@code {"value": ...}}. The next operation of the same request then finds them
 * as it would had they come in a request of their own: {@code emails[primary eq true]} the email an earlier
 * operation made primary with {@code "True"}, {@code emails[value eq "a@b.c"]} the one added as {@code " a@b.c "},
 * and an add sees that it repeats one. Nothing is dropped or refused here: a value that can not be kept (an email
 * without its address, which a later operation may yet give) is left for the User's reading to drop or refuse.
 */
final class KeptValues {

    private KeptValues() {}

    /** The values of the attribute of this name (any case), if it is one of the User's multi-valued complex ones. */
    static void of(ObjectNode user, String name) {
        ScimAttribute attribute = ScimSchemas.USER_SCHEMA.attribute(name).orElse(null);
        if (attribute == null
                || !attribute.multiValued()
                || !attribute.complex()
                || !(user.get(attribute.name()) instanceof ArrayNode values)) {
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            values.set(i, value(attribute, values.get(i)));
        }
    }

    /** One value of the attribute as it is kept; the same node changed where it is an object. */
    private static JsonNode value(ScimAttribute attribute, JsonNode value) {
        JsonNode kept = value;
        if (value.isValueNode()
                && !value.isNull()
                && attribute.subAttribute("value").isPresent()) {
            kept = JsonUtils.getJsonNodeFactory().objectNode().set("value", value);
        }
        if (kept instanceof ObjectNode object) {
            // most values are kept as they are: looked at without a copy, changed after the look
            Map<String, JsonNode> changed = null;
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode given = field.getValue();
                JsonNode read = given.isContainerNode() ? given : subValue(attribute, field.getKey(), given);
                if (read != given) {
                    if (changed == null) {
                        changed = new HashMap<>();
                    }
                    changed.put(field.getKey(), read);
                }
            }
            if (changed != null) {
                changed.forEach((name, read) -> {
                    if (read == null) {
                        object.remove(name);
                    } else {
                        object.set(name, read);
                    }
                });
            }
        }
        return kept;
    }

    /**
     * A sub-attribute's value (a value node) as it is kept: null when it is none (null, or empty text), the same node
     * when it is kept as given or is of no sub-attribute the attribute has.
     */
    static JsonNode subValue(ScimAttribute attribute, String name, JsonNode given) {
        ScimAttribute sub = attribute.subAttribute(name).orElse(null);
        if (sub == null) {
            return given;
        }
        if (given.isNull()) {
            return null;
        }
        if (sub.type() == ScimAttribute.Type.BOOLEAN) {
            Boolean read = ScimValues.booleanString(given);
            return read == null ? given : BooleanNode.valueOf(read);
        }
        if (given.isBoolean()) {
            // no text: the User's reading refuses it
            return given;
        }
        // an email's parts are kept stripped (the member's profile strips them); other text as sent
        String text = attribute.name().equals("emails") ? given.asText().strip() : given.asText();
        if (text.isEmpty()) {
            return null;
        }
        return given.isTextual() && text.equals(given.textValue()) ? given : TextNode.valueOf(text);
    }
}
