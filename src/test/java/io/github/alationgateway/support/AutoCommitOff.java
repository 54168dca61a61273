package io.github.alationgateway.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/**
 * Runs a contract with the pool's auto-commit off (JobRunr's matrix): a statement that must commit has to run in
 * a transaction of its own, since a connection that goes back to the pool uncommitted is rolled back. A write
 * that only worked because the pool auto-commits fails its contract here.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@TestPropertySource(properties = "spring.datasource.hikari.auto-commit=false")
public @interface AutoCommitOff {}
