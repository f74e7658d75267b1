package org.cdoutcomes.app.pipeline;

import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Test code: the fake stages as the context's {@link PipelineStages}. */
@Configuration(proxyBeanMethods = false)
public class FakeStagesConfiguration {
    @Bean
    FakeStages fakeStages(DataSource dataSource) {
        return new FakeStages(dataSource);
    }
}
