package com.controlpanel.provisioning.directory;

/** How a team list is ordered. */
public enum TeamSort {
    NAME("name_order"),
    CREATED("created_at"),
    MEMBERS("member_count");

    final String column;

    TeamSort(String column) {
        this.column = column;
    }
}
