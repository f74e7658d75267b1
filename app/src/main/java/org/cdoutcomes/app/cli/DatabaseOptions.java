package org.cdoutcomes.app.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Options every command that touches data takes ({@code @Mixin DatabaseOptions database;}): where the database is,
 * where settings come from, and how much to log.
 */
public class DatabaseOptions {
    public static final String VERBOSE = "--verbose";

    @Option(names = "--db", paramLabel = "URL",
            description = "JDBC URL of a PostgreSQL server (default: $CDO_DB_URL, else the embedded database; user and password from $CDO_DB_USER / $CDO_DB_PASSWORD)")
    public String url;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "folder of the embedded database when no server is named (default: ./cdo-data)")
    public Path dataDir;

    @Option(names = "--config", paramLabel = "FILE",
            description = "settings file (default: ./cdo.yml when present); CDO_* environment variables override it")
    public Path config;

    @Option(names = VERBOSE, description = "log what happens (INFO and up) on stderr, and stack traces of failures")
    public boolean verbose;

    /** What names the database server, for messages: --db when given, else the variable that may. */
    String urlOrigin() {
        return url != null ? "--db" : "CDO_DB_URL";
    }
}
