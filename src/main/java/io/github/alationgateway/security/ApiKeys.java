package io.github.alationgateway.security;

import io.github.alationgateway.system.LogSafe;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The API keys this gateway accepts, checked in constant time against their SHA-256 digests. */
final class ApiKeys {

    private static final Logger log = LoggerFactory.getLogger(ApiKeys.class);
    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.@\\-]{0,99}");
    static final String GENERATED_NAME = "generated-admin";

    private final List<Caller> callers;

    private ApiKeys(List<Caller> callers) {
        this.callers = List.copyOf(callers);
    }

    /**
     * The configured keys, checked for mistakes an operator would want to hear about at start. With none
     * configured the API stays closed to strangers: a random admin key is made for this run and printed once.
     */
    static ApiKeys from(GatewaySecurityProperties properties, Set<String> knownInstances) {
        if (properties.apiKeys().isEmpty()) {
            String key = generateKey();
            log.warn(
                    "Generated API key for this run (admin, no keys configured): {} -- configure"
                            + " gateway.security.api-keys before real use; this key changes at every start",
                    key);
            return new ApiKeys(List.of(new Caller(GENERATED_NAME, Role.ADMIN, null, sha256(key))));
        }
        List<Caller> callers = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> digests = new HashSet<>();
        for (int i = 0; i < properties.apiKeys().size(); i++) {
            Caller caller = caller(properties.apiKeys().get(i), "gateway.security.api-keys[" + i + "]", knownInstances);
            if (!names.add(caller.name())) {
                throw new IllegalArgumentException("gateway.security.api-keys: the name '" + caller.name()
                        + "' is used twice; names tell callers apart in registered_by");
            }
            if (!digests.add(HexFormat.of().formatHex(caller.keyDigest()))) {
                throw new IllegalArgumentException("gateway.security.api-keys: the key of '" + caller.name()
                        + "' is also given to another name; give each caller its own key");
            }
            callers.add(caller);
        }
        return new ApiKeys(callers);
    }

    /** The caller whose key this is. Every configured key is compared, so timing tells nothing about which. */
    Optional<Caller> find(String presentedKey) {
        byte[] digest = sha256(presentedKey);
        Caller found = null;
        for (Caller caller : callers) {
            if (MessageDigest.isEqual(caller.keyDigest(), digest) && found == null) found = caller;
        }
        return Optional.ofNullable(found);
    }

    List<Caller> callers() {
        return callers;
    }

    private static Caller caller(GatewaySecurityProperties.ApiKey key, String at, Set<String> knownInstances) {
        if (key.name() == null || !NAME.matcher(key.name()).matches()) {
            throw new IllegalArgumentException(at + ".name is required: 1 to 100 letters, digits, '_', '.', '@', '-'");
        }
        if (key.role() == null) {
            throw new IllegalArgumentException(
                    at + ".role is required for '" + key.name() + "': reader, writer or admin");
        }
        boolean plain = key.key() != null && !key.key().isBlank();
        boolean hashed = key.keySha256() != null && !key.keySha256().isBlank();
        if (plain == hashed) {
            throw new IllegalArgumentException(
                    at + " ('" + key.name() + "') needs exactly one of key or key-sha256 (hex SHA-256 of the key)");
        }
        if (hashed && !HEX_SHA256.matcher(key.keySha256().trim()).matches()) {
            throw new IllegalArgumentException(
                    at + ".key-sha256 of '" + key.name() + "' must be 64 hex digits, e.g. the output of sha256sum");
        }
        if (plain && key.key().length() < 16) {
            log.warn(
                    "The API key of '{}' is shorter than 16 characters; a longer random key is safer",
                    LogSafe.of(key.name()));
        }
        Set<String> instances = null;
        if (key.instances() != null) {
            instances = new LinkedHashSet<>(key.instances());
            for (String instance : instances) {
                if (!knownInstances.contains(instance)) {
                    throw new IllegalArgumentException(at + ".instances of '" + key.name() + "' names '" + instance
                            + "', which is not under gateway.instances " + knownInstances);
                }
            }
            instances = Set.copyOf(instances);
        }
        byte[] digest = plain
                ? sha256(key.key())
                : HexFormat.of().parseHex(key.keySha256().trim().toLowerCase(java.util.Locale.ROOT));
        return new Caller(key.name(), key.role(), instances, digest);
    }

    static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    private static String generateKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
