package com.controlpanel.provisioning.rebuild;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceUtils;

/** Compares two tables of the same shape row by row in key order, streaming both (memory stays flat). */
public final class TableComparer {

    private static final int MAX_DIFFERENCES = 20;

    private TableComparer() {}

    /** Compares a pair on this connection (in the snapshot it holds, if any). */
    public static TableComparison compare(Connection connection, TablePair pair) {
        return compare(connection, pair.readModel(), pair.liveTable(), pair.rebuiltTable(), pair.keyColumns(), null);
    }

    /** Compares two tables on a connection of the pool. */
    public static TableComparison compare(
            DataSource dataSource,
            String readModel,
            String liveTable,
            String rebuiltTable,
            List<String> keyColumns,
            String condition,
            Object... conditionArgs) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            return compare(connection, readModel, liveTable, rebuiltTable, keyColumns, condition, conditionArgs);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /**
     * @param keyColumns the columns that identify a row, in sort order
     * @param condition a SQL condition both sides are limited to (null = every row)
     */
    private static TableComparison compare(
            Connection connection,
            String readModel,
            String liveTable,
            String rebuiltTable,
            List<String> keyColumns,
            String condition,
            Object... conditionArgs) {
        try (PreparedStatement live = prepare(connection, liveTable, keyColumns, condition, conditionArgs);
                PreparedStatement rebuilt = prepare(connection, rebuiltTable, keyColumns, condition, conditionArgs);
                ResultSet left = live.executeQuery();
                ResultSet right = rebuilt.executeQuery()) {
            MessageDigest liveDigest = sha256();
            MessageDigest rebuiltDigest = sha256();
            int columns = left.getMetaData().getColumnCount();
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= columns; i++) {
                names.add(left.getMetaData().getColumnLabel(i).toLowerCase());
            }
            List<Integer> keyIndexes = keyColumns.stream()
                    .map(key -> names.indexOf(key.toLowerCase()) + 1)
                    .toList();
            long liveRows = 0;
            long rebuiltRows = 0;
            List<String> differences = new ArrayList<>();
            boolean hasLeft = left.next();
            boolean hasRight = right.next();
            while (hasLeft || hasRight) {
                int order = !hasLeft ? 1 : !hasRight ? -1 : compareKeys(left, right, keyIndexes);
                if (order < 0) {
                    liveRows++;
                    liveDigest.update(rowText(left, columns));
                    note(differences, key(left, keyColumns, keyIndexes) + ": only in the live read model");
                    hasLeft = left.next();
                } else if (order > 0) {
                    rebuiltRows++;
                    rebuiltDigest.update(rowText(right, columns));
                    note(differences, key(right, keyColumns, keyIndexes) + ": only in the rebuilt read model");
                    hasRight = right.next();
                } else {
                    liveRows++;
                    rebuiltRows++;
                    byte[] leftText = rowText(left, columns);
                    byte[] rightText = rowText(right, columns);
                    liveDigest.update(leftText);
                    rebuiltDigest.update(rightText);
                    for (int i = 1; i <= columns; i++) {
                        if (!Objects.equals(left.getString(i), right.getString(i))) {
                            note(
                                    differences,
                                    key(left, keyColumns, keyIndexes) + ": " + names.get(i - 1) + " is "
                                            + abbreviate(left.getString(i)) + " live, "
                                            + abbreviate(right.getString(i)) + " rebuilt");
                            break;
                        }
                    }
                    hasLeft = left.next();
                    hasRight = right.next();
                }
            }
            String liveChecksum = HexFormat.of().formatHex(liveDigest.digest());
            String rebuiltChecksum = HexFormat.of().formatHex(rebuiltDigest.digest());
            return new TableComparison(
                    readModel,
                    liveTable.replaceAll("_[ab]$", ""),
                    liveRows,
                    rebuiltRows,
                    liveChecksum,
                    rebuiltChecksum,
                    liveChecksum.equals(rebuiltChecksum) && liveRows == rebuiltRows,
                    List.copyOf(differences));
        } catch (SQLException e) {
            throw new IllegalStateException("Comparing " + liveTable + " with " + rebuiltTable + " failed", e);
        }
    }

    private static PreparedStatement prepare(
            Connection connection, String table, List<String> keys, String condition, Object[] args)
            throws SQLException {
        List<String> order = new ArrayList<>();
        boolean postgres =
                connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        try (PreparedStatement shape = connection.prepareStatement("SELECT * FROM " + table + " WHERE 1 = 0");
                ResultSet empty = shape.executeQuery()) {
            var meta = empty.getMetaData();
            for (String key : keys) {
                boolean text = false;
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    if (meta.getColumnLabel(i).equalsIgnoreCase(key)) {
                        int type = meta.getColumnType(i);
                        text = type == java.sql.Types.VARCHAR || type == java.sql.Types.CHAR;
                    }
                }
                // PostgreSQL sorts text by locale; "C" sorts it by code point, as this comparison does
                order.add(postgres && text ? key + " COLLATE \"C\"" : key);
            }
        }
        PreparedStatement statement = connection.prepareStatement("SELECT * FROM " + table
                + (condition == null ? "" : " WHERE " + condition) + " ORDER BY " + String.join(", ", order));
        statement.setFetchSize(1000);
        for (int i = 0; i < args.length; i++) {
            statement.setObject(i + 1, args[i]);
        }
        return statement;
    }

    private static int compareKeys(ResultSet left, ResultSet right, List<Integer> keyIndexes) throws SQLException {
        for (int index : keyIndexes) {
            Object a = left.getObject(index);
            Object b = right.getObject(index);
            int order;
            if (a instanceof Number x && b instanceof Number y) {
                order = Long.compare(x.longValue(), y.longValue());
            } else {
                // the database sorted them; compare the same way it does for our key columns (plain strings)
                order = String.valueOf(a).compareTo(String.valueOf(b));
            }
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }

    private static byte[] rowText(ResultSet rs, int columns) throws SQLException {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
            text.append(rs.getString(i)).append('\u001f');
        }
        return text.append('\u001e').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String key(ResultSet rs, List<String> keyColumns, List<Integer> indexes) throws SQLException {
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < indexes.size(); i++) {
            key.append(i == 0 ? "" : ", ").append(keyColumns.get(i)).append('=').append(rs.getString(indexes.get(i)));
        }
        return key.toString();
    }

    private static void note(List<String> differences, String difference) {
        if (differences.size() < MAX_DIFFERENCES) {
            differences.add(difference);
        }
    }

    private static String abbreviate(String value) {
        if (value == null) {
            return "null";
        }
        return value.length() <= 80 ? "'" + value + "'" : "'" + value.substring(0, 77) + "...'";
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
