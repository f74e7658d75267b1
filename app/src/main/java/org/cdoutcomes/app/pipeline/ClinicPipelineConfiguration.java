package org.cdoutcomes.app.pipeline;

import javax.sql.DataSource;
import org.cdoutcomes.app.cli.CdoSettings;
import org.cdoutcomes.ingest.IngestJobConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The jobs of a clinic's database: the scheduled jobs over the real stages, and the ingest job, so that
 * {@code cdo restart} resumes any of them.
 */
@Configuration(proxyBeanMethods = false)
@Import({PipelineJobConfiguration.class, IngestJobConfiguration.class})
public class ClinicPipelineConfiguration {
    @Bean
    PipelineStages clinicPipelineStages(DataSource dataSource, CdoSettings settings) {
        return new ClinicPipelineStages(dataSource, settings);
    }
}
