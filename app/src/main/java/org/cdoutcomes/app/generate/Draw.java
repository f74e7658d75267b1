package org.cdoutcomes.app.generate;

import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

/**
 * Seeded random draws of the simulation. Each patient has its own stream derived from the seed and the
 * patient's index, so the output does not depend on how patients are spread over threads. StrictMath
 * keeps every derived number identical on every JVM and platform.
 */
final class Draw {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final SplittableRandom random;

    private Draw(SplittableRandom random) {
        this.random = random;
    }

    static Draw forPatient(long seed, int patientIndex) {
        return new Draw(new SplittableRandom(mix(mix(seed) + GOLDEN_GAMMA * (patientIndex + 1L))));
    }

    static Draw forClinic(long seed) {
        return new Draw(new SplittableRandom(mix(seed ^ 0x5DEECE66DL)));
    }

    /** An independent stream, so that draws made for one purpose do not shift the draws of another. */
    Draw split() {
        return new Draw(random.split());
    }

    /** Stafford variant 13 of the 64-bit finaliser (as SplittableRandom uses): spreads nearby seeds apart. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1). */
    double uniform() {
        return random.nextDouble();
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    /** Uniform integer in [low, high], both included. */
    int between(int low, int high) {
        return low + random.nextInt(high - low + 1);
    }

    /** Uniform integer in [0, bound). */
    int below(int bound) {
        return random.nextInt(bound);
    }

    double uniform(double low, double high) {
        return low + (high - low) * random.nextDouble();
    }

    /** Standard normal by Box-Muller (one value per call: simple, and fast enough here). */
    double gaussian() {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * StrictMath.PI * u2);
    }

    double normal(double mean, double sd) {
        return mean + sd * gaussian();
    }

    double logNormal(double median, double sigma) {
        return median * StrictMath.exp(sigma * gaussian());
    }

    /**
     * The first of {@code draws} within [min, max]: their distribution truncated to that range. Drawn again rather than
     * clamped, which would pile the values beyond the range up on its ends.
     */
    static double within(double min, double max, DoubleSupplier draws) {
        while (true) {
            double value = draws.getAsDouble();
            if (value >= min && value <= max) {
                return value;
            }
        }
    }
}
