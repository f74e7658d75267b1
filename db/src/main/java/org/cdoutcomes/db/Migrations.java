package org.cdoutcomes.db;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Takes a database to the latest schema: the records, the ingest runs, the Batch tables and the vocabularies. */
public final class Migrations {
    /** SQL migrations and the Java migration that fills vocabulary tables from the model. */
    public static final String[] LOCATIONS = {"classpath:db/migration", "classpath:org/cdoutcomes/db/migration"};

    private Migrations() {
    }

    public static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations(LOCATIONS)
                .load()
                .migrate();
    }
}
