package io.github.alationgateway.support;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A data source that writes down every statement the application prepares (JPA and plain JDBC alike), so that a
 * test can count what a read costs: N+1 shows as a count that grows with the page. Only the statements of the
 * thread that asks count: the gateway's background loops (pollers, the event feed, webhook senders) query the same
 * data source meanwhile.
 */
public final class CountingDataSource extends DelegatingDataSource {

    private final List<Prepared> statements = new ArrayList<>();
    private final List<Thread> commits = new ArrayList<>();

    private record Prepared(Thread by, String sql) {}

    public CountingDataSource(DataSource target) {
        super(target);
    }

    /** Wraps the application's {@code dataSource} bean; declare it as a static {@code @Bean} in a test. */
    public static BeanPostProcessor wrapping() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof DataSource ds
                                && "dataSource".equals(name)
                                && !(bean instanceof CountingDataSource)
                        ? new CountingDataSource(ds)
                        : bean;
            }
        };
    }

    /** The SQL of every statement the calling thread prepared since the last call, and starts afresh. */
    public synchronized List<String> take() {
        Thread caller = Thread.currentThread();
        List<String> taken = statements.stream()
                .filter(p -> p.by() == caller)
                .map(Prepared::sql)
                .toList();
        statements.clear();
        return taken;
    }

    /**
     * How many transactions the calling thread committed since the last call, and starts afresh: a read that
     * needs none should cost none (on PostgreSQL each is a {@code COMMIT} round trip of its own).
     */
    public synchronized long takeCommits() {
        Thread caller = Thread.currentThread();
        long taken = commits.stream().filter(by -> by == caller).count();
        commits.clear();
        return taken;
    }

    private synchronized void recordCommit() {
        commits.add(Thread.currentThread());
    }

    private synchronized void record(String sql) {
        statements.add(new Prepared(Thread.currentThread(), sql));
    }

    @Override
    public Connection getConnection() throws SQLException {
        return counting(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return counting(super.getConnection(username, password));
    }

    private Connection counting(Connection target) {
        return (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    String name = method.getName();
                    if ((name.equals("prepareStatement") || name.equals("prepareCall")) && args != null) {
                        record(String.valueOf(args[0]));
                    } else if (name.equals("createStatement")) {
                        record("(statement)");
                    } else if (name.equals("commit")) {
                        recordCommit();
                    }
                    try {
                        return method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
