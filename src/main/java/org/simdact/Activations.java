package org.simdact;

import java.util.Arrays;
import java.util.Objects;
import org.simdact.internal.KernelProvider;
import org.simdact.internal.Kernels;

/**
 * Activation functions of neural networks and their gradients, applied to float arrays.
 *
 * <p>The methods are shaped like {@link System#arraycopy}: a positioned form {@code (src, srcPos,
 * dst, dstPos, length)} and a whole-array form {@code (src, dst)}; parameters such as a slope come
 * first. The backward forms compute the gradient dx from the upstream gradient dy and what the
 * function needs (the output y for sigmoid, tanh and softmax; the input x for relu and leakyRelu).
 *
 * <h2>Arrays</h2>
 *
 * <ul>
 *   <li>A call never modifies its input arrays. The output may be an input array at the same
 *       position (in place); a partial overlap of two ranges of one array is rejected.
 *   <li>Every argument is checked before anything is written: a null array throws {@link
 *       NullPointerException} naming the parameter; a position or length out of range throws
 *       {@link IndexOutOfBoundsException} (as {@link Objects#checkFromIndexSize} does); arrays of
 *       different lengths in a whole-array form, a matrix shape that does not match the array, a
 *       NaN or infinite parameter, or a partial overlap throw {@link IllegalArgumentException}.
 * </ul>
 *
 * <h2>Results</h2>
 *
 * <p>Results are the same bits on every CPU, whatever the vector width, and with or without the
 * Vector API: the vector and scalar kernels perform the same float operations in the same order.
 * NaN inputs give NaN outputs (the NaN's payload and sign are not specified). Subnormal inputs and
 * results are kept, never flushed to zero. The accuracy bounds below are in units in the last place
 * (ulp) of the exact result rounded to float, and hold for every float input.
 *
 * <h2>Threads</h2>
 *
 * <p>The class holds no mutable state and allocates nothing per call; calls from many threads at
 * once are safe as long as they do not write to the same array elements.
 */
public final class Activations {

  /** The slope of {@link #leakyRelu(float[], float[])} below zero, as in PyTorch. */
  public static final float DEFAULT_LEAKY_RELU_SLOPE = 0.01f;

  /** The threshold of {@link #step(float[], float[])}. */
  public static final float DEFAULT_STEP_THRESHOLD = 0f;

  private Activations() {}

  private static Kernels kernels() {
    return KernelProvider.kernels();
  }

  /**
   * The kernels in use in this JVM, for example {@code "vector, 256-bit, 8 float lanes"}, or the
   * scalar kernels with the reason.
   */
  public static Implementation implementation() {
    return KernelProvider.implementation();
  }

  // ---------------------------------------------------------------------------------------------
  // step

  /**
   * Step with threshold 0: {@code y = 1} where {@code x > 0}, else {@code 0}. Exact.
   *
   * @throws NullPointerException if an array is null
   * @throws IllegalArgumentException if the arrays differ in length
   */
  public static void step(float[] src, float[] dst) {
    step(DEFAULT_STEP_THRESHOLD, src, dst);
  }

  /**
   * Step: {@code y = 1} where {@code x > threshold}, else {@code 0} (so {@code x == threshold}
   * gives 0); NaN gives NaN. Exact.
   *
   * @throws NullPointerException if an array is null
   * @throws IllegalArgumentException if the threshold is NaN or infinite, or the arrays differ in
   *     length
   */
  public static void step(float threshold, float[] src, float[] dst) {
    wholeArrays(src, dst);
    step(threshold, src, 0, dst, 0, src.length);
  }

  /**
   * Step over {@code src[srcPos, srcPos + length)} into {@code dst[dstPos, dstPos + length)}; see
   * {@link #step(float, float[], float[])}.
   *
   * @throws NullPointerException if an array is null
   * @throws IndexOutOfBoundsException if a range is out of bounds or the length negative
   * @throws IllegalArgumentException if the threshold is NaN or infinite, or the ranges partially
   *     overlap
   */
  public static void step(
      float threshold, float[] src, int srcPos, float[] dst, int dstPos, int length) {
    checkUnary(src, srcPos, dst, dstPos, length);
    Checks.finite("threshold", threshold);
    kernels().step(threshold, src, srcPos, dst, dstPos, length);
  }

  /**
   * Gradient of step: {@code dx = +0.0} everywhere, whatever dy holds. The step function is flat
   * on both sides of its threshold; its jump is given no derivative, as in PyTorch's {@code
   * heaviside}, which has none.
   *
   * @throws NullPointerException if an array is null
   * @throws IllegalArgumentException if the arrays differ in length
   */
  public static void stepBackward(float[] dy, float[] dx) {
    Objects.requireNonNull(dy, "dy");
    Objects.requireNonNull(dx, "dx");
    Checks.sameLength("dy", dy, "dx", dx);
    stepBackward(dy, 0, dx, 0, dy.length);
  }

  /**
   * Gradient of step over a range; see {@link #stepBackward(float[], float[])}.
   *
   * @throws NullPointerException if an array is null
   * @throws IndexOutOfBoundsException if a range is out of bounds or the length negative
   * @throws IllegalArgumentException if the ranges partially overlap
   */
  public static void stepBackward(float[] dy, int dyPos, float[] dx, int dxPos, int length) {
    checkUnary("dy", dy, dyPos, "dx", dx, dxPos, length);
    Arrays.fill(dx, dxPos, dxPos + length, 0f);
  }

  // ---------------------------------------------------------------------------------------------
  // sigmoid

  /**
   * Logistic sigmoid: {@code y = 1 / (1 + e^-x)}, within 2 ulp. Saturates without overflow:
   * {@code sigmoid(-90)} is the subnormal 8.1940087e-40, results below 2^-150 are +0.0, {@code
   * sigmoid(x)} is exactly 1 from 17.32868 up; infinities give 0 and 1; NaN gives NaN.
   *
   * @throws NullPointerException if an array is null
   * @throws IllegalArgumentException if the arrays differ in length
   */
  public static void sigmoid(float[] src, float[] dst) {
    wholeArrays(src, dst);
    sigmoid(src, 0, dst, 0, src.length);
  }

  /**
   * Sigmoid over {@code src[srcPos, srcPos + length)} into {@code dst[dstPos, dstPos + length)};
   * see {@link #sigmoid(float[], float[])}.
   *
   * @throws NullPointerException if an array is null
   * @throws IndexOutOfBoundsException if a range is out of bounds or the length negative
   * @throws IllegalArgumentException if the ranges partially overlap
   */
  public static void sigmoid(float[] src, int srcPos, float[] dst, int dstPos, int length) {
    checkUnary(src, srcPos, dst, dstPos, length);
    kernels().sigmoid(src, srcPos, dst, dstPos, length);
  }

  /**
   * Gradient of sigmoid from its output: {@code dx = dy * y * (1 - y)}, within 2 ulp of that
   * formula evaluated exactly on the same floats for every y that sigmoid can produce ([0, 1]);
   * beyond it, y * (1 - y) may overflow before dy scales it down.
   *
   * @throws NullPointerException if an array is null
   * @throws IllegalArgumentException if the arrays differ in length
   */
  public static void sigmoidBackward(float[] y, float[] dy, float[] dx) {
    wholeArrays("y", y, "dy", dy, "dx", dx);
    sigmoidBackward(y, 0, dy, 0, dx, 0, y.length);
  }

  /**
   * Gradient of sigmoid over ranges; see {@link #sigmoidBackward(float[], float[], float[])}.
   *
   * @throws NullPointerException if an array is null
   * @throws IndexOutOfBoundsException if a range is out of bounds or the length negative
   * @throws IllegalArgumentException if the output range partially overlaps an input range
   */
  public static void sigmoidBackward(
      float[] y, int yPos, float[] dy, int dyPos, float[] dx, int dxPos, int length) {
    checkBinary("y", y, yPos, "dy", dy, dyPos, dx, dxPos, length);
    kernels().sigmoidBackward(y, yPos, dy, dyPos, dx, dxPos, length);
  }

  // ---------------------------------------------------------------------------------------------
  // tanh

  /**
   * Hyperbolic tangent: {@code y = tanh(x)}, within 2 ulp. Odd, so {@code tanh(-0.0) = -0.0};
   * subnormal x gives x; exactly 1 from 8.66434 up and -1 from -8.66434 down; infinities give
   * 1 and -1; NaN gives NaN.
   *
   * @throws NullPointerException if an array is null
   * @throws IllegalArgumentException if the arrays differ in length
   */
  public static void tanh(float[] src, float[] dst) {
    wholeArrays(src, dst);
    tanh(src, 0, dst, 0, src.length);
  }

  /**
   * Tanh over {@code src[srcPos, srcPos + length)} into {@code dst[dstPos, dstPos + length)}; see
   * {@link #tanh(float[], float[])}.
   *
   * @throws NullPointerException if an array is null
   * @throws IndexOutOfBoundsException if a range is out of bounds or the length negative
   * @throws IllegalArgumentException if the ranges partially overlap
   */
  public static void tanh(float[] src, int srcPos, float[] dst, int dstPos, int length) {
    checkUnary(src, srcPos, dst, dstPos, length);
    kernels().tanh(src, srcPos, dst, dstPos, length);
  }

  /**
   * Gradient of tanh from its output: {@code dx = dy * (1 - y^2)}, within 2 ulp of that formula
   * evaluated exactly on the same floats for every y that tanh can produce ([-1, 1]); beyond it,
   * 1 - y^2 may overflow before dy scales it down.
   *
   * @throws NullPointerException if an array is null
   * @throws IllegalArgumentException if the arrays differ in length
   */
  public static void tanhBackward(float[] y, float[] dy, float[] dx) {
    wholeArrays("y", y, "dy", dy, "dx", dx);
    tanhBackward(y, 0, dy, 0, dx, 0, y.length);
  }

  /**
   * Gradient of tanh over ranges; see {@link #tanhBackward(float[], float[], float[])}.
   *
   * @throws NullPointerException if an array is null
   * @throws IndexOutOfBoundsException if a range is out of bounds or the length negative
   * @throws IllegalArgumentException if the output range partially overlaps an input range
   */
  public static void tanhBackward(
      float[] y, int yPos, float[] dy, int dyPos, float[] dx, int dxPos, int length) {
    checkBinary("y", y, yPos, "dy", dy, dyPos, dx, dxPos, length);
    kernels().tanhBackward(y, yPos, dy, dyPos, dx, dxPos, length);
  }

  // ---------------------------------------------------------------------------------------------
  // relu

  /**
   * Rectified linear unit: {@code y = x} where {@code x > 0}, else {@code +0.0} (so {@code -1} and
   * {@code -0.0} give {@code +0.0}); NaN gives NaN. Exact.
   *
   * @throws NullPointerException if an array is null
   * @throws IllegalArgumentException if the arrays differ in length
   */
  public static void relu(float[] src, float[] dst) {
    wholeArrays(src, dst);
    relu(src, 0, dst, 0, src.length);
  }

  /**
   * ReLU over {@code src[srcPos, srcPos + length)} into {@code dst[dstPos, dstPos + length)}; see
   * {@link #relu(float[], float[])}.
   *
   * @throws NullPointerException if an array is null
   * @throws IndexOutOfBoundsException if a range is out of bounds or the length negative
   * @throws IllegalArgumentException if the ranges partially overlap
   */
  public static void relu(float[] src, int srcPos, float[] dst, int dstPos, int length) {
    checkUnary(src, srcPos, dst, dstPos, length);
    kernels().relu(src, srcPos, dst, dstPos, length);
  }

  /**
   * Gradient of ReLU from its input: {@code dx = dy} where {@code x > 0}, {@code +0.0} where
   * {@code x <= 0} (the gradient at the kink is 0, as in PyTorch), NaN where x is NaN. Exact.
   *
   * @throws NullPointerException if an array is null
   * @throws IllegalArgumentException if the arrays differ in length
   */
  public static void reluBackward(float[] x, float[] dy, float[] dx) {
    wholeArrays("x", x, "dy", dy, "dx", dx);
    reluBackward(x, 0, dy, 0, dx, 0, x.length);
  }

  /**
   * Gradient of ReLU over ranges; see {@link #reluBackward(float[], float[], float[])}.
   *
   * @throws NullPointerException if an array is null
   * @throws IndexOutOfBoundsException if a range is out of bounds or the length negative
   * @throws IllegalArgumentException if the output range partially overlaps an input range
   */
  public static void reluBackward(
      float[] x, int xPos, float[] dy, int dyPos, float[] dx, int dxPos, int length) {
    checkBinary("x", x, xPos, "dy", dy, dyPos, dx, dxPos, length);
    kernels().reluBackward(x, xPos, dy, dyPos, dx, dxPos, length);
  }

  // ---------------------------------------------------------------------------------------------
  // leakyRelu

  /**
   * Leaky ReLU with slope {@value #DEFAULT_LEAKY_RELU_SLOPE}; see {@link #leakyRelu(float, float[],
   * float[])}.
   *
   * @throws NullPointerException if an array is null
   * @throws IllegalArgumentException if the arrays differ in length
   */
  public static void leakyRelu(float[] src, float[] dst) {
    leakyRelu(DEFAULT_LEAKY_RELU_SLOPE, src, dst);
  }

  /**
   * Leaky ReLU: {@code y = x} where {@code x > 0}, else {@code slope * x} (so {@code -0.0} gives
   * {@code slope * -0.0}); NaN gives NaN. The branch is chosen from x, so a negative slope works
   * as written. Exact: the product is correctly rounded.
   *
   * @throws NullPointerException if an array is null
   * @throws IllegalArgumentException if the slope is NaN or infinite, or the arrays differ in
   *     length
   */
  public static void leakyRelu(float slope, float[] src, float[] dst) {
    wholeArrays(src, dst);
    leakyRelu(slope, src, 0, dst, 0, src.length);
  }

  /**
   * Leaky ReLU over {@code src[srcPos, srcPos + length)} into {@code dst[dstPos, dstPos +
   * length)}; see {@link #leakyRelu(float, float[], float[])}.
   *
   * @throws NullPointerException if an array is null
   * @throws IndexOutOfBoundsException if a range is out of bounds or the length negative
   * @throws IllegalArgumentException if the slope is NaN or infinite, or the ranges partially
   *     overlap
   */
  public static void leakyRelu(
      float slope, float[] src, int srcPos, float[] dst, int dstPos, int length) {
    checkUnary(src, srcPos, dst, dstPos, length);
    Checks.finite("slope", slope);
    kernels().leakyRelu(slope, src, srcPos, dst, dstPos, length);
  }

  /**
   * Gradient of leaky ReLU with slope {@value #DEFAULT_LEAKY_RELU_SLOPE}; see {@link
   * #leakyReluBackward(float, float[], float[], float[])}.
   *
   * @throws NullPointerException if an array is null
   * @throws IllegalArgumentException if the arrays differ in length
   */
  public static void leakyReluBackward(float[] x, float[] dy, float[] dx) {
    leakyReluBackward(DEFAULT_LEAKY_RELU_SLOPE, x, dy, dx);
  }

  /**
   * Gradient of leaky ReLU from its input: {@code dx = dy} where {@code x > 0}, {@code slope * dy}
   * where {@code x <= 0}, NaN where x is NaN. Exact.
   *
   * @throws NullPointerException if an array is null
   * @throws IllegalArgumentException if the slope is NaN or infinite, or the arrays differ in
   *     length
   */
  public static void leakyReluBackward(float slope, float[] x, float[] dy, float[] dx) {
    wholeArrays("x", x, "dy", dy, "dx", dx);
    leakyReluBackward(slope, x, 0, dy, 0, dx, 0, x.length);
  }

  /**
   * Gradient of leaky ReLU over ranges; see {@link #leakyReluBackward(float, float[], float[],
   * float[])}.
   *
   * @throws NullPointerException if an array is null
   * @throws IndexOutOfBoundsException if a range is out of bounds or the length negative
   * @throws IllegalArgumentException if the slope is NaN or infinite, or the output range
   *     partially overlaps an input range
   */
  public static void leakyReluBackward(
      float slope, float[] x, int xPos, float[] dy, int dyPos, float[] dx, int dxPos, int length) {
    checkBinary("x", x, xPos, "dy", dy, dyPos, dx, dxPos, length);
    Checks.finite("slope", slope);
    kernels().leakyReluBackward(slope, x, xPos, dy, dyPos, dx, dxPos, length);
  }

  // ---------------------------------------------------------------------------------------------
  // softmax

  /**
   * Softmax of one row: {@code y_i = e^(x_i - max) / sum_j e^(x_j - max)}, each element within 4
   * ulp for rows of up to 2^20 elements (the sum is compensated, so long rows lose no precision).
   * Large inputs do not overflow; small results stay subnormal rather than flush to zero. NaN or
   * +infinity anywhere in the row, or a row of only -infinity, make the whole row NaN, as in
   * PyTorch; -infinity elements of an otherwise finite row give 0. An empty row does nothing.
   *
   * @throws NullPointerException if an array is null
   * @throws IllegalArgumentException if the arrays differ in length
   */
  public static void softmax(float[] src, float[] dst) {
    wholeArrays(src, dst);
    softmax(src, 0, dst, 0, src.length);
  }

  /**
   * Softmax of the row {@code src[srcPos, srcPos + length)} into {@code dst[dstPos, dstPos +
   * length)}; see {@link #softmax(float[], float[])}.
   *
   * @throws NullPointerException if an array is null
   * @throws IndexOutOfBoundsException if a range is out of bounds or the length negative
   * @throws IllegalArgumentException if the ranges partially overlap
   */
  public static void softmax(float[] src, int srcPos, float[] dst, int dstPos, int length) {
    checkUnary(src, srcPos, dst, dstPos, length);
    kernels().softmax(src, srcPos, dst, dstPos, length);
  }

  /**
   * Softmax of each row of a row-major {@code rows x cols} matrix; see {@link #softmax(float[],
   * float[])}.
   *
   * @throws NullPointerException if an array is null
   * @throws IllegalArgumentException if rows or cols is negative, or {@code rows * cols} differs
   *     from the length of either array
   */
  public static void softmaxRows(int rows, int cols, float[] src, float[] dst) {
    Objects.requireNonNull(src, "src");
    Objects.requireNonNull(dst, "dst");
    int size = Checks.matrixSize(rows, cols);
    Checks.matrixMatches("src", src, rows, cols, size);
    Checks.matrixMatches("dst", dst, rows, cols, size);
    softmaxRows(rows, cols, src, 0, dst, 0);
  }

  /**
   * Softmax of each row of the row-major {@code rows x cols} matrix that starts at {@code
   * src[srcPos]}, into the matrix that starts at {@code dst[dstPos]}.
   *
   * @throws NullPointerException if an array is null
   * @throws IllegalArgumentException if rows or cols is negative or their product too large, or
   *     the ranges partially overlap
   * @throws IndexOutOfBoundsException if a matrix does not fit its array
   */
  public static void softmaxRows(int rows, int cols, float[] src, int srcPos, float[] dst,
      int dstPos) {
    Objects.requireNonNull(src, "src");
    Objects.requireNonNull(dst, "dst");
    int size = Checks.matrixSize(rows, cols);
    checkUnary(src, srcPos, dst, dstPos, size);
    if (size == 0) {
      return;
    }
    Kernels k = kernels();
    for (int r = 0; r < rows; r++) {
      k.softmax(src, srcPos + r * cols, dst, dstPos + r * cols, cols);
    }
  }

  /**
   * Gradient of softmax for one row, from its output: {@code dx_i = y_i * (dy_i - sum_j y_j *
   * dy_j)}. With S = sum_j |y_j * dy_j| and n the row length, each element is within {@code
   * 2^-21 * y_i * (|dy_i| + S) + 2^-150 * (1 + n * y_i)} of that formula evaluated exactly on the
   * same floats. The dot product is compensated, so the relative part does not grow with the row
   * length; the absolute part covers products that round into the subnormal range.
   *
   * @throws NullPointerException if an array is null
   * @throws IllegalArgumentException if the arrays differ in length
   */
  public static void softmaxBackward(float[] y, float[] dy, float[] dx) {
    wholeArrays("y", y, "dy", dy, "dx", dx);
    softmaxBackward(y, 0, dy, 0, dx, 0, y.length);
  }

  /**
   * Gradient of softmax for one row given by ranges; see {@link #softmaxBackward(float[], float[],
   * float[])}.
   *
   * @throws NullPointerException if an array is null
   * @throws IndexOutOfBoundsException if a range is out of bounds or the length negative
   * @throws IllegalArgumentException if the output range partially overlaps an input range
   */
  public static void softmaxBackward(
      float[] y, int yPos, float[] dy, int dyPos, float[] dx, int dxPos, int length) {
    checkBinary("y", y, yPos, "dy", dy, dyPos, dx, dxPos, length);
    kernels().softmaxBackward(y, yPos, dy, dyPos, dx, dxPos, length);
  }

  /**
   * Gradient of softmax for each row of row-major {@code rows x cols} matrices; see {@link
   * #softmaxBackward(float[], float[], float[])}.
   *
   * @throws NullPointerException if an array is null
   * @throws IllegalArgumentException if rows or cols is negative, or {@code rows * cols} differs
   *     from the length of an array
   */
  public static void softmaxRowsBackward(int rows, int cols, float[] y, float[] dy, float[] dx) {
    Objects.requireNonNull(y, "y");
    Objects.requireNonNull(dy, "dy");
    Objects.requireNonNull(dx, "dx");
    int size = Checks.matrixSize(rows, cols);
    Checks.matrixMatches("y", y, rows, cols, size);
    Checks.matrixMatches("dy", dy, rows, cols, size);
    Checks.matrixMatches("dx", dx, rows, cols, size);
    softmaxRowsBackward(rows, cols, y, 0, dy, 0, dx, 0);
  }

  /**
   * Gradient of softmax for each row of the row-major {@code rows x cols} matrices that start at
   * {@code y[yPos]}, {@code dy[dyPos]} and {@code dx[dxPos]}; see {@link #softmaxBackward(float[],
   * float[], float[])}.
   *
   * @throws NullPointerException if an array is null
   * @throws IllegalArgumentException if rows or cols is negative or their product too large, or
   *     the output range partially overlaps an input range
   * @throws IndexOutOfBoundsException if a matrix does not fit its array
   */
  public static void softmaxRowsBackward(int rows, int cols, float[] y, int yPos, float[] dy,
      int dyPos, float[] dx, int dxPos) {
    Objects.requireNonNull(y, "y");
    Objects.requireNonNull(dy, "dy");
    Objects.requireNonNull(dx, "dx");
    int size = Checks.matrixSize(rows, cols);
    checkBinary("y", y, yPos, "dy", dy, dyPos, dx, dxPos, size);
    if (size == 0) {
      return;
    }
    Kernels k = kernels();
    for (int r = 0; r < rows; r++) {
      int at = r * cols;
      k.softmaxBackward(y, yPos + at, dy, dyPos + at, dx, dxPos + at, cols);
    }
  }


  // ---------------------------------------------------------------------------------------------
  // checks

  private static void wholeArrays(float[] src, float[] dst) {
    Objects.requireNonNull(src, "src");
    Objects.requireNonNull(dst, "dst");
    Checks.sameLength("src", src, "dst", dst);
  }

  private static void wholeArrays(
      String aName, float[] a, String bName, float[] b, String cName, float[] c) {
    Objects.requireNonNull(a, aName);
    Objects.requireNonNull(b, bName);
    Objects.requireNonNull(c, cName);
    Checks.sameLength(aName, a, bName, b);
    Checks.sameLength(aName, a, cName, c);
  }

  private static void checkUnary(float[] src, int srcPos, float[] dst, int dstPos, int length) {
    checkUnary("src", src, srcPos, "dst", dst, dstPos, length);
  }

  private static void checkUnary(String inName, float[] in, int inPos, String outName,
      float[] out, int outPos, int length) {
    Objects.requireNonNull(in, inName);
    Objects.requireNonNull(out, outName);
    Checks.range(inName, in, inPos, length);
    Checks.range(outName, out, outPos, length);
    Checks.noPartialOverlap(inName, in, inPos, outName, out, outPos, length);
  }

  private static void checkBinary(String aName, float[] a, int aPos, String bName, float[] b,
      int bPos, float[] dx, int dxPos, int length) {
    Objects.requireNonNull(a, aName);
    Objects.requireNonNull(b, bName);
    Objects.requireNonNull(dx, "dx");
    Checks.range(aName, a, aPos, length);
    Checks.range(bName, b, bPos, length);
    Checks.range("dx", dx, dxPos, length);
    Checks.noPartialOverlap(aName, a, aPos, "dx", dx, dxPos, length);
    Checks.noPartialOverlap(bName, b, bPos, "dx", dx, dxPos, length);
  }
}
