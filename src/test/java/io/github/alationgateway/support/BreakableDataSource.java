package io.github.alationgateway.support;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A data source whose database can be made to go away and come back, for databases a test cannot stop (H2 in
 * memory). While broken, no connection can be had, and the connections already lent fail on every call, their
 * rollback included: what a pool sees when its database host vanishes mid-transaction.
 */
public final class BreakableDataSource extends DelegatingDataSource {

    private volatile boolean broken;

    public BreakableDataSource(DataSource target) {
        super(target);
    }

    /** Wraps the application's {@code dataSource} bean; declare it as a static {@code @Bean} in a test. */
    public static BeanPostProcessor wrapping() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof DataSource ds
                                && "dataSource".equals(name)
                                && !(bean instanceof BreakableDataSource)
                        ? new BreakableDataSource(ds)
                        : bean;
            }
        };
    }

    public void breakIt() {
        broken = true;
    }

    public void heal() {
        broken = false;
    }

    @Override
    public Connection getConnection() throws SQLException {
        failIfBroken();
        return lent(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        failIfBroken();
        return lent(super.getConnection(username, password));
    }

    private void failIfBroken() throws SQLException {
        if (broken)
            throw new SQLTransientConnectionException("Connection refused (the test broke the database)", "08001");
    }

    private Connection lent(Connection connection) {
        InvocationHandler handler = (proxy, method, args) -> call(connection, method, args);
        return (Connection)
                Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
    }

    private Object call(Connection connection, Method method, Object[] args) throws Throwable {
        // close() still reaches the pool, so that the connection is not leaked; everything else fails.
        if (broken && !method.getName().equals("close") && !method.getName().equals("isClosed"))
            throw new SQLException("I/O error: the connection was reset (the test broke the database)", "08006");
        try {
            return method.invoke(connection, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
