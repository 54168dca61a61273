package io.github.alationgateway.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class only where {@link TestPostgres} finds a database; skips it with a message elsewhere, and
 * fails it instead where GATEWAY_REQUIRE_POSTGRES=true (CI must not skip silently).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(EnabledIfPostgres.Condition.class)
public @interface EnabledIfPostgres {

    class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (TestPostgres.server() != null) return ConditionEvaluationResult.enabled("PostgreSQL available");
            if (TestPostgres.required()) {
                throw new IllegalStateException(
                        "GATEWAY_REQUIRE_POSTGRES=true but " + TestPostgres.unavailableMessage());
            }
            return ConditionEvaluationResult.disabled(TestPostgres.unavailableMessage());
        }
    }
}
