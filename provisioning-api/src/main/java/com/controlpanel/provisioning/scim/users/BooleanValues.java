package com.controlpanel.provisioning.scim.users;

import com.controlpanel.provisioning.scim.ScimAttribute;
import com.controlpanel.provisioning.scim.ScimSchema;
import com.controlpanel.provisioning.scim.ScimSchemas;
import com.controlpanel.provisioning.scim.ScimValues;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ValueNode;
import com.unboundid.scim2.common.Path;
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
import java.util.ArrayList;
import java.util.List;

/**
 * A PATCH path whose value filter compares a boolean sub-attribute with {@code "True"} or {@code "False"} as strings
 * (Entra ID: {@code roles[primary eq "True"].value}), with those compared as booleans: the values kept are booleans,
 * which the SDK never finds equal to a string.
 */
final class BooleanValues implements FilterVisitor<Filter, Void> {

    private final ScimAttribute attribute;

    private BooleanValues(ScimAttribute attribute) {
        this.attribute = attribute;
    }

    /** The path with string booleans in its value filters read as booleans; the same path when it has none. */
    static Path in(Path path) throws ScimException {
        if (path == null) {
            return null;
        }
        String urn = path.getSchemaUrn();
        ScimSchema schema = urn != null && urn.equalsIgnoreCase(ScimSchemas.ENTERPRISE_USER)
                ? ScimSchemas.ENTERPRISE_USER_SCHEMA
                : ScimSchemas.USER_SCHEMA;
        Path read = urn == null ? Path.root() : Path.root(urn);
        for (Path.Element element : path) {
            Filter filter = element.getValueFilter();
            ScimAttribute attribute = schema.attribute(element.getAttribute()).orElse(null);
            read = filter == null || attribute == null
                    ? read.attribute(element.getAttribute(), filter)
                    : read.attribute(element.getAttribute(), filter.visit(new BooleanValues(attribute), null));
        }
        return read;
    }

    private boolean booleanAttribute(Path path) {
        return path.size() == 1
                && attribute
                        .subAttribute(path.getElement(0).getAttribute())
                        .map(sub -> sub.type() == ScimAttribute.Type.BOOLEAN)
                        .orElse(false);
    }

    /** The comparison value as a boolean where the attribute is one and the value is its string. */
    private ValueNode value(Path path, ValueNode value) {
        Boolean read = booleanAttribute(path) && value != null ? ScimValues.booleanString(value) : null;
        return read == null ? value : BooleanNode.valueOf(read);
    }

    @Override
    public Filter visit(EqualFilter filter, Void unused) {
        return Filter.eq(filter.getAttributePath(), value(filter.getAttributePath(), filter.getComparisonValue()));
    }

    @Override
    public Filter visit(NotEqualFilter filter, Void unused) {
        return Filter.ne(filter.getAttributePath(), value(filter.getAttributePath(), filter.getComparisonValue()));
    }

    @Override
    public Filter visit(AndFilter filter, Void unused) throws ScimException {
        return Filter.and(each(filter.getCombinedFilters()));
    }

    @Override
    public Filter visit(OrFilter filter, Void unused) throws ScimException {
        return Filter.or(each(filter.getCombinedFilters()));
    }

    @Override
    public Filter visit(NotFilter filter, Void unused) throws ScimException {
        return Filter.not(filter.getInvertedFilter().visit(this, null));
    }

    private List<Filter> each(List<Filter> filters) throws ScimException {
        List<Filter> read = new ArrayList<>();
        for (Filter filter : filters) {
            read.add(filter.visit(this, null));
        }
        return read;
    }

    @Override
    public Filter visit(ContainsFilter filter, Void unused) {
        return filter;
    }

    @Override
    public Filter visit(StartsWithFilter filter, Void unused) {
        return filter;
    }

    @Override
    public Filter visit(EndsWithFilter filter, Void unused) {
        return filter;
    }

    @Override
    public Filter visit(PresentFilter filter, Void unused) {
        return filter;
    }

    @Override
    public Filter visit(GreaterThanFilter filter, Void unused) {
        return filter;
    }

    @Override
    public Filter visit(GreaterThanOrEqualFilter filter, Void unused) {
        return filter;
    }

    @Override
    public Filter visit(LessThanFilter filter, Void unused) {
        return filter;
    }

    @Override
    public Filter visit(LessThanOrEqualFilter filter, Void unused) {
        return filter;
    }

    @Override
    public Filter visit(ComplexValueFilter filter, Void unused) {
        return filter;
    }
}
