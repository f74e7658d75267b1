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
    /**
     * Picocli's sentence for a number option or argument given something else, in Java's words ("'abc' is not an int",
     * "... positional parameter at index 0 (ID): ...").
     */
    private static final Pattern NOT_A_NUMBER = Pattern.compile(
            "Invalid value for (?:option '([^']+)'|positional parameter at index \\d+ \\(([^)]+)\\)): '(.*)' is not an? (int|long)",
            Pattern.DOTALL);
    /** Picocli's sentence for words it could not place: "Unmatched argument at index 0: 'bogus'" (or "arguments from"). */
    private static final Pattern UNMATCHED = Pattern.compile("Unmatched arguments? (?:at|from) index \\d+: (.*)", Pattern.DOTALL);

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine command = ex.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("cdo: " + sentence(command, ex.getMessage()));
        UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("See '" + command.getCommandSpec().qualifiedName() + " --help' for the options.");
        err.flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    static String sentence(CommandLine command, String message) {
        Matcher unmatched = UNMATCHED.matcher(message);
        if (unmatched.matches()) {
            // at the top, the first word is the command that does not exist, and the others its arguments
            return command.getParent() == null && !command.getSubcommands().isEmpty()
                    ? unmatched.group(1).replaceFirst("^('(?:[^']|'')*').*", "$1") + " is not a cdo command; the commands are "
                            + String.join(", ", command.getSubcommands().keySet())
                    : "unexpected argument" + (unmatched.group(1).contains("', '") ? "s " : " ") + unmatched.group(1)
                            + ": this command takes no such argument";
        }
        Matcher notANumber = NOT_A_NUMBER.matcher(message);
        if (!notANumber.matches()) {
            return message;
        }
        String name = notANumber.group(1) != null ? notANumber.group(1) : notANumber.group(2);
        String value = notANumber.group(3).strip();
        boolean isInt = notANumber.group(4).equals("int");
        // a whole number beyond the type's range is refused with the same words: say which end it passed
        String limit = !value.matches("[-+]?\\d+") ? ""
                : value.startsWith("-") ? " of " + (isInt ? Integer.MIN_VALUE : Long.MIN_VALUE) + " or more"
                : " up to " + (isInt ? Integer.MAX_VALUE : Long.MAX_VALUE);
        return name + " expects a whole number" + limit + ", but got '" + notANumber.group(3) + "'";
    }
}
