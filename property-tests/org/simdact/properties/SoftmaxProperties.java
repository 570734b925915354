package org.simdact.properties;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.simdact.Activations;
import org.simdact.internal.Kernels;
import org.simdact.internal.ScalarKernels;
import org.simdact.internal.vector.VectorKernels;
import org.simdact.oracle.Float64Oracle;
import org.simdact.properties.Slices.Buffers;

/** Softmax of one row and its gradient. */
class SoftmaxProperties {

  /** The documented accuracy of each element of softmax, for rows of up to 2^20 elements. */
  static final int ULP_BOUND = 4;

  /** The documented accuracy factor of softmaxBackward: 2^-21 * y_i * (|dy_i| + S). */
  static final double BACKWARD_FACTOR = 0x1p-21;

  // ---- generators ----

  /** Short rows of any floats, NaN and infinities included, at any position, maybe in place. */
  @Provide
  Arbitrary<Slices> shortRowsOfAnyFloats() {
    return Slices.of(
        1,
        FloatArbitraries.anyFloat(),
        FloatArbitraries.anyFloat(),
        FloatArbitraries.lengths(FloatArbitraries.MAX_SHORT_LENGTH));
  }

  /** Short (y, dy) rows of any floats for the backward kernels, maybe computed in place. */
  @Provide
  Arbitrary<Slices> shortGradientRowsOfAnyFloats() {
    return Slices.of(
        2,
        FloatArbitraries.anyFloat(),
        FloatArbitraries.anyFloat(),
        FloatArbitraries.lengths(FloatArbitraries.MAX_SHORT_LENGTH));
  }

  /** Rows of a few thousand elements, mostly moderate, some extreme, a few -infinity. */
  @Provide
  Arbitrary<Slices> longRows() {
    return Slices.of(2, longRowElements(), longRowElements(), Arbitraries.integers().between(
        1000, 5000));
  }

  private static Arbitrary<Float> longRowElements() {
    return Arbitraries.frequencyOf(
        Tuple.of(40, FloatArbitraries.uniform(-40, 40)),
        Tuple.of(4, FloatArbitraries.nearPoints()),
        Tuple.of(1, Arbitraries.just(Float.NEGATIVE_INFINITY)));
  }

  /** Rows of values a network would produce: no NaN, no infinity, moderate magnitudes. */
  @Provide
  Arbitrary<float[]> rowsOfModerateValues() {
    return FloatArbitraries.arrays(
        FloatArbitraries.uniform(-30, 30),
        FloatArbitraries.lengths(FloatArbitraries.MAX_SHORT_LENGTH));
  }

  /** Rows with extreme values: any floats, NaN, infinities and subnormals included. */
  @Provide
  Arbitrary<float[]> rowsWithExtremeValues() {
    return FloatArbitraries.arrays(
        FloatArbitraries.anyFloat(), FloatArbitraries.lengths(FloatArbitraries.MAX_SHORT_LENGTH));
  }

  /**
   * Rows whose every sum makes sense: finite values, some -infinity (which gives 0), at least one
   * finite element.
   */
  @Provide
  Arbitrary<float[]> rowsWithAFiniteElement() {
    Arbitrary<Float> elements =
        Arbitraries.frequencyOf(
            Tuple.of(6, FloatArbitraries.anyFiniteFloat()),
            Tuple.of(1, Arbitraries.just(Float.NEGATIVE_INFINITY)));
    return FloatArbitraries.arrays(
            elements, FloatArbitraries.lengths(FloatArbitraries.MAX_SHORT_LENGTH))
        .filter(row -> row.length > 0)
        .map(
            row -> {
              float[] withFinite = row.clone();
              withFinite[0] = Float.isFinite(row[0]) ? row[0] : 0f;
              return withFinite;
            });
  }

  /**
   * Rows of multiples of 2^-8 in [-64, 64] and a shift, also a multiple of 2^-8, of at most 1024
   * in magnitude: every shifted element needs at most 19 significant bits, so it is exact.
   */
  @Provide
  Arbitrary<Tuple.Tuple2<float[], Float>> dyadicRowsAndShifts() {
    Arbitrary<Float> dyadic =
        Arbitraries.integers().between(-64 * 256, 64 * 256).map(k -> k / 256f);
    Arbitrary<Float> shifts =
        Arbitraries.integers().between(-1024 * 256, 1024 * 256).map(k -> k / 256f);
    return Combinators.combine(
            FloatArbitraries.arrays(dyadic, FloatArbitraries.lengths(
                FloatArbitraries.MAX_SHORT_LENGTH)),
            shifts)
        .as(Tuple::of);
  }

  /**
   * A softmax output y (the float64 softmax of a row, rounded) and an upstream gradient dy, as a
   * pair of slices.
   */
  @Provide
  Arbitrary<Slices> softmaxOutputsAndGradients() {
    Arbitrary<float[]> outputs =
        FloatArbitraries.arrays(
                Arbitraries.frequencyOf(
                    Tuple.of(8, FloatArbitraries.uniform(-30, 30)),
                    Tuple.of(1, FloatArbitraries.nearPoints().filter(Float::isFinite)),
                    Tuple.of(1, Arbitraries.just(Float.NEGATIVE_INFINITY))),
                FloatArbitraries.lengths(FloatArbitraries.MAX_SHORT_LENGTH))
            .filter(row -> row.length == 0 || Arrays.stream(toDoubles(row)).anyMatch(
                Double::isFinite))
            .map(SoftmaxProperties::roundedSoftmax);
    Arbitrary<Float> gradients =
        Arbitraries.frequencyOf(
            Tuple.of(6, FloatArbitraries.uniform(-10, 10)),
            Tuple.of(2, FloatArbitraries.logUniform(0f, 1e6f)),
            Tuple.of(1, FloatArbitraries.nearPoints().filter(x -> Math.abs(x) < 1e6f)));
    return outputs.flatMap(
        y ->
            Combinators.combine(
                    gradients.array(float[].class).ofSize(y.length),
                    FloatArbitraries.positions(),
                    FloatArbitraries.positions(),
                    FloatArbitraries.positions(),
                    Arbitraries.of(Slices.Placement.class))
                .as((dy, yPos, dyPos, dxPos, placement) ->
                    new Slices(y, dy, yPos, dyPos, dxPos, placement)));
  }

  // ---- the vector kernel gives the scalar kernel's bits ----

  @Property(tries = 1500)
  void vectorSoftmaxGivesTheSameBitsAsScalarSoftmax(@ForAll("shortRowsOfAnyFloats") Slices s) {
    assertVectorMatchesScalar(s, false);
  }

  @Property(tries = 1500)
  void vectorSoftmaxBackwardGivesTheSameBitsAsScalarSoftmaxBackward(
      @ForAll("shortGradientRowsOfAnyFloats") Slices s) {
    assertVectorMatchesScalar(s, true);
  }

  @Property(tries = 15)
  void vectorSoftmaxGivesTheSameBitsAsScalarSoftmaxOnLongRows(@ForAll("longRows") Slices s) {
    assertVectorMatchesScalar(s, false);
    assertVectorMatchesScalar(s, true);
  }

  private static void assertVectorMatchesScalar(Slices s, boolean backward) {
    Buffers scalar = run(ScalarKernels.INSTANCE, s, backward);
    Buffers vector = run(VectorKernels.INSTANCE, s, backward);
    String name = backward ? "softmaxBackward" : "softmax";
    int i = Bits.firstDifference(scalar.out(), vector.out());
    if (i >= 0) {
      fail(name + " output differs at index " + i + ": scalar " + Bits.show(scalar.out()[i])
          + ", vector " + Bits.show(vector.out()[i]));
    }
    assertTrue(Bits.firstDifference(scalar.a(), vector.a()) < 0, name + ": first input differs");
    assertTrue(Bits.firstDifference(scalar.b(), vector.b()) < 0, name + ": second input differs");
    ElementwiseProperties.assertOnlyTheOutputRangeChanged(s, vector);
  }

  private static Buffers run(Kernels k, Slices s, boolean backward) {
    Buffers b = s.buffers();
    if (backward) {
      k.softmaxBackward(b.a(), b.aPos(), b.b(), b.bPos(), b.out(), b.outPos(), s.length());
    } else {
      k.softmax(b.a(), b.aPos(), b.out(), b.outPos(), s.length());
    }
    return b;
  }

  // ---- accuracy ----

  @Property(tries = 1000)
  void softmaxOfModerateRowsIsWithinFourUlpOfTheFloat64Softmax(
      @ForAll("rowsOfModerateValues") float[] x) {
    assertWithinBoundOfOracle(x);
  }

  @Property(tries = 1000)
  void softmaxOfRowsWithExtremeValuesIsWithinFourUlpOfTheFloat64Softmax(
      @ForAll("rowsWithExtremeValues") float[] x) {
    assertWithinBoundOfOracle(x);
  }

  /** The longest row the bound is stated for; the seed varies the row between the two tries. */
  @Property(tries = 2)
  void softmaxOfARowOfTwoToTheTwentyElementsIsWithinFourUlpOfTheFloat64Softmax(
      @ForAll long seed) {
    assertWithinBoundOfOracle(rowOfTwoToTheTwenty(seed));
  }

  /** Mostly moderate values, one in a thousand -infinity and one in a thousand subnormal. */
  private static float[] rowOfTwoToTheTwenty(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] x = new float[1 << 20];
    for (int i = 0; i < x.length; i++) {
      int kind = random.nextInt(1000);
      if (kind == 0) {
        x[i] = Float.NEGATIVE_INFINITY;
      } else if (kind == 1) {
        x[i] = Float.intBitsToFloat(random.nextInt(0x0080_0000));
      } else {
        x[i] = (float) random.nextDouble(-20, 5);
      }
    }
    return x;
  }

  private static void assertWithinBoundOfOracle(float[] x) {
    float[] y = new float[x.length];
    Activations.softmax(x, y);
    double[] exact = Float64Oracle.softmax(x, 0, x.length);
    for (int i = 0; i < x.length; i++) {
      double error = Float64Oracle.ulpError(y[i], exact[i]);
      if (!(error <= ULP_BOUND)) {
        fail("softmax element " + i + " of a row of " + x.length + " (x_i = " + Bits.show(x[i])
            + ", row max " + max(x) + "): expected " + exact[i] + ", got " + Bits.show(y[i])
            + ", " + error + " ulp");
      }
    }
  }

  /**
   * The documented bound: a relative part, and an absolute part for underflow (each product y_j *
   * dy_j and the final product may be rounded to a multiple of 2^-149, an error of up to 2^-150
   * each; the n errors of the dot product reach dx_i multiplied by y_i).
   */
  @Property(tries = 1000)
  void softmaxBackwardIsWithinItsDocumentedBoundOfTheFloat64Formula(
      @ForAll("softmaxOutputsAndGradients") Slices s) {
    assertSoftmaxBackwardWithinBound(s);
  }

  private static void assertSoftmaxBackwardWithinBound(Slices s) {
    Buffers b = s.buffers();
    int n = s.length();

    Activations.softmaxBackward(b.a(), b.aPos(), b.b(), b.bPos(), b.out(), b.outPos(), n);

    double[] exact = Float64Oracle.softmaxBackward(s.a(), s.b(), 0, n);
    double sumOfMagnitudes = 0;
    for (int j = 0; j < n; j++) {
      sumOfMagnitudes += Math.abs((double) s.a()[j] * s.b()[j]);
    }
    for (int i = 0; i < n; i++) {
      float actual = b.out()[b.outPos() + i];
      double y = s.a()[i];
      double bound = BACKWARD_FACTOR * y * (Math.abs(s.b()[i]) + sumOfMagnitudes)
          + 0x1p-150 * (1 + n * y);
      double error = Math.abs(actual - exact[i]);
      if (!(error <= bound)) {
        fail("softmaxBackward element " + i + " (y_i = " + Bits.show(s.a()[i]) + ", dy_i = "
            + Bits.show(s.b()[i]) + ", S = " + sumOfMagnitudes + "): expected " + exact[i]
            + ", got " + Bits.show(actual) + ", error " + error + " over the bound " + bound);
      }
    }
    ElementwiseProperties.assertOnlyTheOutputRangeChanged(s, b);
  }

  // ---- laws ----

  /**
   * Each element is within 4 ulp of its exact value, and an ulp of a normal float is at most 2^-23
   * of it, so the exact sum 1 moves by at most 4 * 2^-23; subnormal elements add up to 4 * 2^-149
   * each, and summing n floats in double adds n rounding errors of 2^-53 at most.
   */
  @Property(tries = 1000)
  void softmaxRowsSumToOne(@ForAll("rowsWithAFiniteElement") float[] x) {
    float[] y = new float[x.length];
    Activations.softmax(x, y);

    double sum = 0;
    for (float v : y) {
      sum += v;
    }
    int n = x.length;
    double tolerance = ULP_BOUND * 0x1p-23 + n * (ULP_BOUND * 0x1p-149 + 0x1p-53);
    assertTrue(Math.abs(sum - 1) <= tolerance,
        "sum " + sum + " is off by " + Math.abs(sum - 1) + ", over " + tolerance);
  }

  @Property(tries = 1000)
  void addingAConstantToARowLeavesItsSoftmaxWithinTheBound(
      @ForAll("dyadicRowsAndShifts") Tuple.Tuple2<float[], Float> rowAndShift) {
    float[] x = rowAndShift.get1();
    float c = rowAndShift.get2();
    float[] shifted = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      shifted[i] = x[i] + c;
      assertTrue((double) shifted[i] == (double) x[i] + c, "generator: shift not exact");
    }
    float[] y = new float[x.length];
    Activations.softmax(shifted, y);

    double[] exact = Float64Oracle.softmax(x, 0, x.length);
    for (int i = 0; i < x.length; i++) {
      double error = Float64Oracle.ulpError(y[i], exact[i]);
      assertTrue(error <= ULP_BOUND, "element " + i + " of the shifted row: expected " + exact[i]
          + ", got " + Bits.show(y[i]) + ", " + error + " ulp");
    }
  }

  // ---- helpers ----

  static float[] roundedSoftmax(float[] x) {
    double[] y = Float64Oracle.softmax(x, 0, x.length);
    float[] rounded = new float[y.length];
    for (int i = 0; i < y.length; i++) {
      rounded[i] = (float) y[i];
    }
    return rounded;
  }

  private static double[] toDoubles(float[] x) {
    double[] d = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      d[i] = x[i];
    }
    return d;
  }

  private static float max(float[] x) {
    float m = Float.NEGATIVE_INFINITY;
    for (float v : x) {
      m = Math.max(m, v);
    }
    return m;
  }
}
