package org.cdoutcomes.app.generate;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The synthetic clinic of synthetic-clinic.md: writes {@code patients.csv}, {@code visits.csv} and
 * {@code symptoms.csv} (input-formats.md, canonical headers) for the given options. Patients are simulated
 * in blocks on all cores, each from its own seeded stream, and written in patient order, so the bytes
 * depend on the options only.
 */
public final class SyntheticClinic {
    public static final String PATIENTS_FILE = "patients.csv";
    public static final String VISITS_FILE = "visits.csv";
    public static final String SYMPTOMS_FILE = "symptoms.csv";

    private static final int BLOCK_PATIENTS = 500;
    private static final int OUTPUT_BUFFER = 1 << 20;

    private SyntheticClinic() {
    }

    /** Writes the three files into {@code directory} (created when missing; existing files are replaced). */
    public static GenerationSummary write(GeneratorOptions options, Path directory) throws IOException {
        return write(options, directory, Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors())));
    }

    /** As {@link #write(GeneratorOptions, Path)} on the given number of threads (the bytes are the same on any number). */
    static GenerationSummary write(GeneratorOptions options, Path directory, int threads) throws IOException {
        Files.createDirectories(directory);
        ClinicPlan plan = new ClinicPlan(options);
        PatientSimulation simulation = new PatientSimulation(plan);
        ClinicExport export = new ClinicExport(plan);
        ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "cdo-generate");
            thread.setDaemon(true);
            return thread;
        });
        long patientRows = 0;
        long visitRows = 0;
        long symptomRows = 0;
        long ruleBreakingRows = 0;
        try (OutputStream patients = open(directory.resolve(PATIENTS_FILE), ClinicExport.PATIENTS_HEADER);
             OutputStream visits = open(directory.resolve(VISITS_FILE), ClinicExport.VISITS_HEADER);
             OutputStream symptoms = open(directory.resolve(SYMPTOMS_FILE), ClinicExport.SYMPTOMS_HEADER)) {
            int blocks = (options.patients() + BLOCK_PATIENTS - 1) / BLOCK_PATIENTS;
            Deque<Future<ClinicExport.Rows>> pending = new ArrayDeque<>();
            int submitted = 0;
            for (int written = 0; written < blocks; written++) {
                // Keep a few blocks ahead per thread, in order; memory stays bounded whatever the size.
                while (submitted < blocks && pending.size() < 2 * threads) {
                    int first = submitted * BLOCK_PATIENTS;
                    int end = Math.min(options.patients(), first + BLOCK_PATIENTS);
                    pending.add(pool.submit(() -> block(first, end, options.seed(), simulation, export)));
                    submitted++;
                }
                ClinicExport.Rows rows = await(pending.removeFirst());
                rows.patients.writeTo(patients);
                rows.visits.writeTo(visits);
                rows.symptoms.writeTo(symptoms);
                patientRows += rows.patients.rows();
                visitRows += rows.visits.rows();
                symptomRows += rows.symptoms.rows();
                ruleBreakingRows += rows.ruleBreakingRows;
            }
        } finally {
            pool.shutdownNow();
        }
        return new GenerationSummary(options.patients(), patientRows, visitRows, symptomRows, ruleBreakingRows,
                options.from(), options.to());
    }

    private static ClinicExport.Rows block(int first, int end, long seed, PatientSimulation simulation, ClinicExport export) {
        ClinicExport.Rows rows = new ClinicExport.Rows();
        for (int index = first; index < end; index++) {
            Draw draw = Draw.forPatient(seed, index);
            // Typing gets its own stream: how codes are typed never shifts the clinical history.
            Draw typing = draw.split();
            export.write(simulation.simulate(index, draw), typing, rows);
        }
        return rows;
    }

    private static OutputStream open(Path file, String header) throws IOException {
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), OUTPUT_BUFFER);
        out.write((header + "\n").getBytes(StandardCharsets.US_ASCII));
        return out;
    }

    private static ClinicExport.Rows await(Future<ClinicExport.Rows> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while generating the clinic", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }
}
