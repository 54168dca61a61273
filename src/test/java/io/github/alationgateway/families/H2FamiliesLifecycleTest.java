package io.github.alationgateway.families;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class H2FamiliesLifecycleTest extends FamiliesLifecycleContract {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        fakeAlation(registry);
    }
}
