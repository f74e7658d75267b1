package org.cdoutcomes.app.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Paths of every option and argument. An empty value (an unset shell variable: {@code --out "$DIR"}) is refused:
 * read as a path it is the working folder, where generate would write its files and ingest would scan.
 */
public final class PathConverter implements ITypeConverter<Path> {
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
