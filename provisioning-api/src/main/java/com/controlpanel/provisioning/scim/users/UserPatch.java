package com.controlpanel.provisioning.scim.users;

import com.controlpanel.provisioning.scim.PatchRequestBody.Op;
import com.controlpanel.provisioning.scim.PatchRequestBody.Operation;
import com.controlpanel.provisioning.scim.ScimAttribute;
import com.controlpanel.provisioning.scim.ScimJson;
import com.controlpanel.provisioning.scim.ScimSchemas;
import com.controlpanel.provisioning.scim.ScimValues;
import com.controlpanel.provisioning.scim.ValueFilters;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.ValueNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.filters.EqualFilter;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.messages.PatchOperation;
import com.unboundid.scim2.common.utils.JsonUtils;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Applies the operations of a User PATCH, in order, to a copy of the User as it is (the UnboundID SDK's
 * {@link PatchOperation} does the RFC 7644 §3.5.2 semantics, value-filtered paths included). The result is read back
 * as a whole User and sent as one command, so the request is all or nothing. After each step the values of the
 * multi-valued attribute it wrote are as they are kept ({@link KeptValues}), so that a later operation's filter
 * finds them as a request of its own would. Entra ID's forms are accepted: dotted
 * and extension-qualified keys in a value without path ({@code {"name.givenName": "Ann"}}) become operations on
 * those paths, and booleans sent as strings are read as booleans, in values and in the filters of paths
 * ({@code roles[primary eq "True"].value}). An {@code add} to a sub-attribute of values a filter selects replaces it
 * where a value matches, a {@code replace} of one creates the value where none matches ({@link #opOn}); a value made
 * primary makes the others of its attribute not primary. {@code password} is
 * dropped; {@code id}, {@code meta} and {@code groups} are read-only (400 mutability).
 */
final class UserPatch {

    private UserPatch() {}

    /** One SDK operation of a request operation: a path-less value's dotted key is a step of its own. */
    private record Step(Op op, Path path, JsonNode value) {}

    /** The User after the operations; the argument is not changed. */
    static ObjectNode apply(ObjectNode user, List<Operation> operations, String id) throws ScimException {
        ObjectNode patched = ScimJson.caseInsensitive(user);
        for (Operation operation : operations) {
            Map<String, List<JsonNode>> primaryBefore = primaryValues(patched);
            for (Step step : steps(operation, id, patched)) {
                notEveryValuePrimary(operation, patched, step);
                try {
                    Op op = opOn(patched, step);
                    if (op == null) {
                        continue;
                    }
                    sdk(op, step.path(), step.value()).apply(patched);
                    if (op != Op.REMOVE) {
                        // what a remove leaves was kept already
                        for (String values : multiValued(step)) {
                            KeptValues.of(patched, values);
                        }
                    }
                    if (op == Op.ADD) {
                        withoutRepeatedValues(patched, step);
                    }
                } catch (ScimException e) {
                    throw withOperation(operation, e);
                } catch (RuntimeException e) {
                    throw BadRequestException.invalidValue(
                            operation.describe() + " could not be applied to this User: " + e.getMessage());
                }
            }
            demoteFormerPrimaryValues(operation, patched, primaryBefore);
        }
        return patched;
    }

    /**
     * The User after the operations, read back as a whole. A User they leave with a value it can not take is refused
     * naming the operation that left it so ({@code Operation 2 (replace emails[type eq "work"].value): 'x' is not an
     * email address}): the last one after which the User went from readable to not (an operation an later one undoes
     * is not blamed). Found by applying them once more one at a time, so a long PATCH costs the same again, not its
     * square.
     */
    static UserJson.Input read(ObjectNode user, List<Operation> operations, String id) throws ScimException {
        ObjectNode patched = apply(user, operations, id);
        try {
            return UserJson.read(patched);
        } catch (BadRequestException refused) {
            int culprit = operations.size() - 1;
            BadRequestException reason = refused;
            boolean readable = true;
            ObjectNode step = user;
            for (int i = 0; i < operations.size(); i++) {
                step = apply(step, List.of(operations.get(i)), id);
                try {
                    UserJson.read(step);
                    readable = true;
                } catch (BadRequestException unreadable) {
                    if (readable) {
                        culprit = i;
                        reason = unreadable;
                    }
                    readable = false;
                }
            }
            throw withOperation(operations.get(culprit), reason);
        }
    }

    /**
     * The operation to apply to a sub-attribute of the values a filter selects ({@code emails[type eq "work"].value}):
     * an {@code add} or a {@code replace} replaces it where a value matches and creates the value where none does. An
     * {@code add} replaces because the existing value of a single-valued attribute is replaced (RFC 7644 §3.5.2.1; the
     * SDK refuses instead). A {@code replace} creates because Entra ID's delta sync sends one, not an {@code add}, once
     * an attribute mapped so gets its first value (a phone number, a work address): RFC 7644 §3.5.2.3 would refuse it
     * as {@code noTarget}, and with it the whole request, a deactivation sent along included. A {@code replace} of a
     * whole filtered value ({@code emails[type eq "fax"]}) that matches none is still {@code noTarget}. A
     * {@code replace} by an empty value that matches none does nothing (null).
     */
    private static Op opOn(ObjectNode user, Step step) throws ScimException {
        Path path = step.path();
        if ((step.op() != Op.ADD && step.op() != Op.REPLACE) || path == null || path.size() < 2) {
            return step.op();
        }
        Path.Element selected = path.getElement(0);
        if (selected.getValueFilter() == null) {
            return step.op();
        }
        Path values = (path.getSchemaUrn() == null ? Path.root() : Path.root(path.getSchemaUrn()))
                .attribute(selected.getAttribute(), selected.getValueFilter());
        if (JsonUtils.pathExists(values, user)) {
            return Op.REPLACE;
        }
        // clearing what is not there (Entra: a replace by "") leaves nothing behind, not a value with only its type
        boolean empty = step.value() == null
                || step.value().isNull()
                || (step.value().isTextual() && step.value().textValue().isBlank());
        if (step.op() == Op.REPLACE && empty) {
            return null;
        }
        if (step.op() == Op.REPLACE && !(selected.getValueFilter() instanceof EqualFilter)) {
            // only one equality says what the value to create is (its type "work"); of emails[type ne "work"] or
            // emails[type eq "home" and primary eq true] nothing is there to replace (RFC 7644 §3.5.2.3)
            throw BadRequestException.noTarget("no value of '" + selected.getAttribute() + "' matches ["
                    + selected.getValueFilter() + "] (a replace creates the value only for a filter of one equality,"
                    + " such as [type eq \"work\"])");
        }
        return Op.ADD;
    }

    /**
     * A sub-attribute path without a filter names it in every value ({@code emails.primary}): made true there, it
     * would make every value of the attribute primary, refused as two made primary by a filter are (RFC 7643 §2.4:
     * at most one is), rather than one of them picked.
     */
    private static void notEveryValuePrimary(Operation operation, ObjectNode user, Step step)
            throws BadRequestException {
        Path path = step.path();
        if ((step.op() != Op.ADD && step.op() != Op.REPLACE)
                || path == null
                || path.size() != 2
                || (path.getSchemaUrn() != null && !path.getSchemaUrn().equalsIgnoreCase(ScimSchemas.USER))
                || path.getElement(0).getValueFilter() != null
                || !path.getElement(1).getAttribute().equalsIgnoreCase("primary")
                || step.value() == null
                || !isTrue(step.value())) {
            return;
        }
        String attribute = ScimJson.fieldName(user, path.getElement(0).getAttribute());
        JsonNode values = attribute == null ? null : user.get(attribute);
        if (values != null && values.isArray() && values.size() > 1) {
            throw BadRequestException.invalidValue(operation.describe() + ": it makes " + values.size() + " values of '"
                    + attribute + "' primary; at most one may be");
        }
    }

    /**
     * The values marked primary, by attribute: a PATCH that makes a value primary makes the others not primary
     * (RFC 7644 §3.5.2), so that at most one is (RFC 7643 §2.4).
     */
    private static Map<String, List<JsonNode>> primaryValues(ObjectNode user) {
        Map<String, List<JsonNode>> primary = new HashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = user.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isArray()) {
                List<JsonNode> marked = new ArrayList<>();
                for (JsonNode value : field.getValue()) {
                    if (primary(value)) {
                        marked.add(value.deepCopy());
                    }
                }
                primary.put(field.getKey().toLowerCase(Locale.ROOT), marked);
            }
        }
        return primary;
    }

    private static void demoteFormerPrimaryValues(
            Operation operation, ObjectNode user, Map<String, List<JsonNode>> primaryBefore)
            throws BadRequestException {
        Iterator<Map.Entry<String, JsonNode>> fields = user.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getValue().isArray()) {
                continue;
            }
            List<JsonNode> before = primaryBefore.getOrDefault(field.getKey().toLowerCase(Locale.ROOT), List.of());
            List<ObjectNode> madePrimary = new ArrayList<>();
            List<ObjectNode> stillPrimary = new ArrayList<>();
            for (JsonNode value : field.getValue()) {
                if (primary(value)) {
                    (before.contains(value) ? stillPrimary : madePrimary).add((ObjectNode) value);
                }
            }
            if (madePrimary.size() > 1) {
                throw BadRequestException.invalidValue(operation.describe() + ": it makes " + madePrimary.size()
                        + " values of '" + field.getKey() + "' primary; at most one may be");
            }
            if (madePrimary.size() == 1) {
                for (ObjectNode former : stillPrimary) {
                    former.put("primary", false);
                }
            }
        }
    }

    private static boolean primary(JsonNode value) {
        JsonNode primary = value.isObject() ? value.get("primary") : null;
        return primary != null && isTrue(primary);
    }

    /** true, or "true" in any case (Entra ID's "True"). */
    private static boolean isTrue(JsonNode value) {
        return value.isBoolean() ? value.booleanValue() : Boolean.TRUE.equals(ScimValues.booleanString(value));
    }

    /**
     * The SDK operations one request operation amounts to. A path that names a whole schema is an operation on its
     * attributes: the core User's ({@code add}, {@code replace}: as if the value came without a path), or an
     * extension's, the Enterprise User's or a custom one (a {@code remove} drops it all).
     */
    private static List<Step> steps(Operation operation, String id, ObjectNode user) throws ScimException {
        List<Step> steps = new ArrayList<>();
        Path path = operation.path();
        String schema = path == null ? null : ScimSchemas.namedSchema(path, "User");
        if (schema != null && schema.equalsIgnoreCase(ScimSchemas.USER)) {
            if (operation.op() == Op.REMOVE) {
                throw BadRequestException.invalidPath(
                        operation.describe() + ": the path names the User itself; name the attributes to remove");
            }
            return steps(wholeSchema(operation, null), id, user);
        }
        if (schema != null) {
            boolean enterprise = schema.equalsIgnoreCase(ScimSchemas.ENTERPRISE_USER);
            String extension = enterprise ? ScimSchemas.ENTERPRISE_USER : schema;
            if (!enterprise && ScimSchemas.reserved(extension)) {
                throw BadRequestException.invalidPath(
                        operation.describe() + ": '" + extension + "' is not a schema of a User");
            }
            if (operation.op() == Op.REMOVE) {
                return List.of(new Step(Op.REMOVE, Path.root(extension), null));
            }
            return steps(wholeSchema(operation, extension), id, user);
        }
        if (path == null) {
            ObjectNode rest = ScimJson.caseInsensitiveObject();
            List<String> inFull = new ArrayList<>();
            List<ScimSchemas.ExtensionAttribute> customInFull = new ArrayList<>();
            List<String> extensions = customExtensions(user);
            List<String> dotted = new ArrayList<>();
            Iterator<Map.Entry<String, JsonNode>> fields =
                    unqualified(operation).fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String key = field.getKey();
                if (key.equalsIgnoreCase("id")) {
                    if (!field.getValue().asText().equals(id)) {
                        throw BadRequestException.mutability(operation.describe() + ": id is read-only");
                    }
                } else if (key.equalsIgnoreCase("password")
                        || key.equalsIgnoreCase("meta")
                        || key.equalsIgnoreCase("groups")
                        || key.equalsIgnoreCase("schemas")) {
                    // never kept, or read-only and left as it is
                } else if (qualified(key) || custom(key, extensions, customInFull)) {
                    Path keyPath = path(operation, key);
                    // null is the unassigned value (RFC 7643 §2.5), as under a path: the attribute is removed
                    boolean unassigned =
                            field.getValue() == null || field.getValue().isNull();
                    if (allowed(operation, keyPath)) {
                        steps.add(
                                unassigned
                                        ? new Step(Op.REMOVE, BooleanValues.in(keyPath), null)
                                        : new Step(operation.op(), BooleanValues.in(keyPath), field.getValue()));
                    }
                    if (ScimSchemas.ENTERPRISE_USER.equalsIgnoreCase(keyPath.getSchemaUrn())) {
                        inFull.add(keyPath.getElement(0).getAttribute());
                    } else if (keyPath.size() == 2 && keyPath.getElement(0).getValueFilter() == null) {
                        dotted.add(key);
                    }
                } else {
                    rest.set(key, asValues(key, field.getValue()));
                }
            }
            JsonNode extension = rest.get(ScimSchemas.ENTERPRISE_USER);
            for (String name : inFull) {
                if (extension != null && extension.isObject() && extension.has(name)) {
                    throw BadRequestException.invalidSyntax(operation.describe() + ": the Enterprise User attribute '"
                            + name + "' is given twice (in the extension's object and named in full): give each"
                            + " attribute once");
                }
            }
            for (ScimSchemas.ExtensionAttribute named : customInFull) {
                JsonNode object = ScimJson.field(rest, named.schema());
                String attribute = named.attribute().split("\\.", 2)[0];
                if (object != null && object.isObject() && ScimJson.fieldName(object, attribute) != null) {
                    throw BadRequestException.invalidSyntax(operation.describe() + ": the attribute '" + attribute
                            + "' of '" + named.schema() + "' is given twice (in the extension's object and named in"
                            + " full): give each attribute once");
                }
            }
            for (String key : dotted) {
                // {"name.givenName": "A", "name": {"givenName": "B"}}: which one is meant is not for us to guess
                Path keyPath = path(operation, key);
                JsonNode whole = rest.get(keyPath.getElement(0).getAttribute());
                String sub = whole != null && whole.isObject()
                        ? ScimJson.fieldName(whole, keyPath.getElement(1).getAttribute())
                        : null;
                if (sub != null) {
                    throw BadRequestException.invalidSyntax(operation.describe() + ": '" + key + "' names the attribute"
                            + " that '" + sub + "' in '" + keyPath.getElement(0).getAttribute() + "' names: give each"
                            + " attribute once");
                }
            }
            if (!rest.isEmpty()) {
                steps.add(0, new Step(operation.op(), null, rest));
            }
            return steps;
        }
        path = ScimSchemas.withoutSchema(path, ScimSchemas.USER);
        if (allowed(operation, path)) {
            String values = wholeValues(path);
            if (operation.op() != Op.REMOVE) {
                steps.add(new Step(
                        operation.op(),
                        BooleanValues.in(path),
                        values == null ? operation.value() : asValues(values, operation.value())));
            } else if (values != null && operation.value() != null) {
                steps.addAll(removals(operation, values));
            } else if (operation.value() != null && namesManager(path)) {
                if (listsManager(operation, user)) {
                    steps.add(new Step(Op.REMOVE, BooleanValues.in(path), null));
                }
            } else {
                steps.add(new Step(Op.REMOVE, BooleanValues.in(path), null));
            }
        }
        return steps;
    }

    /**
     * The multi-valued attributes a step writes to: the one its path names (whole, by a filter, or a sub-attribute of
     * its values), or those its path-less value gives.
     */
    private static List<String> multiValued(Step step) {
        List<String> names = new ArrayList<>();
        if (step.path() == null && step.value() != null && step.value().isObject()) {
            step.value().fieldNames().forEachRemaining(name -> {
                if (multiValued(name)) {
                    names.add(name);
                }
            });
        } else if (step.path() != null
                && step.path().getSchemaUrn() == null
                && step.path().size() > 0
                && multiValued(step.path().getElement(0).getAttribute())) {
            names.add(step.path().getElement(0).getAttribute());
        }
        return names;
    }

    /**
     * An {@code add} of a value a multi-valued attribute has already (the same in every sub-attribute) adds nothing
     * (RFC 7644 §3.5.2.1: "no changes SHOULD be made"), nor does one that lists a value twice: the SDK appended each.
     * Only the attributes the step added to are looked at: values a User was sent with are kept as they were.
     */
    private static void withoutRepeatedValues(ObjectNode user, Step step) {
        List<String> added = new ArrayList<>();
        if (step.path() == null && step.value() != null && step.value().isObject()) {
            step.value().fieldNames().forEachRemaining(added::add);
        } else if (step.path() != null) {
            added.add(wholeValues(step.path()));
        }
        for (String name : added) {
            if (name != null && multiValued(name) && user.get(name) instanceof ArrayNode values) {
                List<JsonNode> distinct = new ArrayList<>();
                // each value compared with those of the same hash only: a PATCH of a thousand adds to one attribute
                // compared every value with every other after each add (15 s)
                Map<Integer, List<JsonNode>> seen = new HashMap<>();
                values.forEach(value -> {
                    List<JsonNode> alike = seen.computeIfAbsent(hash(value), key -> new ArrayList<>(1));
                    if (!alike.contains(value)) {
                        alike.add(value);
                        distinct.add(value);
                    }
                });
                if (distinct.size() < values.size()) {
                    values.removeAll();
                    values.addAll(distinct);
                }
            }
        }
    }

    /**
     * A hash that values equal by {@link JsonNode#equals} share, whatever the case of their attributes' names (the
     * SDK's objects may compare names without regard to case) and in whatever order the names come.
     */
    private static int hash(JsonNode node) {
        if (node instanceof ObjectNode object) {
            int hash = 0;
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                hash += field.getKey().toLowerCase(Locale.ROOT).hashCode() ^ hash(field.getValue());
            }
            return hash;
        }
        if (node instanceof ArrayNode array) {
            int hash = 1;
            for (JsonNode element : array) {
                hash = 31 * hash + hash(element);
            }
            return hash;
        }
        return node.hashCode();
    }

    /**
     * The name of the multi-valued attribute a path names whole ({@code emails}, not {@code emails[type eq "work"]}
     * nor {@code emails.value}); null for any other path.
     */
    private static String wholeValues(Path path) {
        if (path.getSchemaUrn() != null
                || path.size() != 1
                || path.getElement(0).getValueFilter() != null) {
            return null;
        }
        String name = path.getElement(0).getAttribute();
        return multiValued(name) ? name : null;
    }

    /** Whether a core User attribute of this name (any case) is multi-valued. */
    private static boolean multiValued(String name) {
        return ScimSchemas.USER_SCHEMA
                .attribute(name)
                .map(ScimAttribute::multiValued)
                .orElse(false);
    }

    /**
     * One value sent for a multi-valued attribute ({@code "path": "emails", "value": {"value": "a@b.c"}}) is a list of
     * that one: an {@code add} adds it to the values there are (RFC 7644 §3.5.2.1) and a {@code replace} leaves it the
     * only one. Sent as it was, the SDK put it in the place of them all.
     */
    private static JsonNode asValues(String attribute, JsonNode value) {
        if (!multiValued(attribute) || value == null || value.isNull() || value.isArray()) {
            return value;
        }
        return JsonUtils.getJsonNodeFactory().arrayNode().add(value);
    }

    /**
     * A {@code remove} of a multi-valued attribute that lists values ({@code "path": "roles", "value": [{"value":
     * "Reader"}]}, as Entra ID sends for group members) removes those values only: each listed value selects the values
     * whose {@code value} equals its own (case as the sub-attribute compares it); one without {@code value} those whose
     * sub-attributes equal all it gives. A listed value that matches none removes nothing. Without a value it removes
     * them all (RFC 7644 §3.5.2.2); with the value ignored, every email went with the one named.
     */
    private static List<Step> removals(Operation operation, String attribute) throws ScimException {
        ScimAttribute values = ScimSchemas.USER_SCHEMA.attribute(attribute).orElseThrow();
        List<Step> steps = new ArrayList<>();
        JsonNode listed = operation.value();
        for (JsonNode value : listed.isArray() ? listed : List.of(listed)) {
            List<Filter> comparisons = new ArrayList<>();
            if (value.isValueNode()) {
                comparisons.add(kept(values, "value", value));
            } else if (value.isObject()
                    && value.has("value")
                    && value.get("value").isValueNode()) {
                comparisons.add(kept(values, "value", value.get("value")));
            } else if (value.isObject()) {
                Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    if (values.subAttribute(field.getKey()).isEmpty()
                            || !field.getValue().isValueNode()) {
                        throw BadRequestException.invalidValue(operation.describe() + ": '" + field.getKey()
                                + "' is not a sub-attribute of '" + values.name() + "' a value to remove is found by");
                    }
                    comparisons.add(kept(values, field.getKey(), field.getValue()));
                }
            }
            if (comparisons.isEmpty()) {
                throw BadRequestException.invalidValue(operation.describe() + ": each value to remove from '"
                        + values.name() + "' names its value ({\"value\": \"...\"})");
            }
            Filter selected = comparisons.size() == 1 ? comparisons.get(0) : Filter.and(comparisons);
            steps.add(new Step(Op.REMOVE, BooleanValues.in(Path.root().attribute(values.name(), selected)), null));
        }
        return steps;
    }

    /** Whether a path names the Enterprise User's {@code manager} whole (not its {@code value} alone). */
    private static boolean namesManager(Path path) {
        return ScimSchemas.ENTERPRISE_USER.equalsIgnoreCase(path.getSchemaUrn())
                && path.size() == 1
                && path.getElement(0).getValueFilter() == null
                && path.getElement(0).getAttribute().equalsIgnoreCase("manager");
    }

    /**
     * Whether a {@code remove} of {@code manager} that lists values ({@code "value": [{"value": "<id>"}]}, a bare id, or
     * a list of either) names the manager the User has: as for a multi-valued attribute, a listed value that is not
     * the one there removes nothing. With the value ignored, a remove of the former manager, arriving after a new one
     * was set, took the new one away.
     */
    private static boolean listsManager(Operation operation, ObjectNode user) throws ScimException {
        JsonNode extension = ScimJson.field(user, ScimSchemas.ENTERPRISE_USER);
        JsonNode manager = extension == null ? null : ScimJson.field(extension, "manager");
        // as kept ({"value": "<id>"}), or as an earlier operation of this request gave it (Entra's bare id)
        JsonNode current = manager == null || manager.isTextual() ? manager : ScimJson.field(manager, "value");
        boolean listed = false;
        JsonNode sent = operation.value();
        for (JsonNode value : sent.isArray() ? sent : List.of(sent)) {
            JsonNode id = value.isObject() ? ScimJson.field(value, "value") : value;
            if (id == null || !id.isTextual()) {
                throw BadRequestException.invalidValue(
                        operation.describe() + ": each manager to remove names its id ({\"value\": \"...\"})");
            }
            // compared as the schema says manager.value compares (not case-exact, RFC 7643 §4.3)
            listed |= current != null
                    && current.isTextual()
                    && current.textValue().equalsIgnoreCase(id.textValue());
        }
        return listed;
    }

    /**
     * A listed value's sub-attribute equal to the given one as it is kept ({@code " a@b.c "} finds the email a@b.c);
     * one that is kept as none (an empty string) is compared as given, and so finds none.
     */
    private static Filter kept(ScimAttribute values, String sub, JsonNode given) {
        JsonNode kept = KeptValues.subValue(values, sub, given);
        return Filter.eq(Path.root().attribute(sub), (ValueNode) (kept == null ? given : kept));
    }

    /**
     * An {@code add} or {@code replace} whose path names a whole schema, as the same operation without a path: its
     * value is the schema's attributes (for an extension, {@code {"<extension>": value}}).
     */
    private static Operation wholeSchema(Operation operation, String extension) throws BadRequestException {
        if (!operation.value().isObject()) {
            throw BadRequestException.invalidValue(operation.describe()
                    + ": the path names a whole schema, so the value must be an object of its attributes");
        }
        ObjectNode value = ScimJson.caseInsensitiveObject();
        if (extension == null) {
            value.setAll((ObjectNode) operation.value());
        } else {
            value.set(extension, operation.value());
        }
        return operation.withoutPath(value);
    }

    /** The attributes of a path-less operation's value, named without the User's schema in front. */
    private static ObjectNode unqualified(Operation operation) throws BadRequestException {
        try {
            return ScimJson.unqualified(operation.value(), ScimSchemas.USER);
        } catch (BadRequestException e) {
            throw new BadRequestException(
                    operation.describe() + ": " + e.getMessage(),
                    e.getScimError().getScimType());
        }
    }

    /**
     * The last of the operations that gives the User's core attribute a value: by its path, by a key of a path-less
     * value, or by a key of a value whose path is the User's schema. Names the operation a refusal of that value
     * (another User has that userName) came from; empty when none names it.
     */
    static Optional<Operation> lastSetting(List<Operation> operations, String attribute) {
        for (int i = operations.size() - 1; i >= 0; i--) {
            Operation operation = operations.get(i);
            if (operation.op() == Op.REMOVE) {
                continue;
            }
            Path path = operation.path();
            boolean wholeUser =
                    path != null && ScimSchemas.USER.equalsIgnoreCase(ScimSchemas.namedSchema(path, "User"));
            if (path != null && !wholeUser) {
                Path plain = ScimSchemas.withoutSchema(path, ScimSchemas.USER);
                if (plain.getSchemaUrn() == null
                        && plain.size() > 0
                        && plain.getElement(0).getAttribute().equalsIgnoreCase(attribute)) {
                    return Optional.of(operation);
                }
            } else if (operation.value() != null && operation.value().isObject()) {
                Iterator<String> keys = operation.value().fieldNames();
                while (keys.hasNext()) {
                    String key = keys.next();
                    if (key.equalsIgnoreCase(attribute)
                            || key.equalsIgnoreCase(ScimSchemas.USER + ":" + attribute)
                            || (key.equalsIgnoreCase(ScimSchemas.USER)
                                    && ScimJson.fieldName(operation.value().get(key), attribute) != null)) {
                        return Optional.of(operation);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The custom extensions the User has (its schemas, and the URNs it keeps objects under): a path-less value's key
     * that begins with one of them names an attribute of it in full.
     */
    private static List<String> customExtensions(ObjectNode user) {
        List<String> extensions = new ArrayList<>();
        user.fields().forEachRemaining(field -> {
            String key = field.getKey();
            if (key.equalsIgnoreCase("schemas") && field.getValue().isArray()) {
                field.getValue().forEach(schema -> extensions.add(schema.asText()));
            } else if (key.regionMatches(true, 0, "urn:", 0, 4)
                    && field.getValue().isObject()) {
                extensions.add(key);
            }
        });
        return extensions;
    }

    /** Whether the key names a custom extension's attribute in full; if so, it is added to {@code named}. */
    private static boolean custom(String key, List<String> extensions, List<ScimSchemas.ExtensionAttribute> named) {
        Optional<ScimSchemas.ExtensionAttribute> attribute = ScimSchemas.customExtensionAttribute(key, extensions);
        attribute.ifPresent(named::add);
        return attribute.isPresent();
    }

    /** A key of a path-less value that is itself a path: {@code name.givenName}, {@code urn:...:User:department}. */
    private static boolean qualified(String key) {
        String extension = ScimSchemas.ENTERPRISE_USER;
        boolean extensionAttribute = key.length() > extension.length()
                && key.regionMatches(true, 0, extension, 0, extension.length())
                && key.charAt(extension.length()) == ':';
        return extensionAttribute || (!key.regionMatches(true, 0, "urn:", 0, 4) && key.contains("."));
    }

    private static Path path(Operation operation, String key) throws BadRequestException {
        try {
            return Path.fromString(key);
        } catch (BadRequestException e) {
            throw BadRequestException.invalidPath(operation.describe() + ": '" + key + "' is not a valid path");
        }
    }

    /**
     * Whether the operation on this path is to be applied: not for {@code password} (dropped); 400 for read-only and
     * unknown attributes.
     */
    private static boolean allowed(Operation operation, Path path) throws BadRequestException {
        if (path.size() == 0) {
            throw BadRequestException.invalidPath(operation.describe() + ": the path names no attribute");
        }
        String urn = path.getSchemaUrn();
        String name = path.getElement(0).getAttribute();
        if (urn == null) {
            if (name.equalsIgnoreCase("password")) {
                return false;
            }
            if (name.equalsIgnoreCase("id") || name.equalsIgnoreCase("meta") || name.equalsIgnoreCase("groups")) {
                throw BadRequestException.mutability(operation.describe() + ": " + name + " is read-only");
            }
            if (name.equalsIgnoreCase("userName") && operation.op() == Op.REMOVE) {
                throw BadRequestException.mutability(operation.describe() + ": userName is required");
            }
            if (name.equalsIgnoreCase("externalId") || name.equalsIgnoreCase("active")) {
                return true;
            }
            requireKnown(
                    operation, path, ScimSchemas.USER_SCHEMA.attribute(name).orElse(null));
            return true;
        }
        if (urn.equalsIgnoreCase(ScimSchemas.ENTERPRISE_USER)) {
            requireKnown(
                    operation,
                    path,
                    ScimSchemas.ENTERPRISE_USER_SCHEMA.attribute(name).orElse(null));
            return true;
        }
        if (ScimSchemas.reserved(urn)) {
            throw BadRequestException.invalidPath(operation.describe() + ": '" + urn + "' is not a schema of a User");
        }
        // An extension this server does not define: kept as sent.
        return true;
    }

    private static void requireKnown(Operation operation, Path path, ScimAttribute attribute)
            throws BadRequestException {
        if (attribute == null) {
            throw BadRequestException.invalidPath(operation.describe() + ": '"
                    + path.getElement(0).getAttribute() + "' is not an attribute of a User");
        }
        if (path.size() > 1 && path.getElement(1).getAttribute().isEmpty()) {
            throw BadRequestException.invalidPath(operation.describe() + ": '" + path
                    + "' is not a valid path: one filter in brackets may follow an attribute's name, not two");
        }
        if (path.size() > 2) {
            throw BadRequestException.invalidPath(operation.describe() + ": a path names an attribute and at most one"
                    + " of its sub-attributes, and '" + path.getElement(2).getAttribute() + "' is one level deeper");
        }
        if (path.size() > 1
                && attribute.subAttribute(path.getElement(1).getAttribute()).isEmpty()) {
            throw BadRequestException.invalidPath(operation.describe() + ": '" + attribute.name()
                    + "' has no sub-attribute '" + path.getElement(1).getAttribute() + "'");
        }
        Filter filter = path.getElement(0).getValueFilter();
        if (filter != null) {
            if (!attribute.multiValued() || !attribute.complex()) {
                throw BadRequestException.invalidPath(operation.describe() + ": '" + attribute.name()
                        + "' is not a list of values a filter could select from");
            }
            requireSubAttributes(operation, attribute, filter);
        }
    }

    /**
     * A value filter may name only sub-attributes of the attribute it selects from: one that names another
     * ({@code emails[tpye eq "home"].value}) would match no value, and an {@code add} or {@code replace} would then
     * add a value on every retry.
     */
    private static void requireSubAttributes(Operation operation, ScimAttribute attribute, Filter filter)
            throws BadRequestException {
        for (Filter comparison : ValueFilters.comparisons(filter)) {
            Path named = comparison.getAttributePath();
            if (named == null) {
                continue;
            }
            if (comparison.isComplexValueFilter() || named.size() != 1 || named.getSchemaUrn() != null) {
                throw BadRequestException.invalidPath(operation.describe() + ": inside " + attribute.name()
                        + "[...] name its sub-attributes, not '" + named + "'");
            }
            String sub = named.getElement(0).getAttribute();
            if (attribute.subAttribute(sub).isEmpty()) {
                throw BadRequestException.invalidPath(
                        operation.describe() + ": '" + attribute.name() + "' has no sub-attribute '" + sub + "'");
            }
        }
    }

    private static PatchOperation sdk(Op op, Path path, JsonNode value) throws ScimException {
        try {
            return switch (op) {
                case ADD -> PatchOperation.add(path, value);
                case REPLACE -> PatchOperation.replace(path, value);
                case REMOVE -> PatchOperation.remove(path);
            };
        } catch (IllegalArgumentException e) {
            // named with its operation by the caller
            if (e.getCause() instanceof ScimException scim) {
                throw scim;
            }
            throw BadRequestException.invalidSyntax(e.getMessage());
        }
    }

    private static ScimException withOperation(Operation operation, ScimException e) {
        var error = e.getScimError();
        return new ScimException(
                error.getStatus(), error.getScimType(), operation.describe() + ": " + e.getMessage(), null);
    }
}
