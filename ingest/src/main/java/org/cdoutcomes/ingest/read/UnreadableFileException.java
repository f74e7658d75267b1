package org.cdoutcomes.ingest.read;

/** A file that cannot be read at all; the message is the reason, phrased to follow "cannot read FILE: ". */
public class UnreadableFileException extends RuntimeException {
    public UnreadableFileException(String reason) {
        super(reason);
    }

    public UnreadableFileException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
