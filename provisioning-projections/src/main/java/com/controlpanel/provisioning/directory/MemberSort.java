package com.controlpanel.provisioning.directory;

/** How a member list is ordered. */
public enum MemberSort {
    NAME("label_key", "label"),
    EMAIL("email_key", "email"),
    CREATED("created_at", "created");

    final String column;
    /** What the member table's index of this order is named for: {@code ix_<table>_<index>}. */
    final String index;

    MemberSort(String column, String index) {
        this.column = column;
        this.index = index;
    }
}
