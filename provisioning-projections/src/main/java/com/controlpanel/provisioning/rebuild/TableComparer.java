package com.controlpanel.provisioning.rebuild;

import com.controlpanel.provisioning.storage.SharedDatabase;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Compares two tables of the same shape, streaming them (memory stays flat).
 *
 * <p>First each side's order-free checksum, read in the order the database stores its rows: the row count and the sums
 * of the rows' SHA-256 digests. Equal, the tables hold the same rows. Reading them in key order instead took about
 * three times as long on H2; so only tables whose checksums differ are read again, both in key order side by side, to
 * name the differing rows. Both sides must have the same columns in the same order; tables that do not differ.
 */
public final class TableComparer {

    private static final int MAX_DIFFERENCES = 20;

    private TableComparer() {}

    /** Compares a pair on this connection (in the snapshot it holds, if any), one side after the other. */
    public static TableComparison compare(Connection connection, TablePair pair) {
        return compare(connection, connection, pair, Runnable::run);
    }

    /**
     * Compares a pair, each side read on its own connection (in the snapshot each holds): the live side's checksum
     * on the executor while this thread reads the rebuilt side's, which halves the time on two cores.
     */
    public static TableComparison compare(Connection live, Connection rebuilt, TablePair pair, Executor executor) {
        try {
            List<String> liveColumns = columns(live, pair.liveTable());
            List<String> rebuiltColumns = columns(rebuilt, pair.rebuiltTable());
            if (!liveColumns.equals(rebuiltColumns)) {
                // rows are compared column by column in order: tables of other shapes are not the same read model
                return new TableComparison(
                        pair.readModel(),
                        pair.liveTable().replaceAll("_[ab]$", ""),
                        count(live, pair.liveTable()),
                        count(rebuilt, pair.rebuiltTable()),
                        null,
                        null,
                        false,
                        List.of("the columns differ: " + String.join(", ", liveColumns) + " live, "
                                + String.join(", ", rebuiltColumns) + " rebuilt"));
            }
            Checksum[] sums = checksums(live, rebuilt, pair, executor);
            boolean equal = sums[0].equals(sums[1]);
            List<String> differences = equal ? List.of() : differences(live, rebuilt, pair);
            return new TableComparison(
                    pair.readModel(),
                    pair.liveTable().replaceAll("_[ab]$", ""),
                    sums[0].rows(),
                    sums[1].rows(),
                    sums[0].hex(),
                    sums[1].hex(),
                    equal,
                    differences);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Comparing " + pair.liveTable() + " with " + pair.rebuiltTable() + " failed", e);
        }
    }

    /** A table's rows and the sums of their digests' two halves: the same whatever order the rows are read in. */
    public record Checksum(long rows, long high, long low) {

        String hex() {
            return "%016x%016x".formatted(high, low);
        }
    }

    /**
     * The live side's checksum and the rebuilt side's, read side by side. Returns only once both reads have ended,
     * however either ends: the caller may close the connections then.
     */
    private static Checksum[] checksums(Connection live, Connection rebuilt, TablePair pair, Executor executor)
            throws SQLException {
        CompletableFuture<Checksum> liveSum = CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return checksum(live, pair.liveTable());
                    } catch (SQLException e) {
                        throw new CompletionException(e);
                    }
                },
                executor);
        Checksum rebuiltSum;
        try {
            rebuiltSum = checksum(rebuilt, pair.rebuiltTable());
        } catch (SQLException | RuntimeException e) {
            try {
                liveSum.join();
            } catch (CompletionException | CancellationException ignored) {
                // the rebuilt side's failure is the one reported
            }
            throw e;
        }
        try {
            return new Checksum[] {liveSum.join(), rebuiltSum};
        } catch (CompletionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    static Checksum checksum(Connection connection, String table) throws SQLException {
        Sum sum = new Sum();
        try (PreparedStatement statement = connection.prepareStatement("SELECT * FROM " + table)) {
            statement.setFetchSize(1000);
            try (ResultSet rs = statement.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                int columns = meta.getColumnCount();
                int[] types = new int[columns];
                for (int i = 0; i < columns; i++) {
                    types[i] = meta.getColumnType(i + 1);
                }
                while (rs.next()) {
                    for (int i = 0; i < columns; i++) {
                        value(sum, rs, i + 1, types[i]);
                    }
                    sum.endRow();
                }
            }
        }
        return sum.checksum();
    }

    /**
     * A value as the checksums take it, the same whichever database holds it and whether it was read from a table or
     * is about to be written to one: a moment as its seconds and nanoseconds since the epoch, a truth value as {@code true}/{@code false}, a
     * whole number in decimal, text as it is; null for a missing value. {@link Sum#value} sums the same text without
     * making it.
     */
    public static String canonical(Object value) {
        if (value == null) {
            return null;
        }
        Instant time = instant(value);
        if (time != null) {
            return time.getEpochSecond() + ":" + time.getNano();
        }
        if (value instanceof Enum<?> constant) {
            return constant.name();
        }
        return value.toString();
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant time) {
            return time;
        }
        if (value instanceof OffsetDateTime time) {
            return time.toInstant();
        }
        if (value instanceof Timestamp time) {
            return time.toInstant();
        }
        return null;
    }

    private static void value(Sum sum, ResultSet rs, int column, int type) throws SQLException {
        switch (type) {
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE ->
                sum.value(rs.getObject(column, OffsetDateTime.class));
            case Types.BOOLEAN, Types.BIT -> {
                boolean value = rs.getBoolean(column);
                sum.value(rs.wasNull() ? null : value);
            }
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> {
                long value = rs.getLong(column);
                if (rs.wasNull()) {
                    sum.value(null);
                } else {
                    sum.number(value);
                }
            }
            default -> sum.value(rs.getString(column));
        }
    }

    /**
     * A table's order-free checksum, summed row by row: from the rows read from a table, or from the rows a rebuild
     * would write to it (each value {@linkplain #canonical(Object) canonical}, in the table's column order). A row
     * counts as the SHA-256 of its values' UTF-8 text, each value after a mark (missing, or present) and before a
     * separator, the row closed by another. The row's text is gathered in one buffer, numbers and moments written
     * into it digit by digit: each made into a string first (a moment's seconds and nanoseconds joined), their digits
     * alone took about a tenth of the rebuild's thread.
     */
    public static final class Sum {
        private final MessageDigest sha256 = sha256();
        // one buffer for every row, grown when a row needs more
        private byte[] text = new byte[1024];
        private int length;
        private final byte[] digest = new byte[32];
        private long rows;
        private long high;
        private long low;

        /** Adds a whole row: its values' canonical texts, in order. */
        public void add(String[] values) {
            for (String value : values) {
                value(value);
            }
            endRow();
        }

        /** The next value of the row being summed, taken in its {@linkplain #canonical(Object) canonical} form. */
        public void value(Object value) {
            room(1);
            if (value == null) {
                // a missing value is neither the text "null" nor any other text
                text[length++] = 0;
            } else {
                text[length++] = 1;
                write(value);
            }
            separate();
        }

        /** The next value of the row being summed: a whole number (its decimal text). */
        public void number(long value) {
            room(1);
            text[length++] = 1;
            digits(value);
            separate();
        }

        private void write(Object value) {
            if (value instanceof String string) {
                utf8(string);
            } else if (value instanceof Long || value instanceof Integer || value instanceof Short) {
                digits(((Number) value).longValue());
            } else if (value instanceof Boolean truth) {
                ascii(truth ? "true" : "false");
            } else if (value instanceof Enum<?> constant) {
                utf8(constant.name());
            } else {
                Instant time = instant(value);
                if (time != null) {
                    digits(time.getEpochSecond());
                    ascii(":");
                    digits(time.getNano());
                } else {
                    utf8(value.toString());
                }
            }
        }

        private void separate() {
            room(1);
            text[length++] = 0x1f;
        }

        /** Ends the row being summed, adding its digest to the sums. */
        public void endRow() {
            room(1);
            text[length++] = 0x1e;
            sha256.update(text, 0, length);
            try {
                sha256.digest(digest, 0, digest.length);
            } catch (DigestException e) {
                throw new IllegalStateException(e);
            }
            length = 0;
            rows++;
            high += (long) LONGS.get(digest, 0);
            low += (long) LONGS.get(digest, 8);
        }

        public Checksum checksum() {
            return new Checksum(rows, high, low);
        }

        private void digits(long value) {
            if (value == Long.MIN_VALUE) {
                ascii(Long.toString(value));
                return;
            }
            room(20);
            if (value < 0) {
                text[length++] = '-';
                value = -value;
            }
            int end = length + digitCount(value);
            int at = end;
            do {
                text[--at] = (byte) ('0' + value % 10);
                value /= 10;
            } while (value != 0);
            length = end;
        }

        private static int digitCount(long value) {
            int count = 1;
            while (value >= 10) {
                value /= 10;
                count++;
            }
            return count;
        }

        private void ascii(String value) {
            room(value.length());
            for (int i = 0; i < value.length(); i++) {
                text[length++] = (byte) value.charAt(i);
            }
        }

        /** As UTF-8, a surrogate without its other half as '?' (the encoder's intrinsic beat a loop over the chars). */
        private void utf8(String value) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            room(bytes.length);
            System.arraycopy(bytes, 0, text, length, bytes.length);
            length += bytes.length;
        }

        private void room(int more) {
            if (length + more > text.length) {
                text = Arrays.copyOf(text, Math.max(text.length * 2, length + more));
            }
        }
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    static List<String> columns(Connection connection, String table) throws SQLException {
        try (PreparedStatement shape = connection.prepareStatement("SELECT * FROM " + table + " WHERE 1 = 0");
                ResultSet empty = shape.executeQuery()) {
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= empty.getMetaData().getColumnCount(); i++) {
                names.add(empty.getMetaData().getColumnLabel(i).toLowerCase(java.util.Locale.ROOT));
            }
            return names;
        }
    }

    private static long count(Connection connection, String table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT COUNT(*) FROM " + table);
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Both sides in key order, merged: the first rows only one side has or the two hold differently. */
    private static List<String> differences(Connection live, Connection rebuilt, TablePair pair) throws SQLException {
        List<String> keyColumns = pair.keyColumns();
        try (PreparedStatement liveRows = inKeyOrder(live, pair.liveTable(), keyColumns);
                PreparedStatement rebuiltRows = inKeyOrder(rebuilt, pair.rebuiltTable(), keyColumns);
                ResultSet left = liveRows.executeQuery();
                ResultSet right = rebuiltRows.executeQuery()) {
            int columns = left.getMetaData().getColumnCount();
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= columns; i++) {
                names.add(left.getMetaData().getColumnLabel(i).toLowerCase());
            }
            List<Integer> keyIndexes = keyColumns.stream()
                    .map(key -> names.indexOf(key.toLowerCase()) + 1)
                    .toList();
            List<String> differences = new ArrayList<>();
            boolean hasLeft = left.next();
            boolean hasRight = right.next();
            while ((hasLeft || hasRight) && differences.size() < MAX_DIFFERENCES) {
                int order = !hasLeft ? 1 : !hasRight ? -1 : compareKeys(left, right, keyIndexes);
                if (order < 0) {
                    differences.add(key(left, keyColumns, keyIndexes) + ": only in the live read model");
                    hasLeft = left.next();
                } else if (order > 0) {
                    differences.add(key(right, keyColumns, keyIndexes) + ": only in the rebuilt read model");
                    hasRight = right.next();
                } else {
                    for (int i = 1; i <= columns; i++) {
                        String liveValue = left.getString(i);
                        String rebuiltValue = right.getString(i);
                        if (!Objects.equals(liveValue, rebuiltValue)) {
                            int from = excerptStart(liveValue, rebuiltValue);
                            differences.add(key(left, keyColumns, keyIndexes) + ": " + names.get(i - 1) + " is "
                                    + abbreviate(liveValue, from) + " live, "
                                    + abbreviate(rebuiltValue, from) + " rebuilt");
                            break;
                        }
                    }
                    hasLeft = left.next();
                    hasRight = right.next();
                }
            }
            if (differences.isEmpty()) {
                // the same rows by key, yet other checksums: rows of one key read in another order on each side
                differences.add("the checksums differ, but no row does when read in key order");
            }
            return List.copyOf(differences);
        }
    }

    private static PreparedStatement inKeyOrder(Connection connection, String table, List<String> keys)
            throws SQLException {
        List<String> order = new ArrayList<>();
        boolean postgres = SharedDatabase.isPostgres(connection);
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
        PreparedStatement statement =
                connection.prepareStatement("SELECT * FROM " + table + " ORDER BY " + String.join(", ", order));
        statement.setFetchSize(1000);
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

    private static String key(ResultSet rs, List<String> keyColumns, List<Integer> indexes) throws SQLException {
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < indexes.size(); i++) {
            key.append(i == 0 ? "" : ", ").append(keyColumns.get(i)).append('=').append(rs.getString(indexes.get(i)));
        }
        return key.toString();
    }

    /** Characters of a value shown in a difference, and of the common part shown before where two values differ. */
    private static final int EXCERPT = 77;

    private static final int LEAD = 20;

    /**
     * Where the excerpts of two differing values start: at their beginning, or a little before the first character in
     * which they differ when that is beyond the excerpt (two long Activity details the same for their first hundred
     * characters were shown as two equal excerpts).
     */
    static int excerptStart(String live, String rebuilt) {
        if (live == null || rebuilt == null) {
            return 0;
        }
        int common = 0;
        int shorter = Math.min(live.length(), rebuilt.length());
        while (common < shorter && live.charAt(common) == rebuilt.charAt(common)) {
            common++;
        }
        return common < EXCERPT - LEAD ? 0 : common - LEAD;
    }

    /** A value as a difference shows it: quoted, at most {@link #EXCERPT} characters from {@code from}, cuts marked. */
    static String abbreviate(String value, int from) {
        if (value == null) {
            return "null";
        }
        if (from == 0 && value.length() <= 80) {
            return "'" + value + "'";
        }
        int start = Math.min(from, value.length());
        int end = Math.min(value.length(), start + EXCERPT);
        return "'" + (start > 0 ? "..." : "") + value.substring(start, end) + (end < value.length() ? "..." : "") + "'";
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
