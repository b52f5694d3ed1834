package com.controlpanel.provisioning.directory;

import java.util.List;

/**
 * A condition on the members or teams of one organization, evaluated in the database by {@link DirectorySearch}.
 * Attributes are named by their lower-cased SCIM path ({@code username}, {@code name.givenname}, {@code emails.value},
 * {@code urn:ietf:params:scim:schemas:extension:enterprise:2.0:user:department}); values are {@link String},
 * {@link Boolean} or {@link java.time.Instant}. Strings compare case-insensitively, except ids and external ids.
 */
public sealed interface DirectoryFilter {

    /** Matches every member or team. */
    DirectoryFilter ANY = new All(List.of());

    /** How a {@link Compare} compares. */
    enum Comparison {
        EQ,
        CO,
        SW,
        EW,
        GT,
        GE,
        LT,
        LE
    }

    /** Every one of the filters holds (all of none: always). */
    record All(List<DirectoryFilter> filters) implements DirectoryFilter {
        public All {
            filters = List.copyOf(filters);
        }
    }

    /** At least one of the filters holds. */
    record Any(List<DirectoryFilter> filters) implements DirectoryFilter {
        public Any {
            filters = List.copyOf(filters);
        }
    }

    /** The filter does not hold (also when the attribute has no value). */
    record Not(DirectoryFilter filter) implements DirectoryFilter {}

    /** The attribute has a value that compares so with the given one (any value, for a multi-valued attribute). */
    record Compare(String attribute, Comparison comparison, Object value) implements DirectoryFilter {
        public Compare {
            if (value == null) {
                throw new IllegalArgumentException("A comparison needs a value");
            }
        }
    }

    /** The attribute has a value. */
    record Present(String attribute) implements DirectoryFilter {}

    /**
     * One element of a multi-valued attribute ({@code emails}, {@code groups}, {@code members}...) satisfies the
     * filter, whose attributes are the element's sub-attributes ({@code type}, {@code value}, {@code primary}).
     */
    record Element(String attribute, DirectoryFilter filter) implements DirectoryFilter {}
}
