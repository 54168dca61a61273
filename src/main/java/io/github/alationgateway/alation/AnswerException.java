package io.github.alationgateway.alation;

/**
 * Carries an answer out of a deep call (a token renewal, a send) to the one place that returns it. Without a stack
 * trace: it is an expected outcome, thrown at poll rates, and never logged as an error.
 */
final class AnswerException extends RuntimeException {

    private final transient JobStatusAnswer answer;

    AnswerException(JobStatusAnswer answer) {
        super(null, null, false, false);
        this.answer = answer;
    }

    JobStatusAnswer answer() {
        return answer;
    }

    static AnswerException unavailable(String reason) {
        return new AnswerException(new JobStatusAnswer.Unavailable(reason));
    }

    static AnswerException rejected(String reason) {
        return new AnswerException(new JobStatusAnswer.CredentialsRejected(reason));
    }
}
