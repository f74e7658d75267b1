package org.cdoutcomes.app.generate;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Generation speed, run on demand (not a *Tests class):
 * {@code ./mvnw -B -q -o -pl app -am test -Dtest=GeneratorBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dbench.patients=100000}.
 * Reports wall time on one thread and on all cores, and each as a ratio to the baseline measured in the same
 * run: writing the same number of bytes, already built, through the same buffered streams.
 */
class GeneratorBenchmark {
    @Test
    void generate() throws IOException {
        int patients = Integer.getInteger("bench.patients", 100_000);
        GeneratorOptions options = new GeneratorOptions(patients, 1, LocalDate.of(2021, 1, 1), LocalDate.of(2025, 12, 31));
        Path directory = Files.createTempDirectory("cdo-bench");
        try {
            SyntheticClinic.write(new GeneratorOptions(2000, 1, options.from(), options.to()), directory); // warm-up
            int cores = Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors()));
            long start = System.nanoTime();
            GenerationSummary summary = SyntheticClinic.write(options, directory, cores);
            double parallel = seconds(start);
            start = System.nanoTime();
            SyntheticClinic.write(options, directory, 1);
            double single = seconds(start);
            long bytes = 0;
            for (String file : new String[] {SyntheticClinic.PATIENTS_FILE, SyntheticClinic.VISITS_FILE, SyntheticClinic.SYMPTOMS_FILE}) {
                bytes += Files.size(directory.resolve(file));
            }
            start = System.nanoTime();
            writeBytes(directory.resolve("baseline.csv"), bytes);
            double baseline = seconds(start);
            System.out.printf("%d patients, %s..%s: %d patient, %d visit, %d symptom rows, %.0f MB%n", patients, options.from(),
                    options.to(), summary.patientRows(), summary.visitRows(), summary.symptomRows(), bytes / 1e6);
            System.out.printf("baseline (write the same bytes): %.2f s%n", baseline);
            System.out.printf("generate, %d threads: %.2f s (%.1fx baseline)%n", cores, parallel, parallel / baseline);
            System.out.printf("generate, 1 thread: %.2f s (%.1fx baseline)%n", single, single / baseline);
        } finally {
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private static void writeBytes(Path file, long bytes) throws IOException {
        byte[] chunk = new byte[1 << 18];
        java.util.Arrays.fill(chunk, (byte) 'x');
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            for (long written = 0; written < bytes; written += chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, bytes - written));
            }
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
