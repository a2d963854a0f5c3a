package dev.cadenza.bench;

import java.util.Arrays;
import java.util.Collection;

/**
 * Summary of a sample: count, mean, p50, p90, p99, max. Percentiles are nearest-rank (the
 * smallest value with at least p% of the sample at or below it), so every figure is a value that
 * was measured.
 */
public record Stats(int count, double mean, double p50, double p90, double p99, double max) {

  public static Stats of(Collection<Double> values) {
    return of(values.stream().mapToDouble(Double::doubleValue).toArray());
  }

  public static Stats of(double[] values) {
    if (values.length == 0) {
      return new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return new Stats(
        sorted.length,
        Arrays.stream(sorted).average().orElseThrow(),
        percentile(sorted, 50),
        percentile(sorted, 90),
        percentile(sorted, 99),
        sorted[sorted.length - 1]);
  }

  /** Nearest-rank percentile of an ascending array; {@code p} in (0, 100]. */
  public static double percentile(double[] sorted, double p) {
    if (!(p > 0 && p <= 100)) {
      throw new IllegalArgumentException("p must be in (0, 100], was " + p);
    }
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.max(rank, 1) - 1];
  }
}
