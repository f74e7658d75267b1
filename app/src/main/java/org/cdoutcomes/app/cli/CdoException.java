package org.cdoutcomes.app.cli;

/**
 * A failure the user gets as one sentence on stderr and an exit code of cli.md: 2 for bad usage, configuration or a
 * database that cannot be reached, 1 for a job that failed (and can be restarted).
 */
public class CdoException extends RuntimeException {
    public static final int JOB_FAILED = 1;
    public static final int BAD_USAGE = 2;

    private final int exitCode;

    private CdoException(int exitCode, String sentence, Throwable cause) {
        super(sentence, cause);
        this.exitCode = exitCode;
    }

    /** Bad usage or configuration: the sentence names the option or setting and what it expects. */
    public static CdoException badUsage(String sentence) {
        return new CdoException(BAD_USAGE, sentence, null);
    }

    public static CdoException badUsage(String sentence, Throwable cause) {
        return new CdoException(BAD_USAGE, sentence, cause);
    }

    /** A job that failed; the sentence says which and why, never with patient identifiers or symptom values. */
    public static CdoException jobFailed(String sentence, Throwable cause) {
        return new CdoException(JOB_FAILED, sentence, cause);
    }

    public int exitCode() {
        return exitCode;
    }
}
