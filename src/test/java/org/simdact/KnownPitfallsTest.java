package org.simdact;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.simdact.FloatAssertions.assertSameFloat;
import static org.simdact.FloatAssertions.assertSameFloats;
import static org.simdact.FloatAssertions.assertWithinUlps;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Inputs that other activation libraries have got wrong: overflow in softmax and sigmoid, tiny
 * results flushed to zero, tanh that never reaches 1, relu returning -0.0, a negative leaky slope
 * applied to the wrong side. The right answers are written as float bits where the sign or a
 * subnormal matters.
 */
class KnownPitfallsTest {

  private static final float NEG_INF = Float.NEGATIVE_INFINITY;

  private static float bits(int bits) {
    return Float.intBitsToFloat(bits);
  }

  private static float[] softmax(float... x) {
    float[] y = new float[x.length];
    Activations.softmax(x, y);
    return y;
  }

  private static float sigmoid(float x) {
    float[] y = new float[1];
    Activations.sigmoid(new float[] {x}, y);
    return y[0];
  }

  private static float tanh(float x) {
    float[] y = new float[1];
    Activations.tanh(new float[] {x}, y);
    return y[0];
  }

  @Test
  void softmaxOfOneFiniteValueAmongMinusInfinitiesIsOneHot() {
    float[] x = {3f, NEG_INF, NEG_INF, NEG_INF, NEG_INF, NEG_INF, NEG_INF, NEG_INF, NEG_INF};

    assertSameFloats(new float[] {1f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f}, softmax(x));
  }

  @Test
  void softmaxKeepsSubnormalResultsInsteadOfFlushingThem() {
    // 6.0546015e-39 and 1.1089456e-40 are e^-88 / (1 + ...) and e^-92 / (1 + ...), rounded
    float[] expected = {1f, bits(0x0041edc4), bits(0x00013521)};

    assertSameFloats(expected, softmax(90f, 2f, -2f));
  }

  @Test
  void sigmoidOfMinusNinetyIsSubnormalNotZero() {
    assertSameFloat(bits(0x0008ec28), sigmoid(-90f), "sigmoid(-90) = 8.1940087e-40");
  }

  @Test
  void sigmoidOfEightyNineIsExactlyOne() {
    assertSameFloat(1f, sigmoid(89f), "sigmoid(89)");
  }

  @Test
  void tanhOfLargeArgumentsIsExactlyPlusOrMinusOne() {
    assertAll(
        () -> assertSameFloat(1f, tanh(100f), "tanh(100)"),
        () -> assertSameFloat(1f, tanh(1000f), "tanh(1000)"),
        () -> assertSameFloat(1f, tanh(1e4f), "tanh(1e4)"),
        () -> assertSameFloat(-1f, tanh(-100f), "tanh(-100)"),
        () -> assertSameFloat(-1f, tanh(-1000f), "tanh(-1000)"),
        () -> assertSameFloat(-1f, tanh(-1e4f), "tanh(-1e4)"));
  }

  @Test
  void reluOfNaNIsNaN() {
    float[] y = new float[1];
    Activations.relu(new float[] {Float.NaN}, y);

    assertTrue(Float.isNaN(y[0]), "relu(NaN) = " + y[0]);
  }

  @Test
  void reluOfMinusOneIsPlusZeroNotMinusZero() {
    float[] y = {Float.NaN};
    Activations.relu(new float[] {-1f}, y);

    assertSameFloat(bits(0x00000000), y[0], "relu(-1)");
  }

  @Test
  void leakyReluWithANegativeSlopeChoosesItsBranchFromTheInput() {
    float[] x = {-1f, 1f};
    float[] y = new float[2];
    Activations.leakyRelu(-2f, x, y);
    assertSameFloats(new float[] {2f, 1f}, y);

    float[] dx = new float[2];
    Activations.leakyReluBackward(-2f, x, new float[] {1f, 1f}, dx);
    assertSameFloats(new float[] {-2f, 1f}, dx);
  }

  @Test
  void softmaxOfHugeInputsIsFiniteAndAccurate() {
    float[] y = softmax(10000f, 10001f, 10002f);

    // exact: e^-k / (1 + e^-1 + e^-2) for k = 2, 1, 0, after subtracting the maximum
    double sum = 1 + Math.exp(-1) + Math.exp(-2);
    float[] exact = {
      (float) (Math.exp(-2) / sum), (float) (Math.exp(-1) / sum), (float) (1 / sum),
    };
    for (float v : y) {
      assertTrue(Float.isFinite(v), () -> "not finite: " + Arrays.toString(y));
    }
    assertWithinUlps(exact, y, 4);
  }

  @Test
  void softmaxOfARowOfOnlyMinusInfinityIsNaN() {
    float[] y = softmax(NEG_INF, NEG_INF, NEG_INF);

    assertSameFloats(new float[] {Float.NaN, Float.NaN, Float.NaN}, y);
  }

  @Test
  void nanAnywhereInASoftmaxRowMakesTheWholeRowNaN() {
    for (int length : new int[] {1, 2, 3, 7, 8, 9, 16, 17, 33}) {
      for (int at = 0; at < length; at++) {
        float[] x = new float[length];
        for (int i = 0; i < length; i++) {
          x[i] = i - 3f;
        }
        x[at] = Float.NaN;

        float[] y = softmax(x);

        for (int i = 0; i < length; i++) {
          if (!Float.isNaN(y[i])) {
            fail("NaN at " + at + " of " + length + ", but y[" + i + "] = " + y[i]);
          }
        }
      }
    }
  }

  @Test
  void plusInfinityInASoftmaxRowMakesTheWholeRowNaN() {
    float[] y = softmax(1f, Float.POSITIVE_INFINITY, 2f);

    assertSameFloats(new float[] {Float.NaN, Float.NaN, Float.NaN}, y);
  }
}
