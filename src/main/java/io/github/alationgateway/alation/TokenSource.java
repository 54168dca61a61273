package io.github.alationgateway.alation;

/**
 * Where the value of the {@code TOKEN} header comes from. Both methods throw an {@link AnswerException} when no
 * token can be had (credentials rejected, token endpoint unavailable or throttling).
 */
interface TokenSource {

    /** A token believed valid now; renewing it, if need be, ends before {@code deadline} (nanoTime). */
    String token(long deadline);

    /**
     * Alation answered 401 to {@code rejected}: a fresh token to retry with once, or null when this kind of
     * credentials cannot be renewed (a static token).
     */
    String renewAfterRejection(String rejected, long deadline);

    /** A static access token: nothing to mint, nothing to renew. */
    static TokenSource fixed(String token) {
        return new TokenSource() {
            @Override
            public String token(long deadline) {
                return token;
            }

            @Override
            public String renewAfterRejection(String rejected, long deadline) {
                return null;
            }

            @Override
            public String toString() {
                return "static access token";
            }
        };
    }

    /** No credentials configured: every call is refused before anything is sent, saying what to set. */
    static TokenSource missing() {
        return new TokenSource() {
            @Override
            public String token(long deadline) {
                throw AnswerException.rejected("no credentials are configured for this instance: set access-token,"
                        + " refresh-token and user-id, or client-id and client-secret");
            }

            @Override
            public String renewAfterRejection(String rejected, long deadline) {
                return null;
            }

            @Override
            public String toString() {
                return "no credentials";
            }
        };
    }
}
