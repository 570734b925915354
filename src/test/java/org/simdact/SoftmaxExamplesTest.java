package org.simdact;

import static org.simdact.FloatAssertions.assertSameFloats;
import static org.simdact.FloatAssertions.assertWithinUlps;

import org.junit.jupiter.api.Test;

/**
 * Typical calls of softmax and its gradient. Expected values are exact ones written to ten digits
 * (for [1, 2, 3]: e^k / (e + e^2 + e^3)); the library promises 4 ulp.
 */
class SoftmaxExamplesTest {

  private static final float[] SOFTMAX_1_2_3 = {0.09003057317f, 0.2447284711f, 0.6652409558f};

  @Test
  void softmaxOfARow() {
    float[] y = new float[3];

    Activations.softmax(new float[] {1f, 2f, 3f}, y);

    assertWithinUlps(SOFTMAX_1_2_3, y, 4);
  }

  @Test
  void softmaxOnlyDependsOnDifferences() {
    float[] y = new float[3];

    Activations.softmax(new float[] {-101f, -100f, -99f}, y);

    assertWithinUlps(SOFTMAX_1_2_3, y, 4);
  }

  @Test
  void softmaxOfEqualValuesIsUniform() {
    float[] y = new float[4];

    Activations.softmax(new float[] {7f, 7f, 7f, 7f}, y);

    assertWithinUlps(new float[] {0.25f, 0.25f, 0.25f, 0.25f}, y, 4);
  }

  @Test
  void softmaxOfARangeInPlace() {
    float[] a = {42f, 1f, 2f, 3f, 42f};

    Activations.softmax(a, 1, a, 1, 3);

    assertSameFloats(new float[] {42f}, new float[] {a[0]});
    assertWithinUlps(SOFTMAX_1_2_3, new float[] {a[1], a[2], a[3]}, 4);
    assertSameFloats(new float[] {42f}, new float[] {a[4]});
  }

  @Test
  void softmaxRowsNormalizesEachRowOfAMatrix() {
    float[] x = {
      1f, 2f, 3f,
      0f, 0f, 0f,
    };
    float[] y = new float[6];

    Activations.softmaxRows(2, 3, x, y);

    float third = 0.3333333333f;
    float[] expected = {
      SOFTMAX_1_2_3[0], SOFTMAX_1_2_3[1], SOFTMAX_1_2_3[2],
      third, third, third,
    };
    assertWithinUlps(expected, y, 4);
  }

  @Test
  void softmaxRowsOfAMatrixInsideLargerArrays() {
    float[] x = {9f, 1f, 2f, 3f, 1f, 2f, 3f};
    float[] y = new float[8];

    Activations.softmaxRows(2, 3, x, 1, y, 2);

    float[] expected = new float[8];
    System.arraycopy(SOFTMAX_1_2_3, 0, expected, 2, 3);
    System.arraycopy(SOFTMAX_1_2_3, 0, expected, 5, 3);
    assertWithinUlps(expected, y, 4);
  }

  @Test
  void softmaxBackwardOfARow() {
    float[] y = {0.5f, 0.5f};
    float[] dy = {1f, 0f};
    float[] dx = new float[2];

    Activations.softmaxBackward(y, dy, dx);

    // sum y*dy = 0.5, so dx = [0.5 * 0.5, 0.5 * -0.5]: exact
    assertSameFloats(new float[] {0.25f, -0.25f}, dx);
  }

  @Test
  void softmaxRowsBackwardTreatsEachRowOnItsOwn() {
    float[] y = {0.5f, 0.5f, 0.25f, 0.75f};
    float[] dy = {1f, 0f, 4f, 0f};
    float[] dx = new float[4];

    Activations.softmaxRowsBackward(2, 2, y, dy, dx);

    // row 1: dot 0.5, as above; row 2: dot 1, dx = [0.25 * 3, 0.75 * -1]
    assertSameFloats(new float[] {0.25f, -0.25f, 0.75f, -0.75f}, dx);
  }
}
