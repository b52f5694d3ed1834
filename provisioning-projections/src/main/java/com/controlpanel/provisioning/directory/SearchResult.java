package com.controlpanel.provisioning.directory;

import java.util.List;

/** One page of a search and how many members or teams match in all. */
public record SearchResult<T>(List<T> items, long total) {

    public SearchResult {
        items = List.copyOf(items);
    }
}
