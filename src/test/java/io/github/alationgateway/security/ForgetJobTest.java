package io.github.alationgateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code DELETE /api/v1/jobs/{id}}: writers and admins, within the key's instances; 204, then the job is gone. */
class ForgetJobTest extends SecuredGateway {

    @Test
    void aWriterForgetsAJobOfItsInstanceAndItIsGone() {
        String id = registerOn("prod").path("id").asString();

        var byReader = as(READER_KEY).send("DELETE", "/api/v1/jobs/" + id, null, null);
        var forgotten = as(PROD_WRITER_KEY).send("DELETE", "/api/v1/jobs/" + id, null, null);

        assertThat(byReader.status()).isEqualTo(403);
        assertThat(forgotten.status()).as(forgotten.raw().body()).isEqualTo(204);
        assertThat(admin.get("/api/v1/jobs/" + id).status()).isEqualTo(404);
        assertThat(admin.get("/api/v1/jobs/" + id + "/logs").status()).isEqualTo(404);
        assertThat(as(PROD_WRITER_KEY)
                        .send("DELETE", "/api/v1/jobs/" + id, null, null)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aJobOfAnotherInstanceIsNotFoundForAScopedKey() {
        String id = registerOn("test").path("id").asString();

        var answer = as(PROD_WRITER_KEY).send("DELETE", "/api/v1/jobs/" + id, null, null);

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(admin.get("/api/v1/jobs/" + id).status()).isEqualTo(200);
    }
}
