package com.controlpanel.provisioning.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The {@code attributes} and {@code excludedAttributes} of a request (RFC 7644 §3.9): which attributes of a resource
 * to return. Names are matched case-insensitively, may name a sub-attribute ({@code name.givenName},
 * {@code emails.value}) and may be qualified by their schema URN
 * ({@code urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department}). {@code id} and {@code schemas}
 * are always returned.
 */
public final class AttributeSelection {

    private static final List<String> KNOWN_URNS =
            List.of(ScimSchemas.USER, ScimSchemas.GROUP, ScimSchemas.ENTERPRISE_USER);

    /** Every attribute returned by default. */
    public static final AttributeSelection DEFAULT = new AttributeSelection(List.of(), List.of());

    private final List<List<String>> included;
    private final List<List<String>> excluded;

    private AttributeSelection(List<List<String>> included, List<List<String>> excluded) {
        this.included = included;
        this.excluded = excluded;
    }

    public static AttributeSelection of(List<String> attributes, List<String> excludedAttributes) {
        return new AttributeSelection(
                attributes.stream().map(AttributeSelection::segments).toList(),
                excludedAttributes.stream().map(AttributeSelection::segments).toList());
    }

    public static AttributeSelection of(ListRequest request) {
        return of(request.attributes(), request.excludedAttributes());
    }

    /** From the query string of a request for one resource. */
    public static AttributeSelection of(HttpServletRequest request) {
        return of(
                names(ListRequest.parameter(request, "attributes")),
                names(ListRequest.parameter(request, "excludedAttributes")));
    }

    /** The names in a comma-separated parameter. */
    public static List<String> names(String parameter) {
        List<String> names = new ArrayList<>();
        if (parameter == null) {
            return names;
        }
        for (String name : parameter.split(",")) {
            if (!name.isBlank()) {
                names.add(name.strip());
            }
        }
        return names;
    }

    public boolean isDefault() {
        return included.isEmpty() && excluded.isEmpty();
    }

    /** Whether a top-level attribute ({@code groups}, {@code members}) is returned at all: whether to look it up. */
    public boolean returns(String attribute) {
        if (!included.isEmpty()
                && included.stream().noneMatch(path -> path.get(0).equalsIgnoreCase(attribute) || core(path))) {
            return false;
        }
        return excluded.stream()
                .noneMatch(path -> path.size() == 1 && (path.get(0).equalsIgnoreCase(attribute) || core(path)));
    }

    /** Whether a path is a core schema's URN alone: it names every attribute of that schema (RFC 7644 §3.10). */
    private static boolean core(List<String> path) {
        return path.size() == 1
                && (path.get(0).equalsIgnoreCase(ScimSchemas.USER)
                        || path.get(0).equalsIgnoreCase(ScimSchemas.GROUP));
    }

    /** The paths with a core schema's URN as the resource's attributes of that schema: those not under a URN. */
    private static List<List<String>> expanded(ObjectNode resource, List<List<String>> paths) {
        if (paths.stream().noneMatch(AttributeSelection::core)) {
            return paths;
        }
        List<List<String>> expanded = new ArrayList<>();
        for (List<String> path : paths) {
            if (!core(path)) {
                expanded.add(path);
                continue;
            }
            Iterator<String> names = resource.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!name.regionMatches(true, 0, "urn:", 0, 4)) {
                    expanded.add(List.of(name));
                }
            }
        }
        return expanded;
    }

    /** The resource with only the selected attributes. */
    public ObjectNode apply(ObjectNode resource) {
        if (isDefault()) {
            return resource;
        }
        ObjectNode result;
        if (included.isEmpty()) {
            result = resource.deepCopy();
        } else {
            result = ScimJson.object();
            copyAlways(resource, result);
            for (List<String> path : expanded(resource, included)) {
                copy(resource, result, resolve(resource, path), 0);
            }
            reorder(resource, result);
        }
        for (List<String> path : expanded(resource, excluded)) {
            remove(result, resolve(resource, path), 0);
        }
        withoutEmptiedValues(resource, result);
        withoutSchemasLeftOut(resource, result);
        return result;
    }

    /**
     * An attribute the selection left without any of its sub-attributes is not returned (an unassigned attribute is
     * left out, RFC 7643 §2.5): {@code name} when all its parts were excluded, an email none of whose asked-for
     * sub-attributes it has, an extension emptied. One empty in the resource itself ({@code "groups": []}) stays.
     */
    private static void withoutEmptiedValues(ObjectNode resource, ObjectNode result) {
        withoutEmptiedParts(result, resource);
    }

    /** Removes the parts of a container that are empty now but were not in the resource (there: {@code original}). */
    private static void withoutEmptiedParts(JsonNode container, JsonNode original) {
        if (container instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode before = original == null ? null : original.get(field.getKey());
                if (emptied(field.getValue(), before)) {
                    fields.remove();
                }
            }
        } else if (container instanceof ArrayNode array) {
            for (int i = array.size() - 1; i >= 0; i--) {
                JsonNode before = original == null ? null : original.get(i);
                if (emptied(array.get(i), before)) {
                    array.remove(i);
                }
            }
        }
    }

    private static boolean emptied(JsonNode part, JsonNode before) {
        if (!part.isContainerNode()) {
            return false;
        }
        withoutEmptiedParts(part, before);
        return part.isEmpty() && (before == null || !before.isEmpty());
    }

    /** {@code schemas} lists an extension only when the result still holds its attributes. */
    private static void withoutSchemasLeftOut(ObjectNode resource, ObjectNode result) {
        JsonNode schemas = result.get("schemas");
        if (schemas == null || !schemas.isArray()) {
            return;
        }
        ArrayNode kept = result.arrayNode();
        for (JsonNode schema : schemas) {
            String urn = schema.asText();
            boolean leftOut = ScimJson.fieldName(resource, urn) != null && ScimJson.fieldName(result, urn) == null;
            if (!leftOut) {
                kept.add(schema);
            }
        }
        result.set("schemas", kept);
    }

    private static void copyAlways(ObjectNode from, ObjectNode to) {
        for (String always : new String[] {"schemas", "id"}) {
            if (from.has(always)) {
                to.set(always, from.get(always));
            }
        }
    }

    private static void copy(JsonNode from, ObjectNode to, List<String> path, int depth) {
        String key = ScimJson.fieldName(from, path.get(depth));
        if (key == null) {
            return;
        }
        JsonNode value = from.get(key);
        if (depth == path.size() - 1) {
            to.set(key, value);
            return;
        }
        JsonNode existing = to.get(key);
        if (value.isObject()) {
            if (existing != null && !existing.isObject()) {
                return;
            }
            ObjectNode target = existing == null ? to.putObject(key) : (ObjectNode) existing;
            copy(value, target, path, depth + 1);
        } else if (value.isArray()) {
            if (existing != null && !existing.isArray()) {
                return;
            }
            ArrayNode target = existing == null ? to.putArray(key) : (ArrayNode) existing;
            for (int i = 0; i < value.size(); i++) {
                if (target.size() <= i) {
                    target.addObject();
                }
                if (value.get(i).isObject() && target.get(i).isObject()) {
                    copy(value.get(i), (ObjectNode) target.get(i), path, depth + 1);
                }
            }
        }
    }

    private static void remove(JsonNode node, List<String> path, int depth) {
        if (!(node instanceof ObjectNode object)) {
            return;
        }
        String key = ScimJson.fieldName(object, path.get(depth));
        if (key == null || (depth == 0 && (key.equals("id") || key.equals("schemas")))) {
            return;
        }
        if (depth == path.size() - 1) {
            object.remove(key);
            return;
        }
        JsonNode value = object.get(key);
        if (value.isArray()) {
            value.forEach(element -> remove(element, path, depth + 1));
        } else {
            remove(value, path, depth + 1);
        }
    }

    /** Puts the selected attributes back in the order the full resource has them. */
    private static void reorder(ObjectNode resource, ObjectNode result) {
        ObjectNode ordered = ScimJson.object();
        Iterator<Map.Entry<String, JsonNode>> fields = resource.fields();
        while (fields.hasNext()) {
            String key = fields.next().getKey();
            if (result.has(key)) {
                ordered.set(key, result.get(key));
            }
        }
        result.removeAll();
        result.setAll(ordered);
    }

    /** An extension this server does not define is either named whole or as its URN, ':' and an attribute. */
    private static List<String> resolve(ObjectNode resource, List<String> path) {
        String name = path.get(0);
        if (path.size() > 1
                || !name.regionMatches(true, 0, "urn:", 0, 4)
                || ScimJson.fieldName(resource, name) != null) {
            return path;
        }
        int colon = name.lastIndexOf(':');
        List<String> segments = new ArrayList<>();
        segments.add(name.substring(0, colon));
        segments.addAll(List.of(name.substring(colon + 1).split("\\.")));
        return segments;
    }

    /**
     * {@code name.givenName} is [name, givenName]; a name qualified by a schema URN is looked up in that schema's
     * part of the resource: the core schema's attributes at the top, an extension's under its URN.
     */
    static List<String> segments(String name) {
        for (String urn : KNOWN_URNS) {
            if (name.equalsIgnoreCase(urn)) {
                return List.of(urn);
            }
            if (name.length() > urn.length() + 1
                    && name.regionMatches(true, 0, urn, 0, urn.length())
                    && name.charAt(urn.length()) == ':') {
                List<String> rest = List.of(name.substring(urn.length() + 1).split("\\."));
                if (urn.equals(ScimSchemas.USER) || urn.equals(ScimSchemas.GROUP)) {
                    return rest;
                }
                List<String> segments = new ArrayList<>();
                segments.add(urn);
                segments.addAll(rest);
                return segments;
            }
        }
        if (name.regionMatches(true, 0, "urn:", 0, 4)) {
            return List.of(name);
        }
        return List.of(name.split("\\."));
    }
}
