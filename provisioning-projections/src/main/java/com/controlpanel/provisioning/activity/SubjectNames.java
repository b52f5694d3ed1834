package com.controlpanel.provisioning.activity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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

        private record Former(String subjectId, String name) {}

        /** Former names → the organization of their subject. */
        private final Map<Former, String> former = new HashMap<>();

        @Override
        public Optional<String> name(String subjectId) {
            String[] entry = names.get(subjectId);
            return entry == null ? Optional.empty() : Optional.of(entry[1]);
        }

        @Override
        public void put(String subjectId, String organizationId, String name) {
            String[] previous = names.put(subjectId, new String[] {organizationId, name});
            if (previous != null && !previous[1].equals(name)) {
                former.put(new Former(subjectId, previous[1]), organizationId);
                former.remove(new Former(subjectId, name));
            }
        }

        Map<String, String[]> all() {
            return names;
        }

        /** The former names as rows of the former-name table ({@link ActivityStore#FORMER_COLUMNS}). */
        List<Object[]> formerNames() {
            List<Object[]> rows = new ArrayList<>(former.size());
            former.forEach(
                    (key, organizationId) -> rows.add(new Object[] {key.subjectId(), key.name(), organizationId}));
            return rows;
        }
    }
}
