package org.simdact.properties;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.simdact.Activations;
import org.simdact.oracle.Float64Oracle;

/**
 * The backward functions, given y computed by the library, against finite differences of the
 * float64 forward functions, where those are smooth. The difference quotient is the five-point
 * stencil (-f(x+2h) + 8f(x+h) - 8f(x-h) + f(x-2h)) / 12h, whose truncation error is of order h^4,
 * about 1e-12 here, and whose rounding error is about 1e-16 / h, below 1e-12.
 */
class GradientProperties {

  /** A power of two, so that x +- h and x +- 2h are floats for the inputs generated below. */
  static final double H = 0x1p-10;

  /**
   * Sigmoid inputs lie in [-5, 5], where y(1 - y) &gt;= 6.6e-3; an error of 2 ulp in y (at most
   * 1.2e-7) changes y(1 - y) by at most 1.2e-7, 1.8e-5 of it. Tanh inputs lie in [-2.5, 2.5],
   * where 1 - y^2 &gt;= 0.026 and 2 ulp in y change it by at most 2.4e-7, 9e-6 of it. Both stay
   * below this tolerance with a margin for the 2-ulp rounding of the backward function itself.
   */
  static final double RELATIVE_TOLERANCE = 1e-4;

  /**
   * Softmax inputs lie in [-5, 5] on a grid of 2^-20, so every x_i - max is exact and y is within
   * 4 ulp (4.8e-7 relative); that error and the backward bound 2^-21 give at most about 1.5e-6 of
   * y_i (|dy_i| + S).
   */
  static final double SOFTMAX_TOLERANCE = 1e-5;

  @Provide
  Arbitrary<Slices> sigmoidInputsAndGradients() {
    return pointsAndGradients(5);
  }

  @Provide
  Arbitrary<Slices> tanhInputsAndGradients() {
    return pointsAndGradients(2.5);
  }

  @Provide
  Arbitrary<Slices> softmaxRowsAndGradients() {
    return Slices.of(2, onGrid(5), FloatArbitraries.uniform(-1, 1), Arbitraries.integers()
        .between(1, 20));
  }

  /** Inputs in [-limit, limit] on a grid of 2^-20, and upstream gradients in [-10, 10]. */
  private static Arbitrary<Slices> pointsAndGradients(double limit) {
    return Slices.of(
        2,
        onGrid(limit),
        FloatArbitraries.uniform(-10, 10),
        FloatArbitraries.lengths(FloatArbitraries.MAX_SHORT_LENGTH));
  }

  /** Multiples of 2^-20 in [-limit, limit], limit &lt;= 6: 23 significant bits at most. */
  private static Arbitrary<Float> onGrid(double limit) {
    int k = (int) (limit * 0x1p20);
    return Arbitraries.integers().between(-k, k).map(i -> i * 0x1p-20f);
  }

  @Property(tries = 300)
  void sigmoidBackwardMatchesFiniteDifferencesOfTheFloat64Sigmoid(
      @ForAll("sigmoidInputsAndGradients") Slices s) {
    float[] x = s.a();
    float[] dy = s.b();
    float[] y = new float[x.length];
    float[] dx = new float[x.length];
    Activations.sigmoid(x, y);
    Activations.sigmoidBackward(y, dy, dx);

    for (int i = 0; i < x.length; i++) {
      double expected = dy[i] * derivative(Float64Oracle::sigmoid, x[i]);
      assertClose("sigmoid", x[i], dy[i], dx[i], expected);
    }
  }

  @Property(tries = 300)
  void tanhBackwardMatchesFiniteDifferencesOfTheFloat64Tanh(
      @ForAll("tanhInputsAndGradients") Slices s) {
    float[] x = s.a();
    float[] dy = s.b();
    float[] y = new float[x.length];
    float[] dx = new float[x.length];
    Activations.tanh(x, y);
    Activations.tanhBackward(y, dy, dx);

    for (int i = 0; i < x.length; i++) {
      double expected = dy[i] * derivative(Float64Oracle::tanh, x[i]);
      assertClose("tanh", x[i], dy[i], dx[i], expected);
    }
  }

  /**
   * dx_i is the derivative along x_i of L(x) = sum_j dy_j softmax(x)_j; it is compared with the
   * difference quotient of L computed by the float64 softmax on rows with x_i moved by +-h, +-2h.
   */
  @Property(tries = 300)
  void softmaxBackwardMatchesFiniteDifferencesOfTheFloat64Softmax(
      @ForAll("softmaxRowsAndGradients") Slices s) {
    float[] x = s.a();
    float[] dy = s.b();
    int n = x.length;
    float[] y = new float[n];
    float[] dx = new float[n];
    Activations.softmax(x, y);
    Activations.softmaxBackward(y, dy, dx);

    double sumOfMagnitudes = 0;
    double largestDy = 0;
    for (int j = 0; j < n; j++) {
      sumOfMagnitudes += Math.abs((double) y[j] * dy[j]);
      largestDy = Math.max(largestDy, Math.abs(dy[j]));
    }
    for (int i = 0; i < n; i++) {
      int at = i;
      DoubleUnaryOperator loss =
          t -> {
            float[] moved = x.clone();
            moved[at] = (float) (x[at] + t);
            double[] p = Float64Oracle.softmax(moved, 0, n);
            double sum = 0;
            for (int j = 0; j < n; j++) {
              sum += dy[j] * p[j];
            }
            return sum;
          };
      double expected = derivative(loss, 0);
      double tolerance =
          SOFTMAX_TOLERANCE * y[i] * (Math.abs(dy[i]) + sumOfMagnitudes) + 1e-11 * largestDy;
      assertTrue(Math.abs(dx[i] - expected) <= tolerance, "element " + i + " of x = "
          + java.util.Arrays.toString(x) + ", dy = " + java.util.Arrays.toString(dy)
          + ": backward " + dx[i] + ", finite differences " + expected);
    }
  }

  private static double derivative(DoubleUnaryOperator f, double x) {
    return (-f.applyAsDouble(x + 2 * H) + 8 * f.applyAsDouble(x + H) - 8 * f.applyAsDouble(x - H)
            + f.applyAsDouble(x - 2 * H))
        / (12 * H);
  }

  private static void assertClose(String name, float x, float dy, float actual, double expected) {
    double tolerance = RELATIVE_TOLERANCE * Math.abs(expected) + 0x1p-140;
    assertTrue(Math.abs(actual - expected) <= tolerance, name + "Backward at x = " + x + ", dy = "
        + dy + ": " + actual + ", finite differences " + expected);
  }
}
