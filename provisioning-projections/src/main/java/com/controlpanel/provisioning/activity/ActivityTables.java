package com.controlpanel.provisioning.activity;

/** The names of one slot's activity tables: the rows, each subject's name now, the names subjects had before. */
record ActivityTables(String slot, String activity, String subject, String former) {

    static ActivityTables of(String slot) {
        if (!slot.equals("a") && !slot.equals("b")) {
            throw new IllegalArgumentException("No activity slot " + slot);
        }
        return new ActivityTables(slot, "activity_" + slot, "activity_subject_" + slot, "activity_former_name_" + slot);
    }
}
