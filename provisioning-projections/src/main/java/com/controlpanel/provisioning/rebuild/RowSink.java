package com.controlpanel.provisioning.rebuild;

import java.util.List;

/**
 * Where the rows a rebuild makes go: inserted into a slot's tables, or summed into the checksums of what the live
 * tables should hold ({@link ExpectedRows}).
 */
public interface RowSink {

    /**
     * Rows of one table.
     *
     * @param columns the columns' names, comma-separated, in the order of each row's values
     */
    void rows(String table, String columns, List<Object[]> rows);
}
