package org.cdoutcomes.app.cli;

import java.util.Map;
import javax.sql.DataSource;
import org.cdoutcomes.app.CdoApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The running application for one command: the database (a server URL or the embedded one), migrated,
 * and a Spring context holding the given job configurations. Close it to release the database.
 */
public final class CdoContext implements AutoCloseable {
    private final ConfigurableApplicationContext spring;

    private CdoContext(ConfigurableApplicationContext spring) {
        this.spring = spring;
    }

    public static CdoContext open(DatabaseOptions options, Class<?>... configurations) {
        String url = options.url != null ? options.url : System.getenv("CDO_DB_URL");
        if (url == null) {
            throw new IllegalStateException("embedded database not wired yet: pass --db");
        }
        Class<?>[] sources = new Class<?>[configurations.length + 1];
        sources[0] = CdoApplication.class;
        System.arraycopy(configurations, 0, sources, 1, configurations.length);
        ConfigurableApplicationContext spring = new SpringApplicationBuilder(sources)
                .web(WebApplicationType.NONE)
                .bannerMode(org.springframework.boot.Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties(Map.of(
                        "spring.datasource.url", url,
                        "spring.batch.job.enabled", "false",
                        "spring.flyway.locations", String.join(",", org.cdoutcomes.db.Migrations.LOCATIONS)))
                .run();
        return new CdoContext(spring);
    }

    public <T> T bean(Class<T> type) {
        return spring.getBean(type);
    }

    public DataSource dataSource() {
        return spring.getBean(DataSource.class);
    }

    @Override
    public void close() {
        spring.close();
    }
}
