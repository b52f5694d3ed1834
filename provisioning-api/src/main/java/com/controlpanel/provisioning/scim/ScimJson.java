package com.controlpanel.provisioning.scim;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.utils.JsonUtils;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The JSON of the SCIM wire. Requests are read into the SDK's case-insensitive trees (SCIM attribute names are
 * case-insensitive); responses are written from plain trees.
 */
public final class ScimJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ScimJson() {}

    /**
     * A request body as a tree whose object keys compare case-insensitively: one JSON value, nothing after it, no
     * key twice in an object (which of the two would count is nowhere said).
     */
    public static JsonNode read(byte[] body, Charset charset) throws IOException {
        var reader = JsonUtils.getObjectReader()
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        return charset == null || charset.equals(StandardCharsets.UTF_8)
                ? reader.readTree(body)
                : reader.readTree(new String(body, charset));
    }

    /** A copy of a tree whose object keys compare case-insensitively (what PATCH operations are applied to). */
    public static ObjectNode caseInsensitive(ObjectNode node) {
        try {
            return (ObjectNode) JsonUtils.getObjectReader().readTree(MAPPER.writeValueAsBytes(node));
        } catch (IOException e) {
            throw new IllegalStateException("A resource could not be copied", e);
        }
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

    /** A tree as plain Java values (maps, lists, strings, booleans, numbers), the way profiles store them. */
    public static Object value(JsonNode node) {
        if (node.isObject()) {
            return MAPPER.convertValue(node, Map.class);
        }
        if (node.isArray()) {
            return MAPPER.convertValue(node, List.class);
        }
        return MAPPER.convertValue(node, Object.class);
    }
}
