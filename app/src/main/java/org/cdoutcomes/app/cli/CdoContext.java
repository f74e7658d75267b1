package org.cdoutcomes.app.cli;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.cdoutcomes.app.CdoApplication;
import org.cdoutcomes.db.Migrations;
import org.cdoutcomes.db.embedded.EmbeddedDatabase;
import org.flywaydb.core.api.FlywayException;
import org.postgresql.Driver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The running application for one command: settings, the database (a server URL or the embedded one), checked and
 * migrated, and a Spring context holding the given job configurations, started at the first {@link #bean} call.
 * Close it to release the database (the last process using an embedded server stops it).
 *
 * <pre>{@code
 * try (CdoContext cdo = CdoContext.open(database, MyJobConfiguration.class)) {
 *     cdo.bean(JobOperator.class).start(cdo.bean(Job.class), parameters);
 * }
 * }</pre>
 */
public final class CdoContext implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CdoContext.class);
    /** How long a connection may take to log in: as long as the driver's own connect timeout and the pool's. */
    private static final int LOGIN_TIMEOUT_SECONDS = 10;
    /** What --db (and CDO_DB_URL) must be, for the messages that refuse one. */
    public static final String EXPECTS_URL = "expects a PostgreSQL JDBC URL such as jdbc:postgresql://localhost:5432/cdo";
    static final Path DEFAULT_DATA_DIR = Path.of("cdo-data");
    /**
     * Off in logback.xml, as the command says what failed in one sentence; on with --verbose: Batch's log of a failed
     * step, with the whole stack trace (whose SQL DETAIL lines may quote row values), and the lines a lost database
     * connection sets off (the pool's "marked as broken", Batch's and Spring's rollbacks "in unknown state"), and POI's
     * log of what it then throws.
     */
    private static final List<String> VERBOSE_ONLY_LOGGERS = List.of("org.springframework.batch.core.step.AbstractStep",
            "org.springframework.batch.core.job.AbstractJob",
            "org.springframework.batch.core.step.tasklet.TaskletStep", "org.springframework.transaction.support.TransactionTemplate",
            "com.zaxxer.hikari.pool.ProxyConnection", "org.apache.poi", "io.zonky.test.db.postgres.util.LinuxUtils");

    private final CdoSettings settings;
    private final EmbeddedDatabase embedded;
    private final HikariDataSource dataSource;
    private final Class<?>[] configurations;
    private final boolean verbose;
    private final String where;
    private ConfigurableApplicationContext spring;

    private CdoContext(CdoSettings settings, EmbeddedDatabase embedded, HikariDataSource dataSource,
                       Class<?>[] configurations, boolean verbose, String where) {
        this.settings = settings;
        this.embedded = embedded;
        this.dataSource = dataSource;
        this.configurations = configurations.clone();
        this.verbose = verbose;
        this.where = where;
    }

    /**
     * Loads settings, reaches the database and migrates it.
     *
     * @throws CdoException (exit 2) for a bad setting, a bad URL or a database that cannot be reached
     */
    public static CdoContext open(DatabaseOptions options, Class<?>... configurations) {
        String url = options.url != null ? options.url : System.getenv("CDO_DB_URL");
        String origin = options.urlOrigin();
        // an empty --db or CDO_DB_URL (an unset shell variable: --db "$URL") would otherwise mean the embedded database:
        // the data would go somewhere the user did not name
        if (url != null && url.isBlank()) {
            throw CdoException.badUsage(origin + " " + EXPECTS_URL + (options.url != null
                    ? ", but got an empty value; leave --db out for the embedded database"
                    : ", but is set to an empty value; unset it for the embedded database"));
        }
        Path embeddedFolder = url == null ? (options.dataDir != null ? options.dataDir : DEFAULT_DATA_DIR) : null;
        if (embeddedFolder == null && options.dataDir != null) {
            // cli.md: the embedded database is used with neither --db nor CDO_DB_URL; say so rather than ignore the option
            System.err.println("Note: --data-dir " + options.dataDir + " is not used: " + origin
                    + " names a database server (the embedded database serves only without --db and CDO_DB_URL).");
        }
        return open(options, url, embeddedFolder, dataSource -> { }, configurations);
    }

    /**
     * Like {@link #open}, but on the embedded database of {@code folder} whatever {@code --db} or {@code CDO_DB_URL}
     * say: for a command with a database of its own ({@code cdo demo}).
     */
    public static CdoContext openEmbedded(Path folder, DatabaseOptions options, Class<?>... configurations) {
        return open(options, null, folder, dataSource -> { }, configurations);
    }

    /**
     * Like {@link #open}, but on the server of {@code options.url} and in a schema of its own: every connection
     * names and uses only {@code schema}, which {@code prepare} may (re)create before it is migrated ({@code cdo demo
     * --db}: the database's other schemas, the clinic's records among them, are neither read nor written).
     */
    public static CdoContext openInSchema(DatabaseOptions options, String schema, Consumer<DataSource> prepare,
                                          Class<?>... configurations) {
        return open(options, withSchema(options.url, schema), null, prepare, configurations);
    }

    /** The URL with its currentSchema parameter (pgjdbc's search_path) set to {@code schema}, whatever it said before. */
    static String withSchema(String url, String schema) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String parameters = query < 0 ? "" : Arrays.stream(url.substring(query + 1).split("&"))
                .filter(p -> !p.isEmpty() && !p.regionMatches(true, 0, "currentSchema=", 0, "currentSchema=".length()))
                .map(p -> p + "&").collect(Collectors.joining());
        return base + "?" + parameters + "currentSchema=" + schema;
    }

    private static CdoContext open(DatabaseOptions options, String serverUrl, Path embeddedFolder, Consumer<DataSource> prepare,
                                   Class<?>... configurations) {
        if (options.verbose) {
            LoggingSystem logging = LoggingSystem.get(CdoContext.class.getClassLoader());
            logging.setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.INFO);
            VERBOSE_ONLY_LOGGERS.forEach(logger -> logging.setLogLevel(logger, LogLevel.INFO));
        }
        Map<String, String> environment = System.getenv();
        CdoSettings settings = CdoSettings.load(options.config, environment);
        // a misspelled variable (CDO_CLINIC_NAM) would otherwise be ignored in silence, where a misspelled cdo.yml key is refused
        for (String unknown : SettingsLoader.unknownVariables(environment)) {
            LOG.warn("The environment variable {} is not one cdo reads (a misspelling?); cdo.yml's settings are read from {}",
                    unknown, SettingsLoader.settingVariables());
        }
        String url = serverUrl;
        String origin = options.urlOrigin();
        EmbeddedDatabase embedded = null;
        HikariDataSource dataSource = null;
        try {
            if (embeddedFolder != null) {
                embedded = EmbeddedDatabase.open(embeddedFolder);
                url = embedded.jdbcUrl();
                origin = "the embedded database in " + embedded.folder();
            }
            String where = describe(url, origin);
            // CDO_DB_USER / CDO_DB_PASSWORD are the server's credentials; the embedded server's user is in its URL.
            dataSource = embedded != null ? pool(url, null, embedded.password(), where)
                    : pool(url, environment.get("CDO_DB_USER"), environment.get("CDO_DB_PASSWORD"), where);
            prepare.accept(dataSource);
            migrate(dataSource, where);
            return new CdoContext(settings, embedded, dataSource, configurations, options.verbose, where);
        } catch (RuntimeException e) {
            if (dataSource != null) {
                dataSource.close();
            }
            if (embedded != null) {
                embedded.close();
            }
            throw e;
        }
    }

    /** Where the URL points, for messages: host, port and database, never the URL's credentials. */
    private static String describe(String url, String origin) {
        Properties parsed = Driver.parseURL(url, new Properties());
        if (parsed == null) {
            throw CdoException.badUsage(origin + " " + EXPECTS_URL);
        }
        String target = parsed.getProperty("PGHOST", "localhost") + ":" + parsed.getProperty("PGPORT", "5432") + "/" + parsed.getProperty("PGDBNAME", "");
        return origin.startsWith("the embedded") ? origin + " (" + target + ")" : target + " (from " + origin + ")";
    }

    private static HikariDataSource pool(String url, String user, String password, String where) {
        Properties driverProperties = new Properties();
        // Server error details quote row values (a key that already exists, a value that does not fit): keep them
        // out of exception messages, which reach logs and the job repository's exit messages.
        driverProperties.setProperty("logServerErrorDetail", "false");
        if (user != null) {
            driverProperties.setProperty("user", user);
        }
        if (password != null) {
            driverProperties.setProperty("password", password);
        }
        // Without it the driver waits for good on a server that accepts the connection and never answers (a hung
        // server, another service on its port); a loginTimeout in the URL wins.
        driverProperties.setProperty("loginTimeout", Integer.toString(LOGIN_TIMEOUT_SECONDS));
        long started = System.nanoTime();
        // One plain connection first: it fails at once, with the driver's reason (a pool would retry until its timeout).
        try (Connection ignored = new Driver().connect(url, driverProperties)) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(url);
            config.setPoolName("cdo");
            // A connection comes from the pool at once, or from a server that answers in well under a second; one that
            // went away mid-job made a command wait the default 30 s at each of the job repository's last writes (a
            // killed embedded server: 2 minutes before exit 1).
            config.setConnectionTimeout(10_000);
            // Connections are opened as work needs them, not ten at start (the pool's default): two concurrent ingests
            // held 20, and a few cdo processes beside other clients filled the server's 100 (max_connections).
            config.setMinimumIdle(1);
            config.setDataSourceProperties(driverProperties);
            return new HikariDataSource(config);
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            boolean timedOut = System.nanoTime() - started >= TimeUnit.SECONDS.toNanos(LOGIN_TIMEOUT_SECONDS)
                    && "08001".equals(e.getSQLState()) && e.getCause() == null;
            String sentence = "cannot connect to the database at " + where + ": " + (timedOut ? "the server accepted the "
                    + "connection but did not answer in " + LOGIN_TIMEOUT_SECONDS + " s (is a PostgreSQL server listening there?)"
                    : reason(e));
            // a server with no connection left, or starting or stopping, is busy rather than misconfigured: exit 1
            throw state.startsWith("53") || state.equals("57P03") ? CdoException.jobFailed(sentence, e) : CdoException.badUsage(sentence, e);
        }
    }

    private static String reason(SQLException e) {
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof ConnectException || cause instanceof UnknownHostException
                || cause instanceof SocketTimeoutException)) {
            cause = cause.getCause();
        }
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (cause instanceof UnknownHostException) {
            return "unknown host";
        } else if (cause instanceof ConnectException) {
            return "nothing accepts connections there";
        } else if (cause instanceof SocketTimeoutException) {
            return "the server did not answer in time";
        } else if (state.startsWith("28")) {
            return "the server refused the user name or password (set CDO_DB_USER and CDO_DB_PASSWORD)";
        } else if (state.equals("3D000")) {
            return "that database does not exist on the server";
        } else if (state.equals("53300")) {
            return "the server has no connection left (" + Failures.sentence(e) + "): try again when fewer programs use it";
        } else if (state.equals("57P03")) {
            return "the server is starting up or shutting down: try again in a moment";
        }
        return Failures.firstLine(e);
    }

    static void migrate(DataSource dataSource, String where) {
        try {
            Migrations.migrate(dataSource);
        } catch (FlywayException e) {
            if (Failures.connectionLost(e)) {
                // the server went away meanwhile (Flyway words it as a schema failure): not a configuration problem
                throw CdoException.jobFailed("the connection to the database server at " + where + " was lost while cdo "
                        + "brought the database to the current schema; once it is back, run the command again", e);
            }
            if (Failures.diskFull(e)) {
                // Flyway's own words read like a broken install
                throw CdoException.jobFailed("cannot bring the database at " + where + " to the current schema: "
                        + Failures.sentence(e) + "; then run the command again", e);
            }
            throw CdoException.badUsage("cannot bring the database at " + where + " to the current schema: " + Failures.firstLine(e), e);
        }
    }

    public CdoSettings settings() {
        return settings;
    }

    /** A bean of the Spring context (started at the first call): job configurations, JobOperator, JdbcTemplate... */
    public <T> T bean(Class<T> type) {
        return spring().getBean(type);
    }

    /** Starts the embedded database server again if it has died while this process runs (see EmbeddedDatabase). */
    public void reviveEmbeddedServer() {
        if (embedded != null) {
            embedded.reviveIfGone();
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Where the database is, for messages: host, port and database (and where the URL came from), no credentials. */
    public String where() {
        return where;
    }

    private synchronized ConfigurableApplicationContext spring() {
        if (spring == null) {
            Class<?>[] sources = new Class<?>[configurations.length + 1];
            sources[0] = CdoApplication.class;
            System.arraycopy(configurations, 0, sources, 1, configurations.length);
            Map<String, Object> properties = new HashMap<>();
            properties.put("spring.batch.job.enabled", "false");
            // The schema, Batch tables included, is Flyway's (org.cdoutcomes.db.Migrations), run before Spring starts.
            properties.put("spring.batch.jdbc.initialize-schema", "never");
            if (verbose) {
                properties.put("logging.level.root", "INFO");
                VERBOSE_ONLY_LOGGERS.forEach(logger -> properties.put("logging.level." + logger, "INFO"));
            }
            spring = new SpringApplicationBuilder(sources)
                    .web(WebApplicationType.NONE)
                    .bannerMode(Banner.Mode.OFF)
                    .logStartupInfo(false)
                    .properties(properties)
                    .initializers(context -> {
                        context.getBeanFactory().registerSingleton("dataSource", dataSource);
                        context.getBeanFactory().registerSingleton("cdoSettings", settings);
                    })
                    .run();
        }
        return spring;
    }

    @Override
    public void close() {
        try {
            if (spring != null) {
                spring.close();
            }
        } finally {
            dataSource.close();
            if (embedded != null) {
                embedded.close();
            }
        }
    }
}
