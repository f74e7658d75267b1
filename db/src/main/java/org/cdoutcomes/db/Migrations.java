package org.cdoutcomes.db;

import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Takes a database to the latest schema: the records, the ingest runs, the Batch tables and the vocabularies. */
public final class Migrations {
    /** SQL migrations and the Java migration that fills vocabulary tables from the model. */
    public static final String[] LOCATIONS = {"classpath:db/migration", "classpath:org/cdoutcomes/db/migration"};

    private Migrations() {
    }

    /**
     * Migrates, each migration and its row in the schema history in one transaction. Flyway's default on PostgreSQL
     * (a transactional advisory lock) runs the migrations on a second connection and commits their history rows
     * apart from them: a process killed between the two left a migration applied but not recorded, which every
     * later start then ran again and failed on. A session lock keeps Flyway to one connection.
     */
    public static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations(LOCATIONS)
                .configuration(Map.of("flyway.postgresql.transactional.lock", "false"))
                .load()
                .migrate();
    }
}
