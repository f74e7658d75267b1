package org.cdoutcomes.app.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;

/** Writes the synthetic clinic behind {@code cdo demo}: what {@code cdo generate} writes, without a seed or dates. */
@FunctionalInterface
public interface DemoClinic {
    /**
     * Writes {@code patients.csv}, {@code visits.csv} and {@code symptoms.csv} of a clinic of that many patients into
     * the folder (created when missing), its history covering the two years up to {@code lastDay}, the day before the
     * demo's (synthetic-clinic.md).
     */
    void generate(Path folder, int patients, LocalDate lastDay) throws IOException;
}
