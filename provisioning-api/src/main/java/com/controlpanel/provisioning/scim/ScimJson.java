package com.controlpanel.provisioning.scim;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.utils.JsonUtils;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSON of the SCIM wire. Requests are read into the SDK's case-insensitive trees (SCIM attribute names are
 * case-insensitive); responses are written from plain trees.
 */
public final class ScimJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ScimJson() {}

    /**
     * A request body as a tree whose object keys compare case-insensitively: one JSON value, nothing after it, no
     * key twice in an object, in any mix of letter cases ({@code userName} and {@code USERNAME} name one attribute:
     * which of the two would count is nowhere said).
     */
    public static JsonNode read(byte[] body, Charset charset) throws IOException {
        try {
            return charset == null || charset.equals(StandardCharsets.UTF_8)
                    ? BODIES.readTree(body)
                    : BODIES.readTree(new String(body, charset));
        } catch (MismatchedInputException e) {
            // the same key in another letter case: said as the parser says an exact duplicate
            Matcher duplicate = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
            if (duplicate.lookingAt()) {
                throw new JsonParseException(
                        null,
                        "Duplicate field '" + duplicate.group(1) + "' (names are compared ignoring case)",
                        e.getLocation());
            }
            throw e;
        }
    }

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)' for ");

    /**
     * The SDK's reader of case-insensitive trees, a number with a fraction or an exponent read as the exact decimal
     * it writes ({@code 1.10}, {@code 1E+400}): read as a double it would be another number, or none ({@code 1e400}
     * is infinite), and a string attribute given one keeps its digits ({@code "1.10"}, not {@code "1.1"}).
     */
    private static final ObjectReader TREES = JsonUtils.getObjectReader()
            .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);

    /** {@link #TREES} for a request's body: one JSON value, nothing after it, no key twice (made once, immutable). */
    private static final ObjectReader BODIES = TREES.with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** A copy of a tree whose object keys compare case-insensitively (what PATCH operations are applied to). */
    public static ObjectNode caseInsensitive(ObjectNode node) {
        try {
            return (ObjectNode) TREES.readTree(MAPPER.writeValueAsBytes(node));
        } catch (IOException e) {
            throw new IllegalStateException("A resource could not be copied", e);
        }
    }

    /**
     * A resource's JSON with each attribute named without the resource's own schema in front ({@code
     * urn:ietf:params:scim:schemas:core:2.0:User:title} is {@code title}, RFC 7644 §3.10), the attributes of an object
     * under that schema's URN among the others. An attribute named twice that way is refused (which would count?).
     */
    public static ObjectNode unqualified(JsonNode body, String schema) throws BadRequestException {
        if (body instanceof ObjectNode object && !namesInFull(object, schema)) {
            // as nearly every body is (and every User a PATCH leaves): nothing to copy
            return object;
        }
        ObjectNode plain = caseInsensitiveObject();
        Map<String, String> named = new HashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = body.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equalsIgnoreCase(schema)) {
                if (!field.getValue().isObject()) {
                    throw BadRequestException.invalidValue(
                            "'" + field.getKey() + "' must be an object of the resource's attributes");
                }
                Iterator<Map.Entry<String, JsonNode>> wrapped = field.getValue().fields();
                while (wrapped.hasNext()) {
                    Map.Entry<String, JsonNode> inner = wrapped.next();
                    put(plain, named, inner.getKey(), inner.getKey(), inner.getValue());
                }
            } else {
                put(plain, named, field.getKey(), ScimSchemas.withoutSchema(field.getKey(), schema), field.getValue());
            }
        }
        return plain;
    }

    /** Whether a key of the object is the schema's URN or starts with it. */
    private static boolean namesInFull(ObjectNode object, String schema) {
        Iterator<String> names = object.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (name.regionMatches(true, 0, schema, 0, schema.length())) {
                return true;
            }
        }
        return false;
    }

    private static void put(ObjectNode plain, Map<String, String> named, String sent, String name, JsonNode value)
            throws BadRequestException {
        String before = named.put(name.toLowerCase(Locale.ROOT), sent);
        if (before != null) {
            throw BadRequestException.invalidSyntax(
                    "'" + sent + "' names the attribute that '" + before + "' names: give each attribute once");
        }
        plain.set(name, value);
    }

    /** The name, as the object spells it, of its field of this name in any case (SCIM's names are); null if none. */
    public static String fieldName(JsonNode object, String name) {
        Iterator<String> names = object.fieldNames();
        while (names.hasNext()) {
            String field = names.next();
            if (field.equalsIgnoreCase(name)) {
                return field;
            }
        }
        return null;
    }

    /** The object's field of this name in any case (SCIM's names are); null if none, or if it is no object. */
    public static JsonNode field(JsonNode object, String name) {
        String spelt = object != null && object.isObject() ? fieldName(object, name) : null;
        return spelt == null ? null : object.get(spelt);
    }

    /** An empty object whose keys compare case-insensitively. */
    public static ObjectNode caseInsensitiveObject() {
        return JsonUtils.getJsonNodeFactory().objectNode();
    }

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A SCIM response could not be written", e);
        }
    }

    /** A stored attribute value (maps, lists, strings, booleans, numbers) as a tree. */
    public static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /**
     * A tree as plain Java values (maps, lists, strings, booleans, numbers), the way profiles store them: a whole
     * number as an int, a long or a BigInteger, one with a fraction or an exponent as a double (as the event store
     * reads it back). One that no double holds ({@code 1e400}, or {@code 1e-400}, which would be kept as 0) is
     * refused rather than kept as another number.
     */
    public static Object value(JsonNode node, String where) throws BadRequestException {
        if (node.isObject()) {
            Map<String, Object> object = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                object.put(field.getKey(), value(field.getValue(), where + "." + field.getKey()));
            }
            return object;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            for (JsonNode element : node) {
                list.add(value(element, where));
            }
            return list;
        }
        if (node.isFloatingPointNumber()) {
            double kept = node.doubleValue();
            if (Double.isInfinite(kept)
                    || Double.isNaN(kept)
                    || (kept == 0 && node.decimalValue().signum() != 0)) {
                throw BadRequestException.invalidValue(
                        "'" + where + "' is a number out of the range kept (" + node.asText() + ")");
            }
            return kept;
        }
        return MAPPER.convertValue(node, Object.class);
    }
}
