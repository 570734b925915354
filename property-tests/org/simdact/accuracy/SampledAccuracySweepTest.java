package org.simdact.accuracy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.simdact.internal.Kernels;
import org.simdact.internal.ScalarKernels;
import org.simdact.internal.vector.VectorKernels;
import org.simdact.oracle.Float64Oracle;

/**
 * The accuracy sweep in small: every {@value #STRIDE}-th float bit pattern plus all special
 * values, the neighbourhoods of every kink and saturation threshold, and the edges of every
 * binade, through every elementwise function on the vector kernels. Fails when a result breaks
 * its documented bound or differs from the scalar path. The full sweep over all 2^32 floats is
 * {@link AccuracySweep}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SampledAccuracySweepTest {

  /** Prime, so that the sample does not line up with the exponent or mantissa fields. */
  static final int STRIDE = 509;

  /** Patterns on each side of each kink. */
  static final int KINK_RADIUS = 4096;

  /** Patterns at the start and end of each binade. */
  static final int BINADE_EDGE = 16;

  /**
   * Inputs where an earlier sigmoid broke its bound (its quotient did not account for the rounding
   * of 1 + e), kept in the sample as known hard cases.
   */
  static final int[] FULL_SWEEP_FINDINGS = {0xc085_088d, 0xbff9_2861};

  private List<Tally> tallies;

  @BeforeAll
  void sweep() throws InterruptedException {
    int[] inputs = sample();
    int threads = Runtime.getRuntime().availableProcessors();
    tallies = new Sweep(SweptFunction.ALL, threads, 1 << 16)
        .run(Sweep.Patterns.of(inputs), done -> {});
  }

  private static int[] sample() {
    return IntStream.concat(
            IntStream.of(InputSets.sampled(STRIDE, KINK_RADIUS, BINADE_EDGE)),
            IntStream.of(FULL_SWEEP_FINDINGS))
        .toArray();
  }

  @TestFactory
  Stream<DynamicTest> everyFunctionMeetsItsDocumentedBound() {
    return tallies.stream().map(t -> DynamicTest.dynamicTest(
        t.function().name() + " is " + t.function().boundText(), () -> checkBound(t)));
  }

  private static void checkBound(Tally t) {
    assertEquals(0, t.violations(), () -> t.function().name() + " breaks "
        + t.function().boundText() + " on " + t.violations() + " inputs, first "
        + describe(t.firstViolations()) + "; largest error " + t.worst());
  }

  @TestFactory
  Stream<DynamicTest> vectorAndScalarPathsGiveTheSameBits() {
    return tallies.stream().map(t -> DynamicTest.dynamicTest(
        t.function().name() + " is the same on both paths",
        () -> assertEquals(0, t.pathMismatches(), () -> t.pathMismatches()
            + " inputs differ, first " + describe(t.firstPathMismatches()))));
  }

  @Test
  void nanGivesNanForEveryFunctionOnBothPaths() {
    for (SpecialValues.Results r : SpecialValues.compute()) {
      for (int i = 0; i < InputSets.SPECIAL_BITS.length; i++) {
        if (Float.isNaN(Float.intBitsToFloat(InputSets.SPECIAL_BITS[i]))) {
          assertTrue(Float.isNaN(r.vector()[i]) && Float.isNaN(r.scalar()[i]),
              r.function().name() + " of " + Integer.toHexString(InputSets.SPECIAL_BITS[i]));
        }
      }
    }
  }

  @Test
  void theSampleCoversEveryKinkSpecialValueAndBinadeEdge() {
    long count = Sweep.Patterns.of(sample()).size();
    long strided = ((1L << 32) + STRIDE - 1) / STRIDE;
    assertTrue(count > strided + 100_000, "only " + count + " inputs");
    assertEquals(count, tallies.get(0).count());
  }

  // ---- the sweep itself must be able to fail ----

  @Test
  void aKernelThreeUlpOffIsReportedAsBreakingTheBound() throws InterruptedException {
    SweptFunction sigmoid = SweptFunction.ALL.get(0);
    SweptFunction skewed = new SweptFunction("skewed sigmoid", 2, 0f,
        (k, x, dy, out, n) -> {
          sigmoid.kernel().apply(k, x, dy, out, n);
          for (int i = 0; i < n; i++) {
            out[i] = Math.nextUp(Math.nextUp(Math.nextUp(out[i])));
          }
        },
        sigmoid.reference(), Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY);
    Tally t = sweepSmall(skewed, VectorKernels.INSTANCE);

    assertTrue(t.violations() > 0, "no violation found");
    assertTrue(t.worst().errorUlp() > 2, "largest error " + t.worst());
  }

  @Test
  void aVectorPathThatDiffersFromTheScalarPathIsReported() throws InterruptedException {
    SweptFunction relu = SweptFunction.ALL.get(2);
    SweptFunction divergent = new SweptFunction("divergent relu", 0, 0f,
        (k, x, dy, out, n) -> {
          relu.kernel().apply(k, x, dy, out, n);
          if (k instanceof ScalarKernels) {
            out[n / 2] = Math.nextUp(out[n / 2]);
          }
        },
        relu.reference(), Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY);
    Tally t = sweepSmall(divergent, VectorKernels.INSTANCE);

    assertTrue(t.pathMismatches() > 0, "no difference found");
    assertEquals(0, t.violations(), "the vector path itself is exact");
  }

  @Test
  void anInexactResultOfAnExactFunctionIsReportedEvenWithinHalfAnUlp() {
    Tally t = new Tally(SweptFunction.ALL.get(3));
    float x = -3f;
    double exact = Float64Oracle.leakyRelu(SweptFunction.LEAKY_SLOPE, x);
    float wrong = Math.nextUp((float) exact);
    t.add(Float.floatToRawIntBits(x), wrong, wrong, exact);

    assertEquals(1, t.violations());
  }

  private static Tally sweepSmall(SweptFunction f, Kernels vector) throws InterruptedException {
    int[] inputs = InputSets.sampled(1 << 20, 64, 0);
    return new Sweep(List.of(f), vector, ScalarKernels.INSTANCE, 2, 1 << 12)
        .run(Sweep.Patterns.of(inputs), done -> {})
        .get(0);
  }

  private static String describe(List<Tally.Sample> samples) {
    return samples.stream()
        .map(s -> String.format("x=0x%08x (%s) -> %s, reference %s, %.3f ulp",
            s.bits(), s.input(), s.actual(), s.reference(), s.errorUlp()))
        .collect(Collectors.joining("; "));
  }
}
