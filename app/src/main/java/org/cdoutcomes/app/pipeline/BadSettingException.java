package org.cdoutcomes.app.pipeline;

import java.util.Collection;
import java.util.TreeSet;

/** A setting or argument the jobs cannot work with; the message names it and what it expects (exit status 2). */
public class BadSettingException extends RuntimeException {
    public BadSettingException(String message) {
        super(message);
    }

    /** The schedules setting names {@code job}, which is none of {@code jobNames}. */
    public static BadSettingException noSuchJob(String job, Collection<String> jobNames) {
        return new BadSettingException("schedules." + job + ": no such job; the jobs are " + String.join(", ", new TreeSet<>(jobNames)));
    }
}
