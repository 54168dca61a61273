package io.github.alationgateway.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;

/**
 * Counts what the gateway asks of its database, through a JDBC proxy: round trips (each execute, a whole batch
 * counting once), statements (each batch item counting once) and commits. No agent and no pg_stat_statements,
 * so it counts H2 and PostgreSQL alike.
 */
final class StatementCounter {

    final LongAdder roundTrips = new LongAdder();
    final LongAdder statements = new LongAdder();
    final LongAdder commits = new LongAdder();

    record Snapshot(long roundTrips, long statements, long commits) {
        Snapshot minus(Snapshot before) {
            return new Snapshot(roundTrips - before.roundTrips, statements - before.statements, commits - before.commits);
        }
    }

    Snapshot snapshot() {
        return new Snapshot(roundTrips.sum(), statements.sum(), commits.sum());
    }

    DataSource wrap(DataSource target) {
        return proxy(DataSource.class, target, (method, result) -> {
            if (result instanceof Connection c) return proxy(Connection.class, c, this::onConnection);
            return result;
        });
    }

    private Object onConnection(Method method, Object result) {
        if (method.getName().equals("commit")) commits.increment();
        if (result instanceof Statement s) {
            Class<?> type = method.getName().equals("prepareStatement")
                    ? java.sql.PreparedStatement.class
                    : method.getName().equals("prepareCall") ? java.sql.CallableStatement.class : Statement.class;
            return proxy(type, s, this::onStatement);
        }
        return result;
    }

    private Object onStatement(Method method, Object result) {
        String name = method.getName();
        if (name.equals("addBatch")) {
            statements.increment();
        } else if (name.equals("executeBatch") || name.equals("executeLargeBatch")) {
            roundTrips.increment();
        } else if (name.startsWith("execute")) {
            roundTrips.increment();
            statements.increment();
        }
        return result;
    }

    interface After {
        Object apply(Method method, Object result) throws Exception;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Object target, After after) {
        InvocationHandler handler = (p, method, args) -> {
            if (method.getName().equals("unwrap") && args != null && ((Class<?>) args[0]).isInstance(target)) {
                return target;
            }
            if (method.getName().equals("isWrapperFor") && args != null && ((Class<?>) args[0]).isInstance(target)) {
                return true;
            }
            try {
                return after.apply(method, method.invoke(target, args));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (T) Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), new Class<?>[] {type}, handler);
    }
}
