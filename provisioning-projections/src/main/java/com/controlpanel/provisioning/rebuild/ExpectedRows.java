package com.controlpanel.provisioning.rebuild;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The rows a rebuild folded from the events, summed into each live table's order-free checksum as {@link
 * TableComparer} reads it from the table (the same values, in the table's column order), without writing them.
 * Equal checksums: the live table holds exactly the rows a rebuild would write into a fresh one.
 */
public final class ExpectedRows implements RowSink {

    private final DataSource dataSource;
    private final Map<String, Table> tables = new LinkedHashMap<>();

    /** @param dataSource where each table's columns are read (its rows are not) */
    public ExpectedRows(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void rows(String table, String columns, List<Object[]> rows) {
        Table expected = table(table);
        int[] order = expected.order(columns);
        if (order == null) {
            return;
        }
        TableComparer.Sum sum = expected.sum;
        for (Object[] row : rows) {
            for (int index : order) {
                sum.value(row[index]);
            }
            sum.endRow();
        }
    }

    /** The checksum of what this table should hold (no rows given: empty). */
    public TableComparer.Checksum checksum(String table) {
        return table(table).sum.checksum();
    }

    /**
     * Why the rows given can not be compared with this table, if they can not: a column the table has that the rows
     * lack, or the other way round (the read model's shape changed since the table was made).
     */
    public Optional<String> shapeDiffers(String table) {
        return Optional.ofNullable(table(table).shapeDiffers);
    }

    private Table table(String name) {
        return tables.computeIfAbsent(name.toLowerCase(Locale.ROOT), key -> {
            try (Connection connection = dataSource.getConnection()) {
                return new Table(TableComparer.columns(connection, key));
            } catch (SQLException e) {
                throw new IllegalStateException("Could not read the columns of " + key, e);
            }
        });
    }

    private static final class Table {
        final List<String> columns;
        final TableComparer.Sum sum = new TableComparer.Sum();
        /** For each columns list given: where each of the table's columns is in it. */
        final Map<String, int[]> orders = new LinkedHashMap<>();

        String shapeDiffers;

        Table(List<String> columns) {
            this.columns = columns;
        }

        /** Where each of the table's columns is among these; null (and the shape noted) when they are not the same. */
        int[] order(String given) {
            return orders.computeIfAbsent(given, key -> {
                List<String> names = Arrays.stream(key.split(","))
                        .map(name -> name.trim().toLowerCase(Locale.ROOT))
                        .toList();
                if (names.size() != columns.size() || !names.containsAll(columns)) {
                    shapeDiffers = "the columns differ: " + String.join(", ", columns) + " live, "
                            + String.join(", ", names) + " rebuilt";
                    return null;
                }
                return columns.stream().mapToInt(names::indexOf).toArray();
            });
        }
    }
}
