package org.cdoutcomes.app.cli;

import java.io.PrintWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A usage error on stderr as a user can read it on a terminal: the sentence that says what is wrong, picocli's
 * suggestions for a mistyped option or command, and where the help is; exit status 2. Picocli's default prints the
 * whole help after the sentence (60 lines for analyze), which scrolls the sentence off the screen.
 */
public final class UsageErrors implements IParameterExceptionHandler {
    /** Picocli's sentence for a number option given something else, in Java's words ("'abc' is not an int"). */
    private static final Pattern NOT_A_NUMBER = Pattern.compile("Invalid value for option '([^']+)': '(.*)' is not an? (int|long)",
            Pattern.DOTALL);

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine command = ex.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("cdo: " + sentence(ex.getMessage()));
        UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("See '" + command.getCommandSpec().qualifiedName() + " --help' for the options.");
        err.flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    static String sentence(String message) {
        Matcher notANumber = NOT_A_NUMBER.matcher(message);
        if (!notANumber.matches()) {
            return message;
        }
        String value = notANumber.group(2);
        // a whole number too large for the option's type is refused with the same words
        String limit = value.strip().matches("[-+]?\\d+")
                ? " from " + (notANumber.group(3).equals("int") ? Integer.MIN_VALUE + " to " + Integer.MAX_VALUE : Long.MIN_VALUE + " to " + Long.MAX_VALUE)
                : "";
        return notANumber.group(1) + " expects a whole number" + limit + ", but got '" + value + "'";
    }
}
