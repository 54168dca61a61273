package io.github.alationgateway.store;

import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
@EnableJpaRepositories(queryEnhancerSelector = RegexQueryEnhancers.class)
class StoreConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StoreConfiguration.class);

    /** Static: a post-processor must exist before the data source it adjusts. */
    @Bean
    static PostgresSessionSettings postgresSessionSettings() {
        return new PostgresSessionSettings();
    }

    @Bean
    DatabaseProduct databaseProduct(DataSource dataSource) {
        return DatabaseProduct.of(dataSource);
    }

    @Bean
    JobTallies jobTallies(JdbcTemplate template, DatabaseProduct database) {
        return new JobTallies(template, database.isPostgres());
    }

    @Bean
    BulkInsert bulkInsert(JdbcTemplate template, DatabaseProduct database) {
        return new BulkInsert(template, database.isPostgres());
    }

    /** The claim strategy is chosen once, from the database we are connected to. */
    @Bean
    JobClaims jobClaims(DatabaseProduct database, JdbcClient jdbc, JdbcTemplate template, TransactionTemplate tx) {
        JobClaims claims = claims(database, jdbc, template);
        // Its own short transaction, committed before any call to Alation: it must not rest on the pool's
        // auto-commit, which an operator may turn off.
        return (owner, now, leaseUntil, limit) -> tx.execute(status -> claims.claimDue(owner, now, leaseUntil, limit));
    }

    private static JobClaims claims(DatabaseProduct database, JdbcClient jdbc, JdbcTemplate template) {
        String product = database.name();
        if (database.isPostgres()) {
            log.info(
                    "Claiming due jobs with FOR UPDATE SKIP LOCKED ({}): several replicas may share this database",
                    product);
            return new SkipLockedClaims(jdbc);
        }
        log.info(
                "Claiming due jobs with optimistic version checks ({}): run a single replica on this database",
                product);
        return new OptimisticClaims(jdbc, template);
    }
}
