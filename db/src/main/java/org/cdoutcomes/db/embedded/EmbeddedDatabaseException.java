package org.cdoutcomes.db.embedded;

/** The embedded database could not be started, joined or stopped; the message is one sentence for the user. */
public class EmbeddedDatabaseException extends RuntimeException {
    public EmbeddedDatabaseException(String message) {
        super(message);
    }

    public EmbeddedDatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
