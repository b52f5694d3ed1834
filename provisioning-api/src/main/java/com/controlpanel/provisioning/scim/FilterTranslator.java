package com.controlpanel.provisioning.scim;

import com.controlpanel.provisioning.directory.DirectoryFilter;
import com.controlpanel.provisioning.directory.DirectoryFilter.Comparison;
import com.controlpanel.provisioning.scim.ScimAttribute.Type;
import com.controlpanel.provisioning.storage.StorableInstants;
import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.filters.AndFilter;
import com.unboundid.scim2.common.filters.ComplexValueFilter;
import com.unboundid.scim2.common.filters.ContainsFilter;
import com.unboundid.scim2.common.filters.EndsWithFilter;
import com.unboundid.scim2.common.filters.EqualFilter;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.filters.FilterVisitor;
import com.unboundid.scim2.common.filters.GreaterThanFilter;
import com.unboundid.scim2.common.filters.GreaterThanOrEqualFilter;
import com.unboundid.scim2.common.filters.LessThanFilter;
import com.unboundid.scim2.common.filters.LessThanOrEqualFilter;
import com.unboundid.scim2.common.filters.NotEqualFilter;
import com.unboundid.scim2.common.filters.NotFilter;
import com.unboundid.scim2.common.filters.OrFilter;
import com.unboundid.scim2.common.filters.PresentFilter;
import com.unboundid.scim2.common.filters.StartsWithFilter;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a SCIM filter (RFC 7644 §3.4.2.2, parsed by the UnboundID SDK's {@code Filter.fromString}) into a
 * {@link DirectoryFilter} the directory evaluates in SQL. Attribute names are resolved against the schemas
 * case-insensitively and checked against their types: an unknown attribute, or a comparison its type does not allow
 * ({@code active gt true}), is 400 invalidFilter.
 */
public final class FilterTranslator {

    /** What a filter of one resource type may name. */
    private record Resource(String type, ScimSchema core, ScimSchema extension, boolean otherExtensions) {}

    /** An attribute as resolved: its directory path and definition (null for id, externalId and meta). */
    private record Resolved(String path, Type type, ScimAttribute definition) {}

    /** Where a filter's attribute names are looked up: the resource, or one element of a multi-valued attribute. */
    private record Scope(ScimAttribute element, String prefix) {
        static final Scope TOP = new Scope(null, "");
    }

    private static final Resource USERS =
            new Resource("User", ScimSchemas.USER_SCHEMA, ScimSchemas.ENTERPRISE_USER_SCHEMA, true);
    private static final Resource GROUPS = new Resource("Group", ScimSchemas.GROUP_SCHEMA, null, false);

    private final Resource resource;
    private int comparisons;

    private FilterTranslator(Resource resource) {
        this.resource = resource;
    }

    public static DirectoryFilter users(String filter) throws ScimException {
        return new FilterTranslator(USERS).translate(filter);
    }

    public static DirectoryFilter groups(String filter) throws ScimException {
        return new FilterTranslator(GROUPS).translate(filter);
    }

    /** The directory path to sort users by; null for the default order. */
    public static String userSortBy(String sortBy) throws ScimException {
        return new FilterTranslator(USERS).sortBy(sortBy);
    }

    public static String groupSortBy(String sortBy) throws ScimException {
        return new FilterTranslator(GROUPS).sortBy(sortBy);
    }

    private DirectoryFilter translate(String filter) throws ScimException {
        if (filter == null || filter.isBlank()) {
            return DirectoryFilter.ANY;
        }
        requireBalanced(filter);
        Filter parsed;
        try {
            parsed = Filter.fromString(subAttributeComparisons(filter));
        } catch (BadRequestException e) {
            throw BadRequestException.invalidFilter("Invalid filter '" + shown(filter) + "': " + clean(e.getMessage()));
        }
        return parsed.visit(new Translation(), Scope.TOP);
    }

    /** A sub-attribute compared right after a value filter's bracket: {@code ].value eq }, {@code ].value pr}. */
    private static final Pattern SUB_ATTRIBUTE_COMPARISON = Pattern.compile(
            "\\.([A-Za-z][\\w$-]*)\\s+(?:(pr)(?![\\w$-])|(eq|ne|co|sw|ew|gt|ge|lt|le)\\s+)", Pattern.CASE_INSENSITIVE);

    /**
     * A comparison of one sub-attribute of filtered values, {@code emails[type eq "work"].value eq "ann@example.com"},
     * read as the value filter it means, {@code emails[(type eq "work") and value eq "ann@example.com"]}: one email both
     * of type work and of that address. Entra ID sends that form when a mapping of {@code emails[type eq "work"].value}
     * matches its users; RFC 7644's grammar ends a value path at its bracket, so the SDK refuses it. Quoted strings are
     * left as they are. The filter's brackets and quotes are balanced ({@link #requireBalanced}).
     */
    static String subAttributeComparisons(String filter) {
        StringBuilder read = new StringBuilder(filter.length() + 16);
        int copied = 0;
        int opened = -1;
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < filter.length(); i++) {
            char c = filter.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '[' && depth++ == 0) {
                opened = i;
            } else if (c == ']' && --depth == 0) {
                Matcher comparison = SUB_ATTRIBUTE_COMPARISON.matcher(filter).region(i + 1, filter.length());
                if (comparison.lookingAt()) {
                    boolean present = comparison.group(2) != null;
                    int end = present ? comparison.end() : valueEnd(filter, comparison.end());
                    read.append(filter, copied, opened + 1)
                            .append('(')
                            .append(filter, opened + 1, i)
                            .append(") and ")
                            .append(comparison.group(1))
                            .append(' ')
                            .append(present ? comparison.group(2) : comparison.group(3));
                    if (!present) {
                        read.append(' ').append(filter, comparison.end(), end);
                    }
                    read.append(']');
                    copied = end;
                    i = end - 1;
                }
            }
        }
        return copied == 0
                ? filter
                : read.append(filter, copied, filter.length()).toString();
    }

    /** A filter as an error quotes it: its first 200 characters. */
    private static String shown(String filter) {
        return filter.length() <= 200 ? filter : filter.substring(0, 200) + "…";
    }

    /** Where the value starting at {@code start} ends: after its closing quote, or before a space or parenthesis. */
    private static int valueEnd(String filter, int start) {
        int i = start;
        if (i < filter.length() && filter.charAt(i) == '"') {
            for (i++; i < filter.length() && filter.charAt(i) != '"'; i++) {
                if (filter.charAt(i) == '\\') {
                    i++;
                }
            }
            return Math.min(i + 1, filter.length());
        }
        while (i < filter.length() && !Character.isWhitespace(filter.charAt(i)) && filter.charAt(i) != ')') {
            i++;
        }
        return i;
    }

    /** How deep parentheses and brackets may nest in a filter: deeper, its translation would run out of stack. */
    static final int MAX_NESTING = 100;

    /**
     * How many comparisons a filter may hold. Okta and Entra ID send one or two; each is a condition of the database's
     * query, and thousands of them made one search hold a connection for minutes, starving every organization.
     */
    static final int MAX_COMPARISONS = 100;

    private void count() throws BadRequestException {
        if (++comparisons > MAX_COMPARISONS) {
            throw BadRequestException.invalidFilter(
                    "Invalid filter: it holds more than the " + MAX_COMPARISONS + " comparisons this service takes");
        }
    }

    /**
     * The SDK's parser closes an unclosed value filter by itself; a filter must close what it opens, and nest at most
     * {@link #MAX_NESTING} deep.
     */
    private static void requireBalanced(String filter) throws BadRequestException {
        Brackets brackets = Brackets.of(filter);
        if (!brackets.balanced()) {
            throw BadRequestException.invalidFilter(
                    "Invalid filter '" + shown(filter) + "': unbalanced quotes, brackets or parentheses");
        }
        if (brackets.deepest() > MAX_NESTING) {
            throw BadRequestException.invalidFilter("Invalid filter: its parentheses and brackets nest "
                    + brackets.deepest() + " deep, more than the " + MAX_NESTING + " this service takes");
        }
    }

    /**
     * How deep parentheses and brackets nest in a filter or a path, outside its quoted strings: the SDK parses and
     * evaluates them recursively, so a deep one must be refused before it is parsed (a PATCH path's value filter as
     * much as a search's filter).
     */
    static int nesting(String text) {
        return Brackets.of(text).deepest();
    }

    /** The brackets and parentheses of a filter or path, outside its quoted strings. */
    record Brackets(boolean balanced, int deepest) {

        static Brackets of(String text) {
            int brackets = 0;
            int parentheses = 0;
            int deepest = 0;
            boolean quoted = false;
            for (int i = 0; i < text.length() && brackets >= 0 && parentheses >= 0; i++) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '\\') {
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    }
                    continue;
                }
                switch (c) {
                    case '"' -> quoted = true;
                    case '[' -> brackets++;
                    case ']' -> brackets--;
                    case '(' -> parentheses++;
                    case ')' -> parentheses--;
                    default -> {}
                }
                deepest = Math.max(deepest, brackets + parentheses);
            }
            return new Brackets(!quoted && brackets == 0 && parentheses == 0, deepest);
        }
    }

    private String sortBy(String sortBy) throws ScimException {
        if (sortBy == null) {
            return null;
        }
        if (nesting(sortBy) > MAX_NESTING) {
            throw BadRequestException.invalidValue(
                    "sortBy nests brackets more than " + MAX_NESTING + " deep: it must name one attribute");
        }
        Path path;
        try {
            path = Path.fromString(sortBy);
        } catch (BadRequestException e) {
            throw BadRequestException.invalidValue("sortBy '" + sortBy + "' is not an attribute path");
        }
        for (Path.Element element : path) {
            if (element.getValueFilter() != null) {
                throw BadRequestException.invalidValue(
                        "sortBy '" + sortBy + "' holds a filter: sort by an attribute, e.g. emails.value");
            }
        }
        Resolved resolved;
        try {
            resolved = resolve(path, Scope.TOP);
        } catch (BadRequestException e) {
            throw BadRequestException.invalidValue("Can not sort by '" + sortBy + "': " + e.getMessage());
        }
        if (resolved.path().startsWith("groups") || resolved.path().startsWith("members")) {
            throw BadRequestException.invalidValue(resource.type() + "s can not be sorted by '" + sortBy + "'");
        }
        if (resource == GROUPS && resolved.path().equals("meta.location")) {
            throw BadRequestException.invalidValue("Groups can not be sorted by '" + sortBy + "'");
        }
        return resolved.path();
    }

    private final class Translation implements FilterVisitor<DirectoryFilter, Scope> {

        @Override
        public DirectoryFilter visit(EqualFilter filter, Scope scope) throws ScimException {
            if (filter.getComparisonValue() == null
                    || filter.getComparisonValue().isNull()) {
                return new DirectoryFilter.Not(present(filter.getAttributePath(), scope));
            }
            return compare(filter.getAttributePath(), Comparison.EQ, filter.getComparisonValue(), scope);
        }

        @Override
        public DirectoryFilter visit(NotEqualFilter filter, Scope scope) throws ScimException {
            if (filter.getComparisonValue() == null
                    || filter.getComparisonValue().isNull()) {
                return present(filter.getAttributePath(), scope);
            }
            Path path = filter.getAttributePath();
            ScimAttribute values = scope.element() == null
                            && path.size() >= 1
                            && path.size() <= 2
                            && path.getElement(0).getValueFilter() == null
                    ? topLevel(path)
                    : null;
            if (values != null && values.multiValued() && values.complex()) {
                // A multi-valued attribute matches when any of its values does (RFC 7644 §3.4.2.2): emails.type ne
                // "work" finds a User with an email of another type, as emails[type ne "work"] does, not one without
                // any work email ("not (emails.type eq "work")" says that).
                String sub = path.size() == 2 ? path.getElement(1).getAttribute() : "value";
                return new DirectoryFilter.Element(
                        attributePath(path, values),
                        new DirectoryFilter.Not(compare(
                                Path.root().attribute(sub),
                                Comparison.EQ,
                                filter.getComparisonValue(),
                                new Scope(values, ""))));
            }
            return new DirectoryFilter.Not(compare(path, Comparison.EQ, filter.getComparisonValue(), scope));
        }

        @Override
        public DirectoryFilter visit(ContainsFilter filter, Scope scope) throws ScimException {
            return compare(filter.getAttributePath(), Comparison.CO, filter.getComparisonValue(), scope);
        }

        @Override
        public DirectoryFilter visit(StartsWithFilter filter, Scope scope) throws ScimException {
            return compare(filter.getAttributePath(), Comparison.SW, filter.getComparisonValue(), scope);
        }

        @Override
        public DirectoryFilter visit(EndsWithFilter filter, Scope scope) throws ScimException {
            return compare(filter.getAttributePath(), Comparison.EW, filter.getComparisonValue(), scope);
        }

        @Override
        public DirectoryFilter visit(PresentFilter filter, Scope scope) throws ScimException {
            return present(filter.getAttributePath(), scope);
        }

        @Override
        public DirectoryFilter visit(GreaterThanFilter filter, Scope scope) throws ScimException {
            return compare(filter.getAttributePath(), Comparison.GT, filter.getComparisonValue(), scope);
        }

        @Override
        public DirectoryFilter visit(GreaterThanOrEqualFilter filter, Scope scope) throws ScimException {
            return compare(filter.getAttributePath(), Comparison.GE, filter.getComparisonValue(), scope);
        }

        @Override
        public DirectoryFilter visit(LessThanFilter filter, Scope scope) throws ScimException {
            return compare(filter.getAttributePath(), Comparison.LT, filter.getComparisonValue(), scope);
        }

        @Override
        public DirectoryFilter visit(LessThanOrEqualFilter filter, Scope scope) throws ScimException {
            return compare(filter.getAttributePath(), Comparison.LE, filter.getComparisonValue(), scope);
        }

        @Override
        public DirectoryFilter visit(AndFilter filter, Scope scope) throws ScimException {
            return new DirectoryFilter.All(combined(filter.getCombinedFilters(), scope));
        }

        @Override
        public DirectoryFilter visit(OrFilter filter, Scope scope) throws ScimException {
            return new DirectoryFilter.Any(combined(filter.getCombinedFilters(), scope));
        }

        @Override
        public DirectoryFilter visit(NotFilter filter, Scope scope) throws ScimException {
            return new DirectoryFilter.Not(filter.getInvertedFilter().visit(this, scope));
        }

        @Override
        public DirectoryFilter visit(ComplexValueFilter filter, Scope scope) throws ScimException {
            if (scope.element() != null) {
                throw BadRequestException.invalidFilter("A value filter can not contain another value filter");
            }
            Path path = filter.getAttributePath();
            if (path.size() != 1) {
                throw BadRequestException.invalidFilter(
                        "A value filter applies to an attribute, not to '" + path + "'");
            }
            ScimAttribute attribute = topLevel(path);
            if (attribute == null || !attribute.complex()) {
                throw BadRequestException.invalidFilter(
                        "'" + path + "' is not a complex attribute: it takes no value filter");
            }
            String name = attributePath(path, attribute);
            if (attribute.multiValued()) {
                return new DirectoryFilter.Element(name, filter.getValueFilter().visit(this, new Scope(attribute, "")));
            }
            // A single complex value (name, manager): its sub-attributes are attributes of the resource.
            return filter.getValueFilter().visit(this, new Scope(attribute, name + "."));
        }

        private List<DirectoryFilter> combined(List<Filter> filters, Scope scope) throws ScimException {
            List<DirectoryFilter> translated = new ArrayList<>(filters.size());
            for (Filter filter : filters) {
                translated.add(filter.visit(this, scope));
            }
            return translated;
        }

        private DirectoryFilter present(Path path, Scope scope) throws ScimException {
            count();
            ScimAttribute attribute = scope.element() == null && path.size() == 1 ? topLevel(path) : null;
            if (attribute != null && attribute.complex() && !attribute.multiValued()) {
                // A single complex value (name) is present when any of its sub-attributes is.
                String name = attributePath(path, attribute);
                List<DirectoryFilter> any = new ArrayList<>();
                for (ScimAttribute sub : attribute.subAttributes()) {
                    any.add(new DirectoryFilter.Present(name + "." + lower(sub.name())));
                }
                return new DirectoryFilter.Any(any);
            }
            return new DirectoryFilter.Present(resolve(path, scope).path());
        }

        private DirectoryFilter compare(Path path, Comparison comparison, JsonNode value, Scope scope)
                throws ScimException {
            count();
            Resolved resolved = resolve(path, scope);
            String op = comparison.name().toLowerCase(Locale.ROOT);
            if (value == null || value.isNull()) {
                throw BadRequestException.invalidFilter("'" + op + "' needs a value, not null");
            }
            return switch (resolved.type()) {
                case BOOLEAN -> {
                    if (comparison != Comparison.EQ) {
                        throw BadRequestException.invalidFilter(
                                "'" + path + "' is a boolean: compare it with eq, ne or pr, not " + op);
                    }
                    yield new DirectoryFilter.Compare(resolved.path(), comparison, bool(path, value));
                }
                case DATETIME -> {
                    if (comparison == Comparison.CO || comparison == Comparison.SW || comparison == Comparison.EW) {
                        throw BadRequestException.invalidFilter(
                                "'" + path + "' is a dateTime: compare it with eq, ne, gt, ge, lt, le or pr");
                    }
                    yield new DirectoryFilter.Compare(resolved.path(), comparison, instant(path, value));
                }
                case BINARY -> {
                    if (comparison != Comparison.EQ) {
                        throw BadRequestException.invalidFilter(
                                "'" + path + "' is binary: compare it with eq, ne or pr, not " + op);
                    }
                    yield new DirectoryFilter.Compare(resolved.path(), comparison, text(path, value));
                }
                case STRING, REFERENCE -> {
                    if (!value.isTextual()) {
                        throw BadRequestException.invalidFilter("'" + path + "' is a string: compare it with a"
                                + " quoted value, e.g. " + path + " " + op + " \"text\"");
                    }
                    yield new DirectoryFilter.Compare(resolved.path(), comparison, value.textValue());
                }
                default -> new DirectoryFilter.Compare(resolved.path(), comparison, text(path, value));
            };
        }
    }

    /** The directory path and type of an attribute named in a filter or sortBy. */
    private Resolved resolve(Path path, Scope scope) throws ScimException {
        if (scope.element() != null) {
            return resolveInElement(path, scope);
        }
        if (path.size() == 0 || path.size() > 2) {
            throw BadRequestException.invalidFilter("'" + path + "' is not an attribute of a " + resource.type());
        }
        String first = path.getElement(0).getAttribute();
        String urn = path.getSchemaUrn();
        boolean core = urn == null || urn.equalsIgnoreCase(resource.core().id());
        if (core && path.size() == 1 && first.equalsIgnoreCase("id")) {
            return new Resolved("id", Type.STRING, null);
        }
        if (core && path.size() == 1 && first.equalsIgnoreCase("externalId")) {
            return new Resolved("externalid", Type.STRING, null);
        }
        if (core && first.equalsIgnoreCase("meta")) {
            String sub = path.size() == 2 ? path.getElement(1).getAttribute() : "";
            if (sub.equalsIgnoreCase("created")) {
                return new Resolved("meta.created", Type.DATETIME, null);
            }
            if (sub.equalsIgnoreCase("lastModified")) {
                return new Resolved("meta.lastmodified", Type.DATETIME, null);
            }
            throw BadRequestException.invalidFilter(
                    "Of meta, only meta.created and meta.lastModified can be filtered or sorted on");
        }
        ScimAttribute attribute = topLevel(path);
        if (attribute == null) {
            if (!core && resource.otherExtensions() && !knownUrn(urn)) {
                // An extension this server does not define: kept as sent, compared as text.
                return new Resolved(lower(urn + ":" + joined(path)), Type.STRING, null);
            }
            throw BadRequestException.invalidFilter(
                    "'" + path + "' is not an attribute of a " + resource.type() + " on this server");
        }
        if (attribute.returned() == ScimAttribute.Returned.NEVER) {
            throw BadRequestException.invalidFilter("'" + attribute.name() + "' can not be filtered on");
        }
        String name = attributePath(path, attribute);
        if (path.size() == 2) {
            if (path.getElement(0).getValueFilter() != null) {
                throw BadRequestException.invalidFilter("'" + path + "' is not an attribute path");
            }
            ScimAttribute sub = attribute
                    .subAttribute(path.getElement(1).getAttribute())
                    .orElseThrow(() -> BadRequestException.invalidFilter("'" + attribute.name()
                            + "' has no sub-attribute '" + path.getElement(1).getAttribute() + "'"));
            return new Resolved(name + "." + lower(sub.name()), sub.type(), sub);
        }
        if (attribute.complex()) {
            // A complex attribute compared as a whole means its value sub-attribute (emails co "example.com").
            ScimAttribute value = attribute
                    .subAttribute("value")
                    .orElseThrow(() -> BadRequestException.invalidFilter(
                            "'" + attribute.name() + "' is complex: name one of its sub-attributes"));
            return new Resolved(name + ".value", value.type(), value);
        }
        return new Resolved(name, attribute.type(), attribute);
    }

    /** A sub-attribute named inside a value filter: {@code type} in {@code emails[type eq "work"]}. */
    private Resolved resolveInElement(Path path, Scope scope) throws ScimException {
        if (path.size() != 1 || (path.getSchemaUrn() != null)) {
            throw BadRequestException.invalidFilter(
                    "Inside " + scope.element().name() + "[...] name its sub-attributes, not '" + path + "'");
        }
        ScimAttribute sub = scope.element()
                .subAttribute(path.getElement(0).getAttribute())
                .orElseThrow(() ->
                        BadRequestException.invalidFilter("'" + scope.element().name() + "' has no sub-attribute '"
                                + path.getElement(0).getAttribute() + "'"));
        return new Resolved(scope.prefix() + lower(sub.name()), sub.type(), sub);
    }

    /** The definition of the attribute a path starts with, in the core schema or the extension it names. */
    private ScimAttribute topLevel(Path path) {
        String urn = path.getSchemaUrn();
        String name = path.getElement(0).getAttribute();
        if (urn == null || urn.equalsIgnoreCase(resource.core().id())) {
            return resource.core().attribute(name).orElse(null);
        }
        if (resource.extension() != null
                && urn.equalsIgnoreCase(resource.extension().id())) {
            return resource.extension().attribute(name).orElse(null);
        }
        return null;
    }

    /** The directory's name of a top-level attribute: lower-cased, prefixed by its extension's URN. */
    private String attributePath(Path path, ScimAttribute attribute) {
        String urn = path.getSchemaUrn();
        if (urn == null || urn.equalsIgnoreCase(resource.core().id())) {
            return lower(attribute.name());
        }
        return lower(resource.extension().id() + ":" + attribute.name());
    }

    private static boolean knownUrn(String urn) {
        return urn.equalsIgnoreCase(ScimSchemas.USER)
                || urn.equalsIgnoreCase(ScimSchemas.ENTERPRISE_USER)
                || urn.equalsIgnoreCase(ScimSchemas.GROUP);
    }

    private static String joined(Path path) {
        StringBuilder out = new StringBuilder();
        for (Path.Element element : path) {
            out.append(out.length() == 0 ? "" : ".").append(element.getAttribute());
        }
        return out.toString();
    }

    private static Boolean bool(Path path, JsonNode value) throws BadRequestException {
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        Boolean text = value.isTextual() ? ScimValues.booleanText(value.textValue()) : null;
        if (text != null) {
            return text;
        }
        throw BadRequestException.invalidFilter("'" + path + "' is a boolean: compare it with true or false");
    }

    private static Instant instant(Path path, JsonNode value) throws BadRequestException {
        Instant instant;
        try {
            instant = OffsetDateTime.parse(value.asText()).toInstant();
        } catch (DateTimeParseException e) {
            throw BadRequestException.invalidFilter(
                    "'" + path + "' is a dateTime: compare it with a value such as \"2026-01-31T12:00:00Z\"");
        }
        if (!StorableInstants.storable(instant)) {
            throw BadRequestException.invalidFilter(
                    "'" + path + "' is compared with " + instant + ": a dateTime must be " + StorableInstants.RANGE);
        }
        return instant;
    }

    private static String text(Path path, JsonNode value) throws BadRequestException {
        if (value.isValueNode()) {
            return value.asText();
        }
        throw BadRequestException.invalidFilter("'" + path + "' must be compared with a single value");
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    /** The SDK's parse error, without the JSON parser's source excerpt. */
    static String clean(String message) {
        if (message == null) {
            return "";
        }
        int cut = message.indexOf(": Unexpected");
        if (cut < 0) {
            cut = message.indexOf(" (start marker");
        }
        if (cut < 0) {
            cut = message.indexOf('\n');
        }
        return cut < 0 ? message : message.substring(0, cut);
    }
}
