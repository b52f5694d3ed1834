package com.controlpanel.provisioning.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * What H2 does with the statements a piece of code runs: a data source that records every prepared statement with
 * its parameters, and {@code EXPLAIN ANALYZE} of a recorded one, run again as it was, against the same database.
 */
public final class QueryPlans {

    private record Recorded(String sql, Map<Integer, Object> parameters) {}

    private static final Pattern SCAN_COUNT = Pattern.compile("scanCount: (\\d+)");

    private final DataSource target;
    private final List<Recorded> recorded = Collections.synchronizedList(new ArrayList<>());

    public QueryPlans(DataSource target) {
        this.target = target;
    }

    /** The data source to hand to the code under test. */
    public DataSource dataSource() {
        return proxy(
                DataSource.class,
                target,
                (method, args, result) -> method.getName().equals("getConnection")
                        ? proxy(Connection.class, result, this::recordStatements)
                        : result);
    }

    /** The plan of the last recorded statement the predicate accepts, with H2's counts of what it read. */
    public String explainLast(Predicate<String> which) throws SQLException {
        Recorded statement;
        synchronized (recorded) {
            statement = recorded.stream()
                    .filter(r -> which.test(r.sql()))
                    .reduce((first, second) -> second)
                    .orElseThrow(() -> new AssertionError("No such statement among " + recorded));
        }
        try (Connection connection = target.getConnection();
                PreparedStatement explain = connection.prepareStatement("EXPLAIN ANALYZE " + statement.sql())) {
            for (Map.Entry<Integer, Object> parameter : statement.parameters().entrySet()) {
                explain.setObject(parameter.getKey(), parameter.getValue());
            }
            try (ResultSet plan = explain.executeQuery()) {
                plan.next();
                return plan.getString(1);
            }
        }
    }

    /**
     * The most rows any one scan of the statement read (its largest {@code scanCount}; a subquery's scan is listed
     * again after the outer table's, so the last one is not always the outer table's).
     */
    public static long rowsRead(String plan) {
        Matcher matcher = SCAN_COUNT.matcher(plan);
        long most = -1;
        while (matcher.find()) {
            most = Math.max(most, Long.parseLong(matcher.group(1)));
        }
        if (most < 0) {
            throw new AssertionError("No scanCount in " + plan);
        }
        return most;
    }

    private Object recordStatements(Method method, Object[] args, Object result) {
        if (!method.getName().equals("prepareStatement")) {
            return result;
        }
        Recorded statement = new Recorded((String) args[0], new TreeMap<>());
        recorded.add(statement);
        return proxy(PreparedStatement.class, result, (call, callArgs, callResult) -> {
            if (call.getName().startsWith("set")
                    && callArgs != null
                    && callArgs.length >= 2
                    && callArgs[0] instanceof Integer index) {
                statement.parameters().put(index, call.getName().equals("setNull") ? null : callArgs[1]);
            }
            return callResult;
        });
    }

    private interface AfterCall {
        Object after(Method method, Object[] args, Object result) throws Exception;
    }

    private static <T> T proxy(Class<T> type, Object target, AfterCall after) {
        return type.cast(Proxy.newProxyInstance(
                QueryPlans.class.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
                    try {
                        return after.after(method, args, method.invoke(target, args));
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                }));
    }
}
