package com.controlpanel.provisioning.scim.users;

import com.controlpanel.provisioning.scim.ScimSchemas.ExtensionAttribute;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A User's custom extensions as a body gives them: an extension's object under its URN, and its attributes named in
 * full at the top ({@code "urn:...:acme:2.0:User:badge": "7"}, RFC 7644 §3.10), both kept in the one object. An
 * attribute given both ways is refused, as the Enterprise User's is: which one would count is nowhere said.
 */
final class CustomExtensions {

    private CustomExtensions() {}

    /** An attribute named in full, into its extension's object (made when the body has given none yet). */
    static void put(Map<String, Object> attributes, ExtensionAttribute named, Object value) throws BadRequestException {
        Map<String, Object> extension = object(attributes, named.schema());
        int dot = named.attribute().indexOf('.');
        if (dot < 0) {
            requireAbsent(extension, named.attribute(), named.schema());
            extension.put(named.attribute(), value);
            return;
        }
        String attribute = named.attribute().substring(0, dot);
        String sub = named.attribute().substring(dot + 1);
        String present = keyOf(extension, attribute);
        if (present == null) {
            Map<String, Object> complex = new LinkedHashMap<>();
            complex.put(sub, value);
            extension.put(attribute, complex);
            return;
        }
        if (!(extension.get(present) instanceof Map<?, ?> complex)) {
            throw twice(named.schema(), named.attribute());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> parts = (Map<String, Object>) complex;
        requireAbsent(parts, sub, named.schema());
        parts.put(sub, value);
    }

    /** An extension's whole object; merged with the attributes named in full before it, when there were any. */
    static void putWhole(Map<String, Object> attributes, String schema, Object value) throws BadRequestException {
        String present = keyOf(attributes, schema);
        if (present == null) {
            attributes.put(schema, value);
            return;
        }
        Map<String, Object> extension = object(attributes, present);
        if (!(value instanceof Map<?, ?> sent)) {
            throw BadRequestException.invalidValue("'" + schema + "' must be an object");
        }
        for (Map.Entry<?, ?> attribute : sent.entrySet()) {
            String name = String.valueOf(attribute.getKey());
            requireAbsent(extension, name, schema);
            extension.put(name, attribute.getValue());
        }
    }

    private static Map<String, Object> object(Map<String, Object> attributes, String schema)
            throws BadRequestException {
        String present = keyOf(attributes, schema);
        if (present == null) {
            Map<String, Object> extension = new LinkedHashMap<>();
            attributes.put(schema, extension);
            return extension;
        }
        if (!(attributes.get(present) instanceof Map<?, ?> extension)) {
            throw BadRequestException.invalidValue("'" + schema + "' must be an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> attributesOfIt = (Map<String, Object>) extension;
        return attributesOfIt;
    }

    private static void requireAbsent(Map<String, Object> object, String name, String schema)
            throws BadRequestException {
        if (keyOf(object, name) != null) {
            throw twice(schema, name);
        }
    }

    private static BadRequestException twice(String schema, String name) {
        return BadRequestException.invalidSyntax("The attribute '" + name + "' of '" + schema
                + "' is given twice (in the extension's object and named in full): give each attribute once");
    }

    /** The key of this name in any case (SCIM's names are case-insensitive), or null. */
    private static String keyOf(Map<String, ?> object, String name) {
        if (object.containsKey(name)) {
            return name;
        }
        for (String key : object.keySet()) {
            if (key.equalsIgnoreCase(name)) {
                return key;
            }
        }
        return null;
    }
}
