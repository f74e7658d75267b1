package org.cdoutcomes.app.pipeline;

/** A setting or argument the jobs cannot work with; the message names it and what it expects (exit status 2). */
public class BadSettingException extends RuntimeException {
    public BadSettingException(String message) {
        super(message);
    }
}
