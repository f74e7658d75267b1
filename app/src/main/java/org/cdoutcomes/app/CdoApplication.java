package org.cdoutcomes.app;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** Spring Boot auto-configuration (DataSource, Flyway, the JDBC job repository) without component scanning: each command names its configurations. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class CdoApplication {
}
