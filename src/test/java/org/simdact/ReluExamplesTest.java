package org.simdact;

import static org.simdact.FloatAssertions.assertSameFloats;

import org.junit.jupiter.api.Test;

/** Typical calls of the piecewise-linear functions: relu, leakyRelu, step and their gradients. */
class ReluExamplesTest {

  @Test
  void reluKeepsPositivesAndZeroesTheRest() {
    float[] x = {-2f, -0f, 0f, 0.5f, 3f};
    float[] y = new float[x.length];

    Activations.relu(x, y);

    assertSameFloats(new float[] {0f, 0f, 0f, 0.5f, 3f}, y);
  }

  @Test
  void reluInPlaceOnARange() {
    float[] a = {-1f, -1f, 2f, -1f};

    Activations.relu(a, 1, a, 1, 2);

    assertSameFloats(new float[] {-1f, 0f, 2f, -1f}, a);
  }

  @Test
  void leakyReluWithTheDefaultSlopeOfOneHundredth() {
    float[] x = {-100f, -1f, 0f, 4f};
    float[] y = new float[x.length];

    Activations.leakyRelu(x, y);

    // -1 * 0.01f is exactly -0.01f; -100 * 0.01f rounds to exactly -1
    assertSameFloats(new float[] {-1f, -0.01f, 0f, 4f}, y);
  }

  @Test
  void leakyReluWithAChosenSlope() {
    float[] x = {-4f, 4f};
    float[] y = new float[2];

    Activations.leakyRelu(0.25f, x, y);

    assertSameFloats(new float[] {-1f, 4f}, y);
  }

  @Test
  void leakyReluOfARange() {
    float[] x = {-2f, -2f, -2f};
    float[] y = {9f, 9f, 9f};

    Activations.leakyRelu(0.5f, x, 0, y, 1, 2);

    assertSameFloats(new float[] {9f, -1f, -1f}, y);
  }

  @Test
  void stepIsOneAboveTheThresholdAndZeroAtOrBelowIt() {
    float[] x = {-1f, 0f, 0.5f, 1f, 2f};
    float[] y = new float[x.length];

    Activations.step(x, y);
    assertSameFloats(new float[] {0f, 0f, 1f, 1f, 1f}, y);

    Activations.step(1f, x, y);
    assertSameFloats(new float[] {0f, 0f, 0f, 0f, 1f}, y);
  }

  @Test
  void reluBackwardPassesTheGradientWhereTheInputWasPositive() {
    float[] x = {-1f, 0f, 2f};
    float[] dy = {5f, 5f, 5f};
    float[] dx = new float[3];

    Activations.reluBackward(x, dy, dx);

    assertSameFloats(new float[] {0f, 0f, 5f}, dx);
  }

  @Test
  void leakyReluBackwardScalesTheGradientWhereTheInputWasNotPositive() {
    float[] x = {-1f, 0f, 3f};
    float[] dy = {2f, 4f, 2f};
    float[] dx = new float[3];

    Activations.leakyReluBackward(x, dy, dx);
    // 2 * 0.01f is exactly 0.02f (a doubling); 4 * 0.01f exactly 0.04f
    assertSameFloats(new float[] {0.02f, 0.04f, 2f}, dx);

    Activations.leakyReluBackward(0.5f, x, dy, dx);
    assertSameFloats(new float[] {1f, 2f, 2f}, dx);
  }

  @Test
  void stepBackwardIsZeroEverywhere() {
    float[] dy = {1f, -3f, Float.NaN};
    float[] dx = {9f, 9f, 9f};

    Activations.stepBackward(dy, dx);

    assertSameFloats(new float[] {0f, 0f, 0f}, dx);
  }
}
