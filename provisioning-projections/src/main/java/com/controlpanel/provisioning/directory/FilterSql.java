package com.controlpanel.provisioning.directory;

import com.controlpanel.provisioning.directory.DirectoryFilter.All;
import com.controlpanel.provisioning.directory.DirectoryFilter.Any;
import com.controlpanel.provisioning.directory.DirectoryFilter.Compare;
import com.controlpanel.provisioning.directory.DirectoryFilter.Comparison;
import com.controlpanel.provisioning.directory.DirectoryFilter.Element;
import com.controlpanel.provisioning.directory.DirectoryFilter.Not;
import com.controlpanel.provisioning.directory.DirectoryFilter.Present;
import com.controlpanel.provisioning.domain.api.CaseInsensitive;
import com.controlpanel.provisioning.storage.SqlLower;
import com.controlpanel.provisioning.storage.StorableInstants;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a {@link DirectoryFilter} into a SQL condition over one slot's directory tables, with its parameters in order.
 * Attributes with a column of their own are compared on it (indexed: {@code userName eq} is one index lookup); every
 * other attribute through {@code dir_member_attr}, whose (path, ordinal, value) rows also answer value paths such as
 * {@code emails[type eq "work" and primary eq true]}. Every condition it writes is true or false, never SQL's
 * unknown, so {@code NOT} means what SCIM means by it. The SQL runs unchanged on H2 and PostgreSQL.
 */
final class FilterSql {

    /** How a column compares. */
    private enum Kind {
        /** Case-sensitive text (ids, external ids). */
        EXACT,
        /**
         * Text kept as its case-insensitive key in the column ({@link CaseInsensitive}), or made so by the database
         * ({@link SqlLower#keyOf}): the value is keyed too.
         */
        LOWER,
        BOOLEAN,
        INSTANT
    }

    private record Column(String expression, Kind kind, boolean nullable) {}

    /** Where the attributes of a condition are looked up: a member, a team, or one element of a multi-valued one. */
    private interface Scope {
        String compare(Compare compare);

        String present(String attribute);

        String element(Element element);
    }

    private static final Map<String, Column> MEMBER_COLUMNS = Map.of(
            "id", new Column("m.member_id", Kind.EXACT, false),
            "externalid", new Column("m.external_id", Kind.EXACT, true),
            "username", new Column("m.user_name_key", Kind.LOWER, false),
            "displayname", new Column("m.display_name_key", Kind.LOWER, true),
            "name.givenname", new Column("m.given_name_key", Kind.LOWER, true),
            "name.familyname", new Column("m.family_name_key", Kind.LOWER, true),
            "active", new Column("m.active", Kind.BOOLEAN, false),
            "meta.created", new Column("m.created_at", Kind.INSTANT, false),
            "meta.lastmodified", new Column("m.last_modified_at", Kind.INSTANT, false));

    /** What sorts by emails: the primary (else first) email, kept as a column; none when the member has no emails. */
    private static final Set<String> EMAIL_SORTS = Set.of("emails", "emails.value");

    private static final Map<String, Column> TEAM_COLUMNS = Map.of(
            "id", new Column("t.team_id", Kind.EXACT, false),
            "externalid", new Column("t.external_id", Kind.EXACT, true),
            "displayname", new Column("t.name_key", Kind.LOWER, false),
            "meta.created", new Column("t.created_at", Kind.INSTANT, false),
            "meta.lastmodified", new Column("t.last_modified_at", Kind.INSTANT, false));

    private final DirectoryTables tables;
    private final String organizationId;
    private final List<Object> args = new ArrayList<>();
    /** A team member's name lower-cased, as {@code members.display} compares it. */
    private final Column memberLabel;

    /** @param postgres whether the store is PostgreSQL (how a name is lower-cased there: {@link SqlLower}) */
    FilterSql(DirectoryTables tables, String organizationId, boolean postgres) {
        this.tables = tables;
        this.organizationId = organizationId;
        this.memberLabel = new Column(SqlLower.keyOf("mm.label", postgres), Kind.LOWER, false);
    }

    /** The parameters of every condition written so far, in order. */
    List<Object> args() {
        return args;
    }

    /** A condition on the member aliased {@code m}. */
    String members(DirectoryFilter filter) {
        return translate(filter, new MemberScope());
    }

    /** A condition on the team aliased {@code t}. */
    String teams(DirectoryFilter filter) {
        return translate(filter, new TeamScope());
    }

    /**
     * The ORDER BY of a member search; ties are broken by id so that pages are stable. A filtered search's order does
     * not start with the organization, unlike the Control Panel's list: H2 would then prefer the index of the sort
     * order to the index of a selective filter, and {@code userName eq} would read every member
     * (UserNameFilterScaleTest). A search without a filter (Okta's import, and its "Test API credentials", page
     * through every User) names the organization first, which it is anyway: H2 then reads the page straight from the
     * index of the order, {@code (organization_id, created_at, member_id)}, instead of reading and sorting every member
     * of the organization (at 100,000 members, about half a second for any page; ScimListingPlansTest).
     */
    String memberOrder(String sortBy, boolean descending, boolean unfiltered) {
        String direction = descending ? " DESC" : " ASC";
        String organization = unfiltered ? "m.organization_id" + direction + ", " : "";
        if (sortBy == null) {
            return organization + "m.created_at" + direction + ", m.member_id" + direction;
        }
        Column column = MEMBER_COLUMNS.get(sortBy);
        if (EMAIL_SORTS.contains(sortBy)) {
            // email_key holds the userName of a member without emails (the email the Control Panel shows): SCIM sorts
            // such a member as having no value
            column = new Column(
                    "CASE WHEN EXISTS (SELECT 1 FROM " + tables.memberAttribute()
                            + " e WHERE e.member_id = m.member_id AND e.path = 'emails.value') THEN m.email_key END",
                    Kind.LOWER,
                    true);
        }
        if (column == null && (sortBy.startsWith("groups") || sortBy.equals("meta.location"))) {
            throw new UnsupportedFilterException("Members can not be sorted by '" + sortBy + "'");
        }
        if (column == null) {
            // The first value of an attribute without a column of its own; no value sorts last (ascending).
            args.add(sortBy);
            column = new Column(
                    "(SELECT MIN(s.value_key) FROM " + tables.memberAttribute()
                            + " s WHERE s.member_id = m.member_id AND s.path = ? AND s.ordinal = 0)",
                    Kind.LOWER,
                    true);
        }
        return organization + ordered(column, direction) + ", m.member_id" + direction;
    }

    /** The ORDER BY of a team search; without a filter it names the organization first, as for members. */
    String teamOrder(String sortBy, boolean descending, boolean unfiltered) {
        String direction = descending ? " DESC" : " ASC";
        String organization = unfiltered ? "t.organization_id" + direction + ", " : "";
        if (sortBy == null) {
            return organization + "t.created_at" + direction + ", t.team_id" + direction;
        }
        Column column = TEAM_COLUMNS.get(sortBy);
        if (column == null) {
            throw new UnsupportedFilterException("Groups can not be sorted by '" + sortBy + "'");
        }
        return organization + ordered(column, direction) + ", t.team_id" + direction;
    }

    private static String ordered(Column column, String direction) {
        if (!column.nullable()) {
            return column.expression() + direction;
        }
        // SCIM: resources without a value come last when ascending, first when descending.
        return column.expression() + direction + (direction.equals(" ASC") ? " NULLS LAST" : " NULLS FIRST");
    }

    private String translate(DirectoryFilter filter, Scope scope) {
        if (filter instanceof All all) {
            return all.filters().isEmpty() ? "1 = 1" : join(all.filters(), " AND ", scope);
        }
        if (filter instanceof Any any) {
            return any.filters().isEmpty() ? "1 = 0" : join(any.filters(), " OR ", scope);
        }
        if (filter instanceof Not not) {
            return "NOT (" + translate(not.filter(), scope) + ")";
        }
        if (filter instanceof Compare compare) {
            return scope.compare(compare);
        }
        if (filter instanceof Present present) {
            return scope.present(present.attribute());
        }
        if (filter instanceof Element element) {
            return scope.element(element);
        }
        throw new UnsupportedFilterException("Unknown filter " + filter);
    }

    private String join(List<DirectoryFilter> filters, String operator, Scope scope) {
        List<String> parts = new ArrayList<>(filters.size());
        for (DirectoryFilter filter : filters) {
            parts.add(translate(filter, scope));
        }
        return "(" + String.join(operator, parts) + ")";
    }

    private final class MemberScope implements Scope {

        @Override
        public String compare(Compare compare) {
            String attribute = compare.attribute();
            Column column = MEMBER_COLUMNS.get(attribute);
            if (column != null) {
                return column(column, compare.comparison(), compare.value());
            }
            if (attribute.equals("groups") || attribute.equals("groups.value")) {
                args.add(organizationId);
                return memberOfTeams("", column(new Column("g.team_id", Kind.EXACT, false), compare));
            }
            if (attribute.equals("groups.display")) {
                args.add(organizationId);
                return memberOfTeams(teamJoin(), column(new Column("gt.name_key", Kind.LOWER, false), compare));
            }
            if (attribute.equals("groups.type")) {
                if (!constant("direct", compare)) {
                    return "1 = 0";
                }
                args.add(organizationId);
                return memberOfTeams("", "1 = 1");
            }
            if (attribute.startsWith("groups")) {
                throw new UnsupportedFilterException("groups can be filtered on value, display and type only");
            }
            args.add(organizationId);
            args.add(attribute);
            String value = attributeValue("a.value_key", attribute, compare);
            return "m.member_id IN (SELECT a.member_id FROM " + tables.memberAttribute()
                    + " a WHERE a.organization_id = ? AND a.path = ? AND " + value + ")";
        }

        @Override
        public String present(String attribute) {
            Column column = MEMBER_COLUMNS.get(attribute);
            if (column != null) {
                return column.nullable() ? column.expression() + " IS NOT NULL" : "1 = 1";
            }
            if (attribute.startsWith("groups")) {
                args.add(organizationId);
                return memberOfTeams("", "1 = 1");
            }
            args.add(organizationId);
            args.add(attribute);
            args.add(attribute + ".");
            args.add(attribute + "/");
            return "m.member_id IN (SELECT a.member_id FROM " + tables.memberAttribute()
                    + " a WHERE a.organization_id = ? AND (a.path = ? OR (a.path >= ? AND a.path < ?)))";
        }

        @Override
        public String element(Element element) {
            String attribute = element.attribute();
            if (attribute.equals("groups")) {
                args.add(organizationId);
                String inner = translate(
                        element.filter(),
                        new MembershipScope(
                                "groups",
                                new Column("g.team_id", Kind.EXACT, false),
                                new Column("gt.name_key", Kind.LOWER, false),
                                "direct"));
                return "m.member_id IN (SELECT g.member_id FROM " + tables.membership() + " g" + teamJoin()
                        + " WHERE g.organization_id = ? AND (" + inner + "))";
            }
            if (MEMBER_COLUMNS.containsKey(attribute) || attribute.startsWith("meta")) {
                throw new UnsupportedFilterException("'" + attribute + "' is not multi-valued");
            }
            if (element.filter() instanceof Any any && !any.filters().isEmpty()) {
                // an element satisfies one of the filters or another exactly when one element satisfies the first or
                // one the second: each then reads only the rows of the comparison it requires, if it requires one
                return translate(
                        new Any(any.filters().stream()
                                .map(filter -> (DirectoryFilter) new Element(attribute, filter))
                                .toList()),
                        this);
            }
            args.add(organizationId);
            // Every row of one element shares its ordinal: the element is (member, ordinal) under the path. The rows
            // read for the elements are those of one sub-attribute the filter requires, compared right there (an
            // index range, one lookup for eq), when it requires one; else every row under the attribute's path.
            List<DirectoryFilter> conjuncts = conjuncts(element.filter());
            int anchor = anchor(conjuncts);
            DirectoryFilter rest = element.filter();
            String rows;
            if (anchor >= 0) {
                Compare required = (Compare) conjuncts.get(anchor);
                args.add(attribute + "." + required.attribute());
                rows = "el.path = ? AND "
                        + attributeValue("el.value_key", attribute + "." + required.attribute(), required);
                List<DirectoryFilter> others = new ArrayList<>(conjuncts);
                others.remove(anchor);
                rest = new All(others);
            } else {
                args.add(attribute + ".");
                args.add(attribute + "/");
                rows = "el.path >= ? AND el.path < ?";
            }
            String inner = translate(rest, new AttributeElementScope(attribute));
            return "m.member_id IN (SELECT el.member_id FROM " + tables.memberAttribute()
                    + " el WHERE el.organization_id = ? AND " + rows + " AND (" + inner + "))";
        }

        /**
         * Which of a value filter's {@link #conjuncts} is a comparison every matching element must satisfy with a row
         * of its own (an {@code eq} on {@code value} first, the likeliest to single an element out, then any
         * {@code eq}, then the first); -1 when there is none (an {@code or}, a {@code not}, only {@code pr}).
         */
        private static int anchor(List<DirectoryFilter> conjuncts) {
            int any = -1;
            int eq = -1;
            for (int i = 0; i < conjuncts.size(); i++) {
                if (conjuncts.get(i) instanceof Compare compare) {
                    boolean equality = compare.comparison() == Comparison.EQ;
                    if (equality && compare.attribute().equals("value")) {
                        return i;
                    }
                    if (equality && eq < 0) {
                        eq = i;
                    }
                    if (any < 0) {
                        any = i;
                    }
                }
            }
            return eq >= 0 ? eq : any;
        }

        /** The filters a value filter joins with {@code and}: those of an {@link All}, or the filter alone. */
        private static List<DirectoryFilter> conjuncts(DirectoryFilter filter) {
            return filter instanceof All all ? all.filters() : List.of(filter);
        }

        /** A condition on the member's teams; the caller has added the organization's id before its parameters. */
        private String memberOfTeams(String join, String condition) {
            return "m.member_id IN (SELECT g.member_id FROM " + tables.membership() + " g" + join
                    + " WHERE g.organization_id = ? AND " + condition + ")";
        }

        private String teamJoin() {
            return " JOIN " + tables.team() + " gt ON gt.team_id = g.team_id";
        }
    }

    /** The sub-attributes of one element of a multi-valued attribute kept in {@code dir_member_attr}. */
    private final class AttributeElementScope implements Scope {

        private final String attribute;

        AttributeElementScope(String attribute) {
            this.attribute = attribute;
        }

        @Override
        public String compare(Compare compare) {
            args.add(attribute + "." + compare.attribute());
            String value = attributeValue("x.value_key", attribute + "." + compare.attribute(), compare);
            return "EXISTS (SELECT 1 FROM " + tables.memberAttribute()
                    + " x WHERE x.member_id = el.member_id AND x.path = ? AND x.ordinal = el.ordinal AND " + value
                    + ")";
        }

        @Override
        public String present(String subAttribute) {
            args.add(attribute + "." + subAttribute);
            return "EXISTS (SELECT 1 FROM " + tables.memberAttribute()
                    + " x WHERE x.member_id = el.member_id AND x.path = ? AND x.ordinal = el.ordinal)";
        }

        @Override
        public String element(Element element) {
            throw new UnsupportedFilterException("A value filter can not contain another one");
        }
    }

    private final class TeamScope implements Scope {

        @Override
        public String compare(Compare compare) {
            Column column = TEAM_COLUMNS.get(compare.attribute());
            if (column != null) {
                return column(column, compare.comparison(), compare.value());
            }
            switch (compare.attribute()) {
                case "members", "members.value" -> {
                    args.add(organizationId);
                    return hasMembers("", column(new Column("ms.member_id", Kind.EXACT, false), compare));
                }
                case "members.display" -> {
                    args.add(organizationId);
                    return hasMembers(memberJoin(), column(memberLabel, compare));
                }
                case "members.type" -> {
                    if (!constant("user", compare)) {
                        return "1 = 0";
                    }
                    args.add(organizationId);
                    return hasMembers("", "1 = 1");
                }
                default ->
                    throw new UnsupportedFilterException("Groups can not be filtered by '" + compare.attribute() + "'");
            }
        }

        @Override
        public String present(String attribute) {
            Column column = TEAM_COLUMNS.get(attribute);
            if (column != null) {
                return column.nullable() ? column.expression() + " IS NOT NULL" : "1 = 1";
            }
            if (attribute.startsWith("members")) {
                args.add(organizationId);
                return hasMembers("", "1 = 1");
            }
            throw new UnsupportedFilterException("Groups can not be filtered by '" + attribute + "'");
        }

        @Override
        public String element(Element element) {
            if (!element.attribute().equals("members")) {
                throw new UnsupportedFilterException("'" + element.attribute() + "' is not multi-valued");
            }
            args.add(organizationId);
            String inner = translate(
                    element.filter(),
                    new MembershipScope("members", new Column("ms.member_id", Kind.EXACT, false), memberLabel, "user"));
            return "t.team_id IN (SELECT ms.team_id FROM " + tables.membership() + " ms" + memberJoin()
                    + " WHERE ms.organization_id = ? AND (" + inner + "))";
        }

        /** A condition on the team's members; the caller has added the organization's id before its parameters. */
        private String hasMembers(String join, String condition) {
            return "t.team_id IN (SELECT ms.team_id FROM " + tables.membership() + " ms" + join
                    + " WHERE ms.organization_id = ? AND " + condition + ")";
        }

        private String memberJoin() {
            return " JOIN " + tables.member() + " mm ON mm.member_id = ms.member_id";
        }
    }

    /**
     * One membership, as a member's {@code groups} or a team's {@code members} shows it: the other side's id
     * ({@code value}), its name ({@code display}) and a {@code type} that is the same for every one.
     */
    private final class MembershipScope implements Scope {

        private final String attribute;
        private final Column value;
        private final Column display;
        private final String type;

        MembershipScope(String attribute, Column value, Column display, String type) {
            this.attribute = attribute;
            this.value = value;
            this.display = display;
            this.type = type;
        }

        @Override
        public String compare(Compare compare) {
            return switch (compare.attribute()) {
                case "value" -> column(value, compare);
                case "display" -> column(display, compare);
                case "type" -> constant(type, compare) ? "1 = 1" : "1 = 0";
                default ->
                    throw new UnsupportedFilterException(
                            attribute + " has no sub-attribute '" + compare.attribute() + "' to filter on");
            };
        }

        @Override
        public String present(String subAttribute) {
            return "1 = 1";
        }

        @Override
        public String element(Element element) {
            throw new UnsupportedFilterException("A value filter can not contain another one");
        }
    }

    private String column(Column column, Compare compare) {
        return column(column, compare.comparison(), compare.value());
    }

    /** A comparison on a column; a nullable column without a value compares false. */
    private String column(Column column, Comparison comparison, Object value) {
        String condition = switch (column.kind()) {
            case EXACT -> text(column.expression(), comparison, stored(comparison, String.valueOf(value)));
            case LOWER -> text(column.expression(), comparison, stored(comparison, lower(value)));
            case BOOLEAN -> {
                if (comparison != Comparison.EQ) {
                    throw new UnsupportedFilterException("A boolean can only be compared with eq");
                }
                args.add(bool(value));
                yield column.expression() + " = ?";
            }
            case INSTANT -> {
                args.add(instant(value));
                yield column.expression() + " " + operator(comparison, "dateTime") + " ?";
            }
        };
        return column.nullable() ? "(" + column.expression() + " IS NOT NULL AND " + condition + ")" : condition;
    }

    /**
     * The value an {@code eq} compares with a text stored stripped of the spaces around it (every column a filter
     * reads, and a member's name and emails among the other attributes): stripped too, so that "Ops Team " finds the
     * "Ops Team" its create stored (and whose name a second create is refused as taken), as a client that looks a
     * value up before it creates one expects. Other comparisons, and other attributes (kept as the client sent them),
     * compare the value as given.
     */
    private static String stored(Comparison comparison, String value) {
        return comparison == Comparison.EQ ? value.strip() : value;
    }

    /** Attributes of {@code dir_member_attr} whose values are stored stripped (a member's name and emails). */
    private static boolean storedStripped(String path) {
        return path.startsWith("name.") || path.startsWith("emails.");
    }

    /** A comparison on the {@code value_key} of a {@code dir_member_attr} row at a path: case-insensitive keys. */
    private String attributeValue(String expression, String path, Compare compare) {
        Object value = compare.value();
        String text = value instanceof Boolean b ? b.toString() : lower(value);
        return text(expression, compare.comparison(), storedStripped(path) ? stored(compare.comparison(), text) : text);
    }

    private String text(String expression, Comparison comparison, String value) {
        switch (comparison) {
            case CO -> {
                args.add("%" + likeEscaped(value) + "%");
                return expression + " LIKE ? ESCAPE '!'";
            }
            case SW -> {
                args.add(likeEscaped(value) + "%");
                return expression + " LIKE ? ESCAPE '!'";
            }
            case EW -> {
                args.add("%" + likeEscaped(value));
                return expression + " LIKE ? ESCAPE '!'";
            }
            default -> {
                args.add(value);
                return expression + " " + operator(comparison, "text") + " ?";
            }
        }
    }

    private static String operator(Comparison comparison, String type) {
        return switch (comparison) {
            case EQ -> "=";
            case GT -> ">";
            case GE -> ">=";
            case LT -> "<";
            case LE -> "<=";
            default ->
                throw new UnsupportedFilterException("A " + type + " can not be compared with "
                        + comparison.name().toLowerCase(Locale.ROOT));
        };
    }

    /** A sub-attribute whose value is the same for every element (a member's groups are all direct). */
    private static boolean constant(String constant, Compare compare) {
        String value = lower(compare.value());
        return switch (compare.comparison()) {
            case EQ -> constant.equals(stored(Comparison.EQ, value));
            case CO -> constant.contains(value);
            case SW -> constant.startsWith(value);
            case EW -> constant.endsWith(value);
            case GT -> constant.compareTo(value) > 0;
            case GE -> constant.compareTo(value) >= 0;
            case LT -> constant.compareTo(value) < 0;
            case LE -> constant.compareTo(value) <= 0;
        };
    }

    /** A value as the key columns and {@code value_key} hold it. */
    private static String lower(Object value) {
        return CaseInsensitive.key(String.valueOf(value));
    }

    private static boolean bool(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        String text = String.valueOf(value);
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new UnsupportedFilterException("'" + value + "' is not a boolean");
    }

    private static OffsetDateTime instant(Object value) {
        if (value instanceof Instant instant) {
            return StorableInstants.utc(instant);
        }
        try {
            return OffsetDateTime.parse(String.valueOf(value)).withOffsetSameInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new UnsupportedFilterException("'" + value + "' is not a dateTime such as 2026-01-31T12:00:00Z");
        }
    }

    static String likeEscaped(String text) {
        return DirectoryQueries.likeEscaped(text);
    }
}
