package org.simdact.oracle;

/**
 * The activation functions in double precision, written independently of the library's kernels:
 * straight from their definitions with {@link Math#exp} and {@link Math#tanh} in double. Their
 * error is far below a float ulp, so rounding them to float gives the reference the library's
 * ulp bounds are measured against.
 */
public final class Float64Oracle {

  private Float64Oracle() {}

  public static double sigmoid(double x) {
    // both forms avoid overflow of exp; for x <= 0 the quotient keeps tiny results accurate
    if (x > 0) {
      return 1.0 / (1.0 + Math.exp(-x));
    }
    double e = Math.exp(x);
    return e / (1.0 + e);
  }

  public static double tanh(double x) {
    return Math.tanh(x);
  }

  public static double relu(double x) {
    return x > 0 ? x : (Double.isNaN(x) ? x : 0.0);
  }

  public static double leakyRelu(double slope, double x) {
    return x > 0 ? x : slope * x;
  }

  public static double step(double threshold, double x) {
    return Double.isNaN(x) ? x : (x > threshold ? 1.0 : 0.0);
  }

  public static double sigmoidBackward(double y, double dy) {
    return dy * y * (1.0 - y);
  }

  public static double tanhBackward(double y, double dy) {
    return dy * (1.0 - y * y);
  }

  /** Softmax of a row, in double, with the maximum subtracted first. */
  public static double[] softmax(float[] x, int from, int length) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < length; i++) {
      max = Math.max(max, x[from + i]);
    }
    double[] y = new double[length];
    double sum = 0;
    for (int i = 0; i < length; i++) {
      y[i] = Math.exp(x[from + i] - max);
      sum += y[i];
    }
    for (int i = 0; i < length; i++) {
      y[i] /= sum;
    }
    return y;
  }

  /** dx_i = y_i (dy_i - sum_j y_j dy_j), in double, on the given float inputs. */
  public static double[] softmaxBackward(float[] y, float[] dy, int from, int length) {
    double dot = 0;
    for (int i = 0; i < length; i++) {
      dot += (double) y[from + i] * dy[from + i];
    }
    double[] dx = new double[length];
    for (int i = 0; i < length; i++) {
      dx[i] = y[from + i] * (dy[from + i] - dot);
    }
    return dx;
  }

  /**
   * The distance from {@code actual} to {@code exact}, in ulps of the float nearest to {@code
   * exact} (for subnormal results, the subnormal spacing 2^-149). Zero when both are the same
   * NaN-ness and equal; infinite when one is NaN and the other not, or signs of infinities differ.
   */
  public static double ulpError(float actual, double exact) {
    if (Double.isNaN(exact) || Float.isNaN(actual)) {
      return Double.isNaN(exact) && Float.isNaN(actual) ? 0 : Double.POSITIVE_INFINITY;
    }
    if (Double.isInfinite(exact) || Float.isInfinite(actual)) {
      return actual == exact ? 0 : Double.POSITIVE_INFINITY;
    }
    float rounded = (float) exact;
    double ulp = Float.isInfinite(rounded) ? Math.ulp(Float.MAX_VALUE) : Math.ulp(rounded);
    // the ulp of a float at a binade boundary is the smaller one below it when exact is below
    if (Math.abs(exact) < Math.abs(rounded)) {
      ulp = Math.ulp(Math.nextDown(Math.abs(rounded)));
      ulp = Math.max(ulp, Float.MIN_VALUE);
    }
    return Math.abs(actual - exact) / ulp;
  }
}
