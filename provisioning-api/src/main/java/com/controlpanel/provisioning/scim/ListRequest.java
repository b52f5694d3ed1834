package com.controlpanel.provisioning.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A list or search request (RFC 7644 §3.4.2, §3.4.3): filter, order, page and which attributes to return, from the
 * query string of a GET or the body of a POST .search. {@code startIndex} is 1-based (below 1 counts as 1);
 * {@code count} below 0 counts as 0 (only the total) and above {@code provisioning.scim.max-results} as that maximum.
 */
public record ListRequest(
        String filter,
        String sortBy,
        boolean descending,
        int startIndex,
        int count,
        List<String> attributes,
        List<String> excludedAttributes) {

    private static final List<String> PARAMETERS =
            List.of("filter", "sortBy", "sortOrder", "startIndex", "count", "attributes", "excludedAttributes");

    public ListRequest {
        attributes = List.copyOf(attributes);
        excludedAttributes = List.copyOf(excludedAttributes);
    }

    public static ListRequest of(HttpServletRequest request, ScimProperties properties) throws BadRequestException {
        Map<String, List<String>> given = byName(request);
        for (String name : PARAMETERS) {
            List<String> values = given.getOrDefault(name, List.of());
            if (values.size() > 1) {
                // which one was meant? serving one of them would answer a question the client did not ask
                String detail = "The query parameter '" + name + "' is given " + values.size() + " times: give it once";
                throw name.equals("filter")
                        ? BadRequestException.invalidFilter(detail)
                        : BadRequestException.invalidValue(detail);
            }
        }
        for (String name : given.keySet()) {
            String meant = misspelt(name);
            if (meant != null) {
                // ignored, a misspelt "filter" would answer with every resource, whose first a client may take for
                // the one it looked for; a name nothing like a search parameter's (a cache buster) is ignored
                String detail = "The query parameter '" + name + "' is not one a search takes: '" + meant
                        + "' was meant? Nothing was searched (it takes " + String.join(", ", PARAMETERS) + ")";
                throw meant.equals("filter")
                        ? BadRequestException.invalidFilter(detail)
                        : BadRequestException.invalidValue(detail);
            }
        }
        return new ListRequest(
                filter(first(given, "filter")),
                blankToNull(first(given, "sortBy")),
                descending(first(given, "sortOrder")),
                startIndex(first(given, "startIndex")),
                count(first(given, "count"), properties),
                AttributeSelection.names(first(given, "attributes")),
                AttributeSelection.names(first(given, "excludedAttributes")));
    }

    /**
     * The value of a query parameter, whatever the case of its name ({@code Filter}, {@code startindex}): ignoring a
     * filter for its name's case would answer with the unfiltered list, whose first User a client may take for the
     * one it looked for. The first value if the parameter is given more than once; null if it is not given.
     */
    public static String parameter(HttpServletRequest request, String name) {
        return first(byName(request), name);
    }

    /**
     * The search parameter a name that is none is one edit from, two for a name longer than six letters (an edit: a
     * letter added, left out, changed, or two swapped; any case): {@code fliter}, {@code $filter}, {@code startIndx},
     * {@code excludedAttribute}. Null for a search parameter's own name ({@code sortby} is {@code sortBy}), and for a
     * name further from every one ({@code account}, {@code sort}).
     */
    static String misspelt(String name) {
        String given = name.toLowerCase(Locale.ROOT);
        for (String parameter : PARAMETERS) {
            if (given.equals(parameter.toLowerCase(Locale.ROOT))) {
                return null;
            }
        }
        for (String parameter : PARAMETERS) {
            // a short name is near many words (count: account, court): one edit from it, two from a longer one
            int most = parameter.length() <= 6 ? 1 : 2;
            if (edits(given, parameter.toLowerCase(Locale.ROOT), most) <= most) {
                return parameter;
            }
        }
        return null;
    }

    /**
     * The edits from one text to the other (optimal string alignment: insertions, deletions, substitutions and swaps
     * of neighbours), counted up to just past {@code most}.
     */
    private static int edits(String a, String b, int most) {
        if (Math.abs(a.length() - b.length()) > most) {
            return most + 1;
        }
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /** The query's parameters by name compared ignoring case, each with every value given under any case of it. */
    private static Map<String, List<String>> byName(HttpServletRequest request) {
        Map<String, List<String>> given = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        request.getParameterMap()
                .forEach((name, values) ->
                        given.computeIfAbsent(name, key -> new ArrayList<>()).addAll(Arrays.asList(values)));
        return given;
    }

    private static String first(Map<String, List<String>> given, String name) {
        List<String> values = given.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /**
     * From the body of {@code POST .../.search} (RFC 7644 §3.4.3), its attribute names read whatever their case. A name
     * it does not know ({@code "filtr"}), or a search parameter in the query string, where a search does not take it,
     * is refused: ignoring it would answer with the unfiltered list, as for a GET's misspelt parameter.
     */
    public static ListRequest of(HttpServletRequest request, ObjectNode sent, ScimProperties properties)
            throws BadRequestException {
        Map<String, List<String>> query = byName(request);
        for (String name : PARAMETERS) {
            if (query.containsKey(name)) {
                throw BadRequestException.invalidValue("A search (POST .search) reads '" + name
                        + "' from its body, not from the query string: send it in the body, or use GET");
            }
        }
        Map<String, JsonNode> body = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (var field : (Iterable<Map.Entry<String, JsonNode>>) sent::fields) {
            String name = field.getKey();
            if (!name.equalsIgnoreCase("schemas") && PARAMETERS.stream().noneMatch(name::equalsIgnoreCase)) {
                throw BadRequestException.invalidSyntax("'" + name + "' is not an attribute of a search request: "
                        + "it takes schemas, " + String.join(", ", PARAMETERS));
            }
            if (body.put(name, field.getValue()) != null) {
                throw BadRequestException.invalidSyntax(
                        "The search request gives '" + name + "' twice, in two letter cases: give it once");
            }
        }
        JsonNode schemas = body.get("schemas");
        if (schemas != null && !contains(schemas, ScimSchemas.SEARCH_REQUEST)) {
            throw BadRequestException.invalidValue(
                    "A search request must have the schema " + ScimSchemas.SEARCH_REQUEST);
        }
        return new ListRequest(
                filter(text(body, "filter")),
                blankToNull(text(body, "sortBy")),
                descending(text(body, "sortOrder")),
                startIndex(text(body, "startIndex")),
                count(text(body, "count"), properties),
                names(body, "attributes"),
                names(body, "excludedAttributes"));
    }

    /** The number of resources to skip. */
    public int offset() {
        return startIndex - 1;
    }

    private static String text(Map<String, JsonNode> body, String field) throws BadRequestException {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            throw BadRequestException.invalidValue("'" + field + "' must be a single value");
        }
        return value.asText();
    }

    private static List<String> names(Map<String, JsonNode> body, String field) throws BadRequestException {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (value.isTextual()) {
            return AttributeSelection.names(value.asText());
        }
        if (!value.isArray()) {
            throw BadRequestException.invalidValue("'" + field + "' must be a list of attribute names");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode name : value) {
            names.addAll(AttributeSelection.names(name.asText()));
        }
        return names;
    }

    private static boolean contains(JsonNode schemas, String schema) {
        for (JsonNode node : schemas) {
            if (node.asText().equalsIgnoreCase(schema)) {
                return true;
            }
        }
        return false;
    }

    private static boolean descending(String sortOrder) throws BadRequestException {
        if (sortOrder == null || sortOrder.isBlank() || sortOrder.strip().equalsIgnoreCase("ascending")) {
            return false;
        }
        if (sortOrder.strip().equalsIgnoreCase("descending")) {
            return true;
        }
        throw BadRequestException.invalidValue(
                "sortOrder must be 'ascending' or 'descending', not '" + sortOrder + "'");
    }

    private static int startIndex(String value) throws BadRequestException {
        Long parsed = number(value, "startIndex");
        if (parsed == null || parsed < 1) {
            return 1;
        }
        return (int) Math.min(parsed, Integer.MAX_VALUE);
    }

    private static int count(String value, ScimProperties properties) throws BadRequestException {
        Long parsed = number(value, "count");
        if (parsed == null) {
            return properties.defaultCount();
        }
        return (int) Math.max(0, Math.min(parsed, properties.maxResults()));
    }

    /**
     * An integer in ASCII digits (Java alone reads other scripts' digits too, {@code ٣} or a full-width {@code ３}); one
     * too large (or small) for 64 bits is read as the largest (smallest), which it is beyond anyway.
     */
    private static Long number(String value, String name) throws BadRequestException {
        if (value == null || value.isBlank()) {
            return null;
        }
        String digits = value.strip();
        if (!INTEGER.matcher(digits).matches()) {
            throw BadRequestException.invalidValue(name + " must be an integer, not '" + value + "'");
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return digits.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");

    /** A filter given empty is refused: listing everything is not what a client that sent one asked for. */
    private static String filter(String value) throws BadRequestException {
        if (value != null && value.isBlank()) {
            throw BadRequestException.invalidFilter(
                    "The filter is empty: give one, or leave the parameter out to list" + " every resource");
        }
        return value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
