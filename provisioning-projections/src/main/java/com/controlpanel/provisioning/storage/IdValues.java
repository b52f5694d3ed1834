package com.controlpanel.provisioning.storage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * Many ids given to one query as a list of values joined by key, {@code (VALUES (?), (?), …) AS v(id)}, a few
 * hundred at a time. H2 reads such a join one key lookup per id, where {@code organization_id = ? AND id IN (…)} may be
 * read as the organization's index with the list as a filter over every row of the organization.
 */
public final class IdValues {

    /** How many ids one query names at most. */
    public static final int MAX = 500;

    private IdValues() {}

    /** The ids, {@link #MAX} at a time, in their order. */
    public static List<List<String>> chunks(Collection<String> ids) {
        List<String> all = List.copyOf(ids);
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += MAX) {
            chunks.add(all.subList(from, Math.min(all.size(), from + MAX)));
        }
        return chunks;
    }

    /** The table of so many ids, as a query's {@code FROM} names it: its one column is {@code v.id}. */
    public static String table(int count) {
        return "(VALUES " + String.join(",", Collections.nCopies(count, "(?)")) + ") AS v(id)";
    }
}
