package com.controlpanel.provisioning.activity;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The last known name of each member, team and organization, so a row can say whom it was about at the time. */
interface SubjectNames {

    Optional<String> name(String subjectId);

    void put(String subjectId, String organizationId, String name);

    /** Kept in memory: for a rebuild before it is written out. */
    final class InMemory implements SubjectNames {
        private final Map<String, String[]> names = new HashMap<>();

        @Override
        public Optional<String> name(String subjectId) {
            String[] entry = names.get(subjectId);
            return entry == null ? Optional.empty() : Optional.of(entry[1]);
        }

        @Override
        public void put(String subjectId, String organizationId, String name) {
            names.put(subjectId, new String[] {organizationId, name});
        }

        Map<String, String[]> all() {
            return names;
        }
    }
}
