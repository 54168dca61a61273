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
 * Runs a test class only where {@link PrivatePostgres} can start a server; skips it with the reason elsewhere,
 * and fails it instead where GATEWAY_REQUIRE_POSTGRES=true (CI must not skip silently).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(EnabledIfPrivatePostgres.Condition.class)
public @interface EnabledIfPrivatePostgres {

    class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String reason = PrivatePostgres.unavailableReason();
            if (reason == null) return ConditionEvaluationResult.enabled("a private PostgreSQL can be started");
            if (TestPostgres.required())
                throw new IllegalStateException("GATEWAY_REQUIRE_POSTGRES=true but no private PostgreSQL: " + reason);
            return ConditionEvaluationResult.disabled("No private PostgreSQL: " + reason);
        }
    }
}
