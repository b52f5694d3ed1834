package com.controlpanel.provisioning.directory;

/** How a member list is ordered. */
public enum MemberSort {
    NAME("label_key"),
    EMAIL("email_key"),
    CREATED("created_at");

    final String column;

    MemberSort(String column) {
        this.column = column;
    }
}
