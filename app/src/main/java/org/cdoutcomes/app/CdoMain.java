package org.cdoutcomes.app;

import org.cdoutcomes.app.cli.ErrorReporter;
import picocli.CommandLine;

/** Entry point of {@code ./cdo}: picocli parses and teaches; only commands that need the database start Spring. */
public final class CdoMain {
    private CdoMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return new CommandLine(new CdoCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(new ErrorReporter())
                .execute(args);
    }
}
