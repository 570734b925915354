package org.simdact.properties;

import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.simdact.internal.ExpApprox;
import org.simdact.internal.ScalarKernels;
import org.simdact.internal.TanhApprox;
import org.simdact.internal.vector.VectorKernels;

/**
 * The building blocks of the generators. jqwik's float generators give numbers with two decimals
 * by default, so NaN, infinities, subnormals and the points where the kernels change behaviour
 * never appear unless they are asked for; everything here asks for them.
 */
final class FloatArbitraries {

  private FloatArbitraries() {}

  /** Longest array of the short-array properties: several 16-float vectors plus a tail. */
  static final int MAX_SHORT_LENGTH = 70;

  /** Padding before an array range: enough to hit every alignment of a 512-bit vector. */
  static final int MAX_POSITION = 17;

  /**
   * Points where a kernel changes behaviour or where its result saturates, and the extremes of
   * the float format; each is also generated a few ulps to either side.
   */
  static final List<Float> FINITE_POINTS =
      List.of(
          0f,
          -0f,
          1f,
          -1f,
          0.5f,
          -0.5f,
          Float.MIN_VALUE,
          -Float.MIN_VALUE,
          Float.MIN_NORMAL,
          -Float.MIN_NORMAL,
          Math.nextDown(Float.MIN_NORMAL),
          Float.MAX_VALUE,
          -Float.MAX_VALUE,
          // the slope and threshold of the table's second leakyRelu and step
          Elementwise.OTHER_SLOPE,
          Elementwise.OTHER_THRESHOLD,
          // sigmoid: rounds to 1 above about 16.6; exp(-|x|) turns subnormal below -87.3;
          // the result underflows to zero near -103.97
          16.6f,
          -16.6f,
          17f,
          -87.33655f,
          -88.72284f,
          -90f,
          -103.27893f,
          -103.97208f,
          -104f,
          ExpApprox.CUTOFF,
          -ExpApprox.CUTOFF,
          // tanh: the polynomial gives way to the exponential at 0.55; rounds to 1 above 9.01
          TanhApprox.SMALL,
          -TanhApprox.SMALL,
          9.01f,
          -9.01f,
          9.010913f,
          -9.010913f,
          // exp(-2|x|) in tanh reaches the cutoff at half of it
          ExpApprox.CUTOFF / 2,
          -ExpApprox.CUTOFF / 2,
          // the range reduction switches n at odd multiples of ln2 / 2
          0.34657359f,
          -0.34657359f,
          1.0397208f,
          -1.0397208f);

  static final List<Float> NON_FINITE =
      List.of(
          Float.NaN,
          -Float.NaN,
          Float.intBitsToFloat(0x7f80_0001), // signalling NaN
          Float.intBitsToFloat(0xffc0_1234), // negative NaN with a payload
          Float.POSITIVE_INFINITY,
          Float.NEGATIVE_INFINITY);

  /** Any float: special values, values near the special points, any bit pattern, moderate. */
  static Arbitrary<Float> anyFloat() {
    return Arbitraries.frequencyOf(
        Tuple.of(2, Arbitraries.of(NON_FINITE)),
        Tuple.of(3, Arbitraries.of(FINITE_POINTS)),
        Tuple.of(3, nearPoints()),
        Tuple.of(3, anyBits()),
        Tuple.of(4, uniform(-120, 120)));
  }

  /** Any finite float, with the special points and their neighbours. */
  static Arbitrary<Float> anyFiniteFloat() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.of(FINITE_POINTS)),
        Tuple.of(3, nearPoints()),
        Tuple.of(3, anyBits().filter(Float::isFinite)),
        Tuple.of(4, uniform(-120, 120)));
  }

  /** Floats a few ulps from one of {@link #FINITE_POINTS}. */
  static Arbitrary<Float> nearPoints() {
    return Combinators.combine(Arbitraries.of(FINITE_POINTS), Arbitraries.integers().between(-4, 4))
        .as(FloatArbitraries::ulpsAway);
  }

  /** Every float bit pattern equally likely: mostly huge or tiny magnitudes, some NaNs. */
  static Arbitrary<Float> anyBits() {
    return Arbitraries.integers().map(Float::intBitsToFloat);
  }

  /** Floats in [lo, hi], all their bits random, with the ends and zero as edge cases. */
  static Arbitrary<Float> uniform(double lo, double hi) {
    return Arbitraries.doubles().between(lo, hi).ofScale(9).map(Double::floatValue);
  }

  /** Floats in [lo, hi] spread evenly over the binades, so tiny values are common. */
  static Arbitrary<Float> logUniform(float lo, float hi) {
    return Arbitraries.integers()
        .between(Float.floatToIntBits(lo), Float.floatToIntBits(hi))
        .map(Float::intBitsToFloat);
  }

  /** Values of sigmoid: [0, 1], with its ends, 0.5 and subnormals. */
  static Arbitrary<Float> sigmoidOutputs() {
    return Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.of(0f, 1f, 0.5f, Float.MIN_VALUE, 8.1940087e-40f)),
        Tuple.of(1, Arbitraries.of(Math.nextDown(1f), Math.nextDown(0.5f), Math.nextUp(0.5f))),
        Tuple.of(3, logUniform(0f, 1f)),
        Tuple.of(3, uniform(0, 1)));
  }

  /** Values of tanh: [-1, 1], with its ends, zeros and subnormals. */
  static Arbitrary<Float> tanhOutputs() {
    Arbitrary<Float> magnitudes =
        Arbitraries.frequencyOf(
            Tuple.of(1, Arbitraries.of(0f, 1f, Math.nextDown(1f), Float.MIN_VALUE)),
            Tuple.of(3, logUniform(0f, 1f)),
            Tuple.of(3, uniform(0, 1)));
    return Combinators.combine(magnitudes, Arbitraries.of(true, false))
        .as((m, negative) -> negative ? -m : m);
  }

  /** k ulps up (k &gt; 0) or down from x; zero steps between -MIN_VALUE and MIN_VALUE. */
  static float ulpsAway(float x, int k) {
    float y = x;
    for (int i = 0; i < Math.abs(k); i++) {
      y = k > 0 ? Math.nextUp(y) : Math.nextDown(y);
    }
    return Float.isFinite(y) ? y : x;
  }

  /**
   * Lengths from 0 to max, half of them among those that matter to the vector loops: 0, 1,
   * lanes - 1, lanes, lanes + 1 for every supported width and for the sixteen softmax partial
   * sums, their multiples, and primes.
   */
  static Arbitrary<Integer> lengths(int max) {
    TreeSet<Integer> interesting = new TreeSet<>();
    List<Integer> widths = List.of(4, 8, 16, VectorKernels.lanes(), ScalarKernels.SUM_LANES);
    for (int w : widths) {
      for (int m = w; m <= max + 1; m += w) {
        interesting.add(m - 1);
        interesting.add(m);
        interesting.add(m + 1);
      }
    }
    interesting.addAll(List.of(0, 1, 2, 3, 5, 7, 11, 13, 19, 23, 29, 37, 41, 43, 53, 59, 61, 67));
    Integer[] inRange = interesting.headSet(max, true).toArray(Integer[]::new);
    // half of the lengths come from this list: declaring them as jqwik edge cases instead makes
    // the edge cases of every array generator built on it costly to enumerate
    return Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.of(inRange)), Tuple.of(1, Arbitraries.integers().between(0, max)));
  }

  /** Arrays with lengths from {@link #lengths} and elements from the given arbitrary. */
  static Arbitrary<float[]> arrays(Arbitrary<Float> elements, Arbitrary<Integer> lengths) {
    return lengths.flatMap(n -> elements.array(float[].class).ofSize(n));
  }

  static Arbitrary<Integer> positions() {
    return Arbitraries.integers().between(0, MAX_POSITION);
  }
}
