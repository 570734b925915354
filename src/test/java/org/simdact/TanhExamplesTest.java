package org.simdact;

import static org.simdact.FloatAssertions.assertSameFloats;
import static org.simdact.FloatAssertions.assertWithinUlps;

import org.junit.jupiter.api.Test;

/**
 * Typical calls of tanh and its gradient. Expected values are tanh's exact values written to ten
 * digits; the library promises 2 ulp.
 */
class TanhExamplesTest {

  @Test
  void tanhOfAWholeArray() {
    float[] x = {0f, 0.5f, 1f, -2f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
    float[] y = new float[x.length];

    Activations.tanh(x, y);

    float[] expected = {0f, 0.4621171573f, 0.7615941560f, -0.9640275801f, 1f, -1f};
    assertWithinUlps(expected, y, 2);
  }

  @Test
  void tanhIsOddSoMinusZeroStaysMinusZero() {
    float[] y = new float[2];

    Activations.tanh(new float[] {-0f, 0f}, y);

    assertSameFloats(new float[] {-0f, 0f}, y);
  }

  @Test
  void tanhOfARangeInPlace() {
    float[] a = {5f, -1f, 1f, 5f};

    Activations.tanh(a, 1, a, 1, 2);

    assertWithinUlps(new float[] {5f, -0.7615941560f, 0.7615941560f, 5f}, a, 2);
  }

  @Test
  void tanhBackwardIsDyTimesOneMinusYSquared() {
    float[] y = {0f, 0.5f, -0.5f, 1f};
    float[] dy = {3f, 2f, 2f, 5f};
    float[] dx = new float[4];

    Activations.tanhBackward(y, dy, dx);

    // 3 * 1, 2 * 0.75, 2 * 0.75, 5 * 0: exact in float
    assertSameFloats(new float[] {3f, 1.5f, 1.5f, 0f}, dx);
  }
}
