package org.simdact.properties;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.simdact.Activations;

/** Identities and shapes of sigmoid, tanh and relu, checked on the library's own outputs. */
class ActivationLawsProperties {

  /** The sigmoid and tanh bound, in ulp. */
  static final int ULP_BOUND = 2;

  @Provide
  Arbitrary<float[]> anyFloatArrays() {
    return FloatArbitraries.arrays(
        FloatArbitraries.anyFloat(), FloatArbitraries.lengths(FloatArbitraries.MAX_SHORT_LENGTH));
  }

  /** Sorted arrays of any floats but NaN, or runs of consecutive floats from any start. */
  @Provide
  Arbitrary<float[]> sortedArraysWithoutNaN() {
    Arbitrary<float[]> sortedArrays =
        FloatArbitraries.arrays(
                FloatArbitraries.anyFloat().filter(x -> !Float.isNaN(x)),
                FloatArbitraries.lengths(FloatArbitraries.MAX_SHORT_LENGTH))
            .map(
                x -> {
                  float[] sorted = x.clone();
                  Arrays.sort(sorted);
                  return sorted;
                });
    Arbitrary<float[]> runs =
        Combinators.combine(
                FloatArbitraries.anyFiniteFloat(),
                FloatArbitraries.lengths(FloatArbitraries.MAX_SHORT_LENGTH))
            .as(
                (start, n) -> {
                  float[] x = new float[n];
                  float next = start;
                  for (int i = 0; i < n; i++) {
                    x[i] = next;
                    next = Math.nextUp(next);
                  }
                  return x;
                });
    return Arbitraries.oneOf(sortedArrays, runs);
  }

  /**
   * Both sides are within 2 ulp of their exact values, which add up to 1 exactly, so their sum is
   * within 2 ulp of each of them from 1.
   */
  @Property(tries = 500)
  void sigmoidOfMinusXIsOneMinusSigmoidOfX(@ForAll("anyFloatArrays") float[] x) {
    float[] minusX = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      minusX[i] = -x[i];
    }
    float[] s = new float[x.length];
    float[] sMinus = new float[x.length];
    Activations.sigmoid(x, s);
    Activations.sigmoid(minusX, sMinus);

    for (int i = 0; i < x.length; i++) {
      if (Float.isNaN(x[i])) {
        assertTrue(Float.isNaN(s[i]) && Float.isNaN(sMinus[i]), "NaN in, NaN out at " + i);
        continue;
      }
      double tolerance =
          ULP_BOUND * (Bits.ulpNear(s[i], 2 * ULP_BOUND) + Bits.ulpNear(sMinus[i], 2 * ULP_BOUND));
      double gap = Math.abs((double) sMinus[i] - (1 - (double) s[i]));
      assertTrue(gap <= tolerance, "x = " + Bits.show(x[i]) + ": sigmoid(x) = " + Bits.show(s[i])
          + ", sigmoid(-x) = " + Bits.show(sMinus[i]) + ", off by " + gap);
    }
  }

  @Property(tries = 500)
  void tanhIsExactlyOdd(@ForAll("anyFloatArrays") float[] x) {
    float[] minusX = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      minusX[i] = -x[i];
    }
    float[] t = new float[x.length];
    float[] tMinus = new float[x.length];
    Activations.tanh(x, t);
    Activations.tanh(minusX, tMinus);

    for (int i = 0; i < x.length; i++) {
      assertTrue(Bits.same(tMinus[i], -t[i]), "x = " + Bits.show(x[i]) + ": tanh(x) = "
          + Bits.show(t[i]) + ", tanh(-x) = " + Bits.show(tMinus[i]));
    }
  }

  @Property(tries = 500)
  void sigmoidIsMonotoneAndWithinZeroAndOne(@ForAll("sortedArraysWithoutNaN") float[] x) {
    float[] y = new float[x.length];
    Activations.sigmoid(x, y);
    assertMonotoneWithin(x, y, 0, 1);
  }

  @Property(tries = 500)
  void tanhIsMonotoneAndWithinMinusOneAndOne(@ForAll("sortedArraysWithoutNaN") float[] x) {
    float[] y = new float[x.length];
    Activations.tanh(x, y);
    assertMonotoneWithin(x, y, -1, 1);
  }

  @Property(tries = 500)
  void reluIsIdempotent(@ForAll("anyFloatArrays") float[] x) {
    float[] once = new float[x.length];
    float[] twice = new float[x.length];
    Activations.relu(x, once);
    Activations.relu(once, twice);

    int i = Bits.firstDifference(once, twice);
    assertTrue(i < 0, () -> "x = " + Bits.show(x[i]) + ": relu(x) = " + Bits.show(once[i])
        + ", relu(relu(x)) = " + Bits.show(twice[i]));
  }

  private static void assertMonotoneWithin(float[] x, float[] y, float low, float high) {
    for (int i = 0; i < y.length; i++) {
      assertTrue(y[i] >= low && y[i] <= high, "f(" + Bits.show(x[i]) + ") = " + Bits.show(y[i])
          + " is outside [" + low + ", " + high + "]");
      if (i > 0) {
        assertTrue(y[i - 1] <= y[i], "f(" + Bits.show(x[i - 1]) + ") = " + Bits.show(y[i - 1])
            + " > f(" + Bits.show(x[i]) + ") = " + Bits.show(y[i]));
      }
    }
  }
}
