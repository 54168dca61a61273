package io.github.alationgateway.stream;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class H2StreamTest extends StreamContract {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        fakeAlation(registry);
    }
}
