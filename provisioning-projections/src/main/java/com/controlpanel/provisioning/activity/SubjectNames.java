package com.controlpanel.provisioning.activity;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The last known name of each member, team and organization, so a row can say whom it was about at the time; and the
 * names each had before its current one, so that it can be found by them (a team renamed, a member's email changed).
 */
interface SubjectNames {

    Optional<String> name(String subjectId);

    /** The subject's name from now on; the name it had until now, if another, becomes one of its former names. */
    void put(String subjectId, String organizationId, String name);

    /** Kept in memory: for a rebuild before it is written out. */
    final class InMemory implements SubjectNames {
        private final Map<String, String[]> names = new HashMap<>();
        /** Former names, by subject id and name (a NUL between them) → organization id. */
        private final Map<String, String> former = new HashMap<>();

        @Override
        public Optional<String> name(String subjectId) {
            String[] entry = names.get(subjectId);
            return entry == null ? Optional.empty() : Optional.of(entry[1]);
        }

        @Override
        public void put(String subjectId, String organizationId, String name) {
            String[] previous = names.put(subjectId, new String[] {organizationId, name});
            if (previous != null && !previous[1].equals(name)) {
                former.put(key(subjectId, previous[1]), organizationId);
                former.remove(key(subjectId, name));
            }
        }

        private static String key(String subjectId, String name) {
            return subjectId + '\0' + name;
        }

        Map<String, String[]> all() {
            return names;
        }

        /** The former names as rows of the former-name table: subject id, name, organization id. */
        Map<String, String[]> formerNames() {
            Map<String, String[]> rows = new HashMap<>(former.size() * 2);
            former.forEach((key, organizationId) -> {
                int split = key.indexOf('\0');
                rows.put(key, new String[] {key.substring(0, split), key.substring(split + 1), organizationId});
            });
            return rows;
        }
    }
}
