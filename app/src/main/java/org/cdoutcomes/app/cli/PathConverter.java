package org.cdoutcomes.app.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * Paths of every option and argument. An empty value (an unset shell variable: {@code --out "$DIR"}) is refused:
 * read as a path it is the working folder, where generate would write its files and ingest would scan.
 */
public final class PathConverter implements ITypeConverter<Path> {
    /**
     * The same for a command's PATH arguments that are kept as given (ingest reports files by the path as given):
     * an empty one (cdo ingest "$EXPORTS") would be the working folder, read.
     *
     * @throws ParameterException (exit 2) naming PATH
     */
    public static void requireNoneEmpty(CommandSpec spec, List<String> paths) {
        if (paths.stream().anyMatch(String::isBlank)) {
            throw new ParameterException(spec.commandLine(), "PATH: expected a file or folder, but an argument is empty");
        }
    }

    @Override
    public Path convert(String value) {
        if (value.isBlank()) {
            throw new TypeConversionException("expected a path, but the value is empty");
        }
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new TypeConversionException("expected a path, but got one this system cannot name (" + e.getReason() + ")");
        }
    }
}
