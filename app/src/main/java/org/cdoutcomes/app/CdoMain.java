package org.cdoutcomes.app;

import org.cdoutcomes.app.cli.ErrorReporter;
import org.cdoutcomes.app.cli.UsageErrors;
import picocli.CommandLine;

/** Entry point of {@code ./cdo}: picocli parses and teaches; only commands that need the database start Spring. */
public final class CdoMain {
    private CdoMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        CommandLine cdo = new CommandLine(new CdoCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(new UsageErrors())
                .setExecutionExceptionHandler(new ErrorReporter());
        // every command's --version (its help lists it) says what cdo --version says
        cdo.getSubcommands().values().forEach(command -> command.getCommandSpec().versionProvider(new CdoVersion()));
        return cdo.execute(args);
    }
}
