package com.controlpanel.provisioning.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ScimException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The operations of a PATCH request (RFC 7644 §3.5.2), as Okta and Entra ID send them: op names in any case
 * ({@code Replace}), an optional path parsed by the SDK ({@code emails[type eq "work"].value}), and a value.
 */
public final class PatchRequestBody {

    /** What an operation does. */
    public enum Op {
        ADD,
        REPLACE,
        REMOVE
    }

    /**
     * One operation; {@code path} is null when the value names the attributes itself. {@code sent} is the op as the
     * request named it: a {@code replace} by null is done as a {@code remove}, and named as sent.
     */
    public record Operation(int index, Op op, String sent, Path path, JsonNode value) {

        /** How the operation is named in an error message. */
        public String describe() {
            return "Operation " + index + " (" + sent + (path == null ? "" : " " + path) + ")";
        }

        /** The same operation without a path, on these attributes (a path that names a whole schema, read so). */
        public Operation withoutPath(JsonNode attributes) {
            return new Operation(index, op, sent, null, attributes);
        }
    }

    /**
     * The most operations one PATCH may hold. Okta and Entra ID send a few (a group's members go as the values of one
     * operation); each operation is applied to the whole resource, so thousands of them on a large User would hold a
     * core for many seconds.
     */
    public static final int MAX_OPERATIONS = 1000;

    private PatchRequestBody() {}

    /**
     * The operations of the body.
     *
     * @throws ScimException 400 for a body that is no PATCH request; 413 for more than {@link #MAX_OPERATIONS}
     *     operations (as RFC 7644 §3.7.4 answers a bulk request over its {@code maxOperations})
     */
    public static List<Operation> operations(ObjectNode body) throws ScimException {
        JsonNode schemas = body.get("schemas");
        if (schemas != null && !schemas.isNull()) {
            boolean patchOp = false;
            for (JsonNode schema : schemas) {
                patchOp |= schema.asText().equalsIgnoreCase(ScimSchemas.PATCH_OP);
            }
            if (!patchOp) {
                throw BadRequestException.invalidValue("A PATCH request must have the schema " + ScimSchemas.PATCH_OP);
            }
        }
        JsonNode operations = body.get("Operations");
        if (operations == null || !operations.isArray()) {
            throw BadRequestException.invalidSyntax("A PATCH request needs an 'Operations' list");
        }
        if (operations.isEmpty()) {
            // RFC 7644 §3.5.2: "an array of one or more patch operations"
            throw BadRequestException.invalidSyntax("A PATCH request needs at least one operation in 'Operations'");
        }
        if (operations.size() > MAX_OPERATIONS) {
            throw new ScimException(
                    413,
                    null,
                    "A PATCH request may hold at most " + MAX_OPERATIONS + " operations, not " + operations.size()
                            + ": send them in several requests (or many values in one operation)");
        }
        List<Operation> parsed = new ArrayList<>();
        int index = 1;
        for (JsonNode operation : operations) {
            parsed.add(operation(index++, operation));
        }
        return parsed;
    }

    private static Operation operation(int index, JsonNode node) throws BadRequestException {
        if (!node.isObject()) {
            throw BadRequestException.invalidSyntax("Operation " + index + " must be an object");
        }
        JsonNode opNode = node.get("op");
        String name =
                opNode == null || !opNode.isTextual() ? "" : opNode.textValue().strip();
        Op op = switch (name.toLowerCase(Locale.ROOT)) {
            case "add" -> Op.ADD;
            case "replace" -> Op.REPLACE;
            case "remove" -> Op.REMOVE;
            default ->
                throw BadRequestException.invalidSyntax("Operation " + index + ": op must be add, remove or replace, "
                        + (opNode == null || opNode.isNull()
                                ? "and it is missing"
                                : opNode.isTextual() ? "not '" + name + "'" : "a string, not " + opNode));
        };
        JsonNode pathNode = node.get("path");
        Path path = null;
        if (pathNode != null && !pathNode.isNull()) {
            if (!pathNode.isTextual() || pathNode.textValue().isBlank()) {
                throw BadRequestException.invalidPath("Operation " + index + ": path must be a non-empty string");
            }
            FilterTranslator.Brackets brackets = FilterTranslator.Brackets.of(pathNode.textValue());
            if (brackets.deepest() > FilterTranslator.MAX_NESTING) {
                throw BadRequestException.invalidPath("Operation " + index + ": its path's brackets and parentheses"
                        + " nest " + brackets.deepest() + " deep, more than the " + FilterTranslator.MAX_NESTING
                        + " this service takes");
            }
            if (!brackets.balanced()) {
                // the SDK's parser closes an unclosed value filter by itself, and the path then selects nothing
                throw BadRequestException.invalidPath("Operation " + index + ": '" + pathNode.textValue()
                        + "' is not a valid path: unbalanced quotes, brackets or parentheses");
            }
            try {
                path = Path.fromString(pathNode.textValue());
            } catch (BadRequestException e) {
                throw BadRequestException.invalidPath("Operation " + index + ": '" + pathNode.textValue()
                        + "' is not a valid path: " + FilterTranslator.clean(e.getMessage()));
            }
        }
        JsonNode value = node.get("value");
        if (op == Op.REPLACE && path != null && value != null && value.isNull()) {
            // null is the unassigned value (RFC 7643 §2.5): replacing an attribute by it removes the attribute
            op = Op.REMOVE;
        }
        if (op != Op.REMOVE && (value == null || value.isNull())) {
            throw BadRequestException.invalidSyntax("Operation " + index + " (" + name + ") needs a value");
        }
        if (op != Op.REMOVE && path == null && !value.isObject()) {
            throw BadRequestException.invalidSyntax(
                    "Operation " + index + " has no path: its value must be an object of attributes");
        }
        if (op == Op.REMOVE && path == null) {
            throw BadRequestException.noTarget("Operation " + index + " (remove) needs a path");
        }
        return new Operation(
                index, op, name.toLowerCase(Locale.ROOT), path, value == null || value.isNull() ? null : value);
    }
}
