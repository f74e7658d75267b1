package org.cdoutcomes.app.jobs;

/** A restart that cannot happen (no such execution, already completed); the message is a sentence for the user. */
public class RestartRefusedException extends RuntimeException {
    public RestartRefusedException(String message) {
        super(message);
    }
}
