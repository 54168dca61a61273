package io.github.alationgateway.waiting;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class H2WaitTest extends WaitContract {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        fakeAlation(registry);
    }
}
