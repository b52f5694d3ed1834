package com.controlpanel.provisioning.storage;

import com.controlpanel.provisioning.domain.api.CaseInsensitive;

/**
 * SQL's {@code LOWER} of a read model's text, every letter lower-cased as Java's {@code toLowerCase} does, not ASCII's
 * only. On PostgreSQL the read models' text is {@code COLLATE "C"} ({@link ReadModelCollation}), under which
 * {@code LOWER('Émile')} is {@code 'Émile'}: the database's own collation is named for it there, and its character
 * rules lower-case the rest (those of the {@code en_US.utf8} or {@code C.UTF-8} a database is made in; a database made
 * with the plain {@code C} locale lower-cases ASCII only). H2's {@code LOWER} is Java's.
 */
public final class SqlLower {

    private SqlLower() {}

    public static String of(String expression, boolean postgres) {
        return postgres ? "LOWER(" + expression + " COLLATE \"default\")" : "LOWER(" + expression + ")";
    }

    /**
     * The case-insensitive key of a read model's text, made by the database: {@link #of lower-cased}, then each char
     * that {@code CaseInsensitive.key} writes as another written so (Greek's final sigma as the other, whichever of
     * the two the database lower-cased a capital sigma to). Compares with {@code CaseInsensitive.key} of a value.
     */
    public static String keyOf(String expression, boolean postgres) {
        return folded(of(expression, postgres));
    }

    /**
     * A lower-cased text (or a key stored lower-cased alone) with each char that {@code CaseInsensitive.key} writes as
     * another written so: its case-insensitive key.
     */
    public static String folded(String lowerCased) {
        return "TRANSLATE(" + lowerCased + ", '" + CaseInsensitive.FOLDED_FROM + "', '" + CaseInsensitive.FOLDED_TO
                + "')";
    }
}
