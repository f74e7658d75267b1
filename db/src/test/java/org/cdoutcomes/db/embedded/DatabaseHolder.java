package org.cdoutcomes.db.embedded;

import java.nio.file.Path;

/** A child process that uses an embedded database folder for a while, as another cdo would: {@code FOLDER MILLIS}. */
public final class DatabaseHolder {
    private DatabaseHolder() {
    }

    public static void main(String[] args) throws InterruptedException {
        try (EmbeddedDatabase ignored = EmbeddedDatabase.open(Path.of(args[0]))) {
            System.out.println("holding");
            System.out.flush();
            Thread.sleep(Long.parseLong(args[1]));
        }
    }
}
