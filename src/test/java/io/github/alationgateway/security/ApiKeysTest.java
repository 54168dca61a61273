package io.github.alationgateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.SanitizableData;

class ApiKeysTest {

    private static final Set<String> INSTANCES = Set.of("prod", "test");

    @Test
    void findsTheCallerByKeyOrByTheKeysHash() {
        String hashed = HexFormat.of()
                .formatHex(ApiKeys.sha256("second-key-0123456789"))
                .toUpperCase();
        ApiKeys keys = ApiKeys.from(
                settings(
                        key("first", "first-key-0123456789", null, Role.READER, null),
                        key("second", null, hashed, Role.WRITER, List.of("prod"))),
                INSTANCES);

        assertThat(keys.find("first-key-0123456789"))
                .hasValueSatisfying(c -> assertThat(c.name()).isEqualTo("first"));
        assertThat(keys.find("second-key-0123456789")).hasValueSatisfying(c -> {
            assertThat(c.role()).isEqualTo(Role.WRITER);
            assertThat(c.instances()).containsExactly("prod");
        });
        assertThat(keys.find("first-key-012345678")).isEmpty();
        assertThat(keys.find("")).isEmpty();
    }

    @Test
    void keepsOnlyDigestsAndPrintsNoKey() {
        ApiKeys keys = ApiKeys.from(settings(key("ops", "ops-key-0123456789", null, Role.ADMIN, null)), INSTANCES);
        Caller caller = keys.callers().get(0);

        assertThat(caller.keyDigest()).isEqualTo(ApiKeys.sha256("ops-key-0123456789"));
        assertThat(caller.toString()).doesNotContain("ops-key-0123456789");
        assertThat(settings(key("ops", "ops-key-0123456789", null, Role.ADMIN, null))
                        .toString())
                .contains("ops")
                .doesNotContain("ops-key-0123456789");
    }

    @Test
    void rolesIncludeTheLesserOnes() {
        assertThat(Role.ADMIN.authorities())
                .extracting(Object::toString)
                .containsExactly("ROLE_READER", "ROLE_WRITER", "ROLE_ADMIN");
        assertThat(Role.READER.authorities()).extracting(Object::toString).containsExactly("ROLE_READER");
    }

    @Test
    void refusesConfigurationMistakesAtStartWithoutQuotingKeys() {
        assertRefused(
                "needs exactly one of key or key-sha256",
                key("a", "k-0123456789abcdef", "00".repeat(32), Role.READER, null));
        assertRefused("needs exactly one of key or key-sha256", key("a", null, null, Role.READER, null));
        assertRefused("64 hex digits", key("a", null, "not-hex", Role.READER, null));
        assertRefused("role is required", key("a", "k-0123456789abcdef", null, null, null));
        assertRefused("name is required", key(" ", "k-0123456789abcdef", null, Role.READER, null));
        assertRefused(
                "'staging', which is not under gateway.instances",
                key("a", "k-0123456789abcdef", null, Role.READER, List.of("staging")));
        assertRefused(
                "used twice",
                key("a", "k-0123456789abcdef", null, Role.READER, null),
                key("a", "other-0123456789abcdef", null, Role.READER, null));
        assertRefused(
                "also given to another name",
                key("a", "k-0123456789abcdef", null, Role.READER, null),
                key("b", "k-0123456789abcdef", null, Role.ADMIN, null));
    }

    @Test
    void actuatorMasksKeysAndCredentialsEvenWhenValuesAreShown() {
        var mask = new InputLimits().maskCredentials();
        for (String key : List.of(
                "gateway.security.api-keys[0].key",
                "gateway.security.api-keys[0].key-sha256",
                "gateway.instances.prod.access-token",
                "gateway.instances.prod.refresh-token",
                "gateway.instances.prod.client-secret",
                "keySha256",
                "accessToken")) {
            assertThat(mask.applyUnlessFiltered(new SanitizableData(null, key, "s3cret"))
                            .getValue())
                    .as(key)
                    .isEqualTo(SanitizableData.SANITIZED_VALUE);
        }
        assertThat(mask.applyUnlessFiltered(new SanitizableData(null, "gateway.poll.interval", "3s"))
                        .getValue())
                .isEqualTo("3s");
    }

    private static void assertRefused(String message, GatewaySecurityProperties.ApiKey... keys) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ApiKeys.from(settings(keys), INSTANCES))
                .withMessageContaining(message)
                .withMessageNotContaining("k-0123456789abcdef");
    }

    private static GatewaySecurityProperties settings(GatewaySecurityProperties.ApiKey... keys) {
        return new GatewaySecurityProperties(
                Arrays.asList(keys),
                new GatewaySecurityProperties.RateLimit(50, 100),
                new GatewaySecurityProperties.Cors(List.of()));
    }

    private static GatewaySecurityProperties.ApiKey key(
            String name, String key, String sha256, Role role, List<String> instances) {
        return new GatewaySecurityProperties.ApiKey(name, key, sha256, role, instances);
    }
}
