package com.controlpanel.provisioning.scim;

import com.unboundid.scim2.common.filters.Filter;
import java.util.ArrayList;
import java.util.List;

/** The filter inside a PATCH path's brackets ({@code members[value eq "…"]}, {@code emails[type eq "work"]}). */
public final class ValueFilters {

    private ValueFilters() {}

    /**
     * The filters it is made of, {@code and}, {@code or} and {@code not} taken apart: each compares one attribute
     * (or is a nested value filter, which names one too), for a check of the attributes a value filter may name.
     */
    public static List<Filter> comparisons(Filter filter) {
        List<Filter> comparisons = new ArrayList<>();
        collect(filter, comparisons);
        return comparisons;
    }

    private static void collect(Filter filter, List<Filter> comparisons) {
        if (filter.isCombiningFilter()) {
            for (Filter each : filter.getCombinedFilters()) {
                collect(each, comparisons);
            }
        } else if (filter.isNotFilter()) {
            collect(filter.getInvertedFilter(), comparisons);
        } else {
            comparisons.add(filter);
        }
    }
}
