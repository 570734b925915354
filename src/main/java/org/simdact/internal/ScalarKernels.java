package org.simdact.internal;

import static org.simdact.internal.ExpApprox.expNonPositive;

/**
 * The scalar kernels: the fallback when the Vector API is not available, and the reference the
 * vector kernels are tested against. Each per-element function here performs the same float
 * operations in the same order as its vector twin.
 */
public final class ScalarKernels implements Kernels {

  public static final ScalarKernels INSTANCE = new ScalarKernels();

  /**
   * Softmax sums are accumulated in this many interleaved partial sums (element i goes to partial
   * sum i mod 8), whatever the vector width, so that every path adds in the same order.
   */
  public static final int SUM_LANES = 8;

  private ScalarKernels() {}

  // ---- per-element functions ----

  /**
   * 1 / (1 + e^-x).
   *
   * <p>With e = exp(-|x|) in (0, 1], sigmoid(x) = n / (1 + e) with n = 1 for x &gt; 0 and n = e
   * otherwise; no step can overflow. A plain quotient of rounded e and 1 + e can be off by more
   * than 2 ulp where e / (1 + e) falls just below a power of two that e is just above, so the
   * quotient q is corrected once: e carries its rounding error e_lo (see {@link ExpApprox}), d = 1
   * + e carries its own, delta, exactly (Fast2Sum, as 1 &gt;= e), and the residual rho = n + n_lo -
   * q (d + delta) is computed with fused multiply-adds, the division's own rounding included. Then
   * y = q + rho / (1 + e), where 1 / (1 + e) is q itself for x &gt; 0 and 1 - q otherwise, both
   * more than accurate enough for a correction term. Correcting only for the operands' rounding
   * saves two dependent operations after the division but leaves errors up to 1.46 ulp, enough to
   * make sigmoid decrease by an ulp between some neighbouring inputs; with the full residual it is
   * within 1.02 ulp over every float, and non-decreasing. From -87.33655 down the result is
   * subnormal, from -103.972084 down it is +0.0, and from 17.32868 up it is 1.
   */
  public static float sigmoid(float x) {
    float t = -Math.abs(x);
    float biased = Math.fma(t, ExpApprox.LOG2E, ExpApprox.MAGIC_BIAS);
    float n = biased - ExpApprox.MAGIC_BIAS;
    float r = Math.fma(n, -ExpApprox.LN2_HI, t);
    r = Math.fma(n, -ExpApprox.LN2_LO, r);
    float expm1r = ExpApprox.expm1Reduced(r);
    float scale = ExpApprox.twoToTheNPlus32(biased);
    float e32 = Math.fma(scale, expm1r, scale);
    float e = e32 * ExpApprox.TWO_POW_MINUS_32;
    float eLo = Math.fma(scale, expm1r, scale - e32) * ExpApprox.TWO_POW_MINUS_32;
    boolean underflow = t < ExpApprox.CUTOFF;
    e = underflow ? 0f : e;
    eLo = underflow ? 0f : eLo;

    float d = e + 1f;
    float delta = (e - (d - 1f)) + eLo;

    boolean positive = x > 0f;
    float numerator = positive ? 1f : e;
    float numeratorLo = positive ? 0f : eLo;
    float q = numerator / d;

    float rho = Math.fma(-q, delta, Math.fma(-q, d, numerator) + numeratorLo);
    float inverse = positive ? q : 1f - q;
    return Math.fma(rho, inverse, q);
  }

  /** tanh(x); see {@link TanhApprox}. */
  public static float tanh(float x) {
    float z = Math.abs(x);

    float z2 = z * z;
    float q = Math.fma(TanhApprox.P11, z2, TanhApprox.P9);
    q = Math.fma(q, z2, TanhApprox.P7);
    q = Math.fma(q, z2, TanhApprox.P5);
    q = Math.fma(q, z2, TanhApprox.P3);
    float small = Math.fma(z, z2 * q, z);

    float e = expNonPositive(-2f * z);
    float large = (1f - e) / (1f + e);

    float magnitude = z < TanhApprox.SMALL ? small : large;
    int sign = Float.floatToRawIntBits(x) & 0x8000_0000;
    return Float.intBitsToFloat(Float.floatToRawIntBits(magnitude) | sign);
  }

  /**
   * x for x &gt; 0, +0.0 for x &lt;= 0 (so -0.0 gives +0.0), NaN for NaN: exactly Math.max(x, 0),
   * which C2 vectorizes in the loop below, while the equivalent conditional it left scalar, about
   * 9 times slower at 4K floats.
   */
  public static float relu(float x) {
    return Math.max(x, 0f);
  }

  public static float leakyRelu(float slope, float x) {
    return x > 0f ? x : x * slope;
  }

  /** 1 above the threshold, 0 at or below it, NaN for NaN. */
  public static float step(float threshold, float x) {
    float y = x > threshold ? 1f : 0f;
    return x != x ? x : y;
  }

  /** dy * y(1 - y), with y(1 - y) rounded once. */
  public static float sigmoidBackward(float y, float dy) {
    return dy * Math.fma(-y, y, y);
  }

  /** dy * (1 - y^2), with 1 - y^2 rounded once. */
  public static float tanhBackward(float y, float dy) {
    return dy * Math.fma(-y, y, 1f);
  }

  /** dy where x &gt; 0, +0.0 where x &lt;= 0, NaN where x is NaN. */
  public static float reluBackward(float x, float dy) {
    float dx = x > 0f ? dy : 0f;
    return x != x ? x : dx;
  }

  /** dy where x &gt; 0, slope * dy otherwise, NaN where x is NaN. */
  public static float leakyReluBackward(float slope, float x, float dy) {
    float dx = x > 0f ? dy : dy * slope;
    return x != x ? x : dx;
  }

  // ---- array kernels ----

  @Override
  public void step(float threshold, float[] src, int srcPos, float[] dst, int dstPos, int length) {
    for (int i = 0; i < length; i++) {
      dst[dstPos + i] = step(threshold, src[srcPos + i]);
    }
  }

  @Override
  public void sigmoid(float[] src, int srcPos, float[] dst, int dstPos, int length) {
    for (int i = 0; i < length; i++) {
      dst[dstPos + i] = sigmoid(src[srcPos + i]);
    }
  }

  @Override
  public void tanh(float[] src, int srcPos, float[] dst, int dstPos, int length) {
    for (int i = 0; i < length; i++) {
      dst[dstPos + i] = tanh(src[srcPos + i]);
    }
  }

  @Override
  public void relu(float[] src, int srcPos, float[] dst, int dstPos, int length) {
    for (int i = 0; i < length; i++) {
      dst[dstPos + i] = relu(src[srcPos + i]);
    }
  }

  @Override
  public void leakyRelu(float slope, float[] src, int srcPos, float[] dst, int dstPos, int length) {
    for (int i = 0; i < length; i++) {
      dst[dstPos + i] = leakyRelu(slope, src[srcPos + i]);
    }
  }

  @Override
  public void sigmoidBackward(
      float[] y, int yPos, float[] dy, int dyPos, float[] dx, int dxPos, int length) {
    for (int i = 0; i < length; i++) {
      dx[dxPos + i] = sigmoidBackward(y[yPos + i], dy[dyPos + i]);
    }
  }

  @Override
  public void tanhBackward(
      float[] y, int yPos, float[] dy, int dyPos, float[] dx, int dxPos, int length) {
    for (int i = 0; i < length; i++) {
      dx[dxPos + i] = tanhBackward(y[yPos + i], dy[dyPos + i]);
    }
  }

  @Override
  public void reluBackward(
      float[] x, int xPos, float[] dy, int dyPos, float[] dx, int dxPos, int length) {
    for (int i = 0; i < length; i++) {
      dx[dxPos + i] = reluBackward(x[xPos + i], dy[dyPos + i]);
    }
  }

  @Override
  public void leakyReluBackward(
      float slope, float[] x, int xPos, float[] dy, int dyPos, float[] dx, int dxPos, int length) {
    for (int i = 0; i < length; i++) {
      dx[dxPos + i] = leakyReluBackward(slope, x[xPos + i], dy[dyPos + i]);
    }
  }

  // ---- softmax ----

  /**
   * Three passes: the row maximum; e_i = exp(x_i - max), stored in dst and summed; dst scaled by
   * 1 / sum. The sum is compensated (see {@link #finishSum}) so that it stays accurate for long
   * rows; NaN anywhere in the row, a +infinity, or a row of only -infinity make every output NaN.
   */
  @Override
  public void softmax(float[] src, int srcPos, float[] dst, int dstPos, int length) {
    if (length == 0) {
      return;
    }
    float max = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < length; i++) {
      float x = src[srcPos + i];
      max = x > max ? x : max;
    }

    double total = 0;
    for (int lane = 0; lane < SUM_LANES; lane++) {
      float s = 0f;
      float c = 0f;
      for (int k = 0, n = Math.ceilDiv(length - lane, SUM_LANES); k < n; k++) {
        int i = lane + k * SUM_LANES;
        float e = softmaxExp(src[srcPos + i], max);
        dst[dstPos + i] = e;

        // two-sum: t + err == s + e exactly
        float t = s + e;
        float bp = t - s;
        float err = (s - (t - bp)) + (e - bp);
        c = c + err;
        s = t;
      }
      total = finishSum(total, s, c);
    }

    float inverse = (float) (1.0 / total);
    for (int i = 0; i < length; i++) {
      dst[dstPos + i] = dst[dstPos + i] * inverse;
    }
  }

  /**
   * dx_i = y_i (dy_i - sum_j y_j dy_j). The dot product uses the same interleaved compensated
   * sum as the forward pass.
   */
  @Override
  public void softmaxBackward(
      float[] y, int yPos, float[] dy, int dyPos, float[] dx, int dxPos, int length) {
    double total = 0;
    for (int lane = 0; lane < SUM_LANES; lane++) {
      float s = 0f;
      float c = 0f;
      for (int k = 0, n = Math.ceilDiv(length - lane, SUM_LANES); k < n; k++) {
        int i = lane + k * SUM_LANES;
        float p = y[yPos + i] * dy[dyPos + i];

        float t = s + p;
        float bp = t - s;
        float err = (s - (t - bp)) + (p - bp);
        c = c + err;
        s = t;
      }
      total = finishSum(total, s, c);
    }

    float dot = (float) total;
    for (int i = 0; i < length; i++) {
      float yi = y[yPos + i];
      dx[dxPos + i] = yi * (dy[dyPos + i] - dot);
    }
  }

  /**
   * exp(x - max), with the rounding error of the subtraction taken into account: exp turns an
   * absolute error in its argument into the same relative error in its result, so for a gap of
   * 50 a rounded x - max alone would cost several ulp. The error err is exact (two-sum), and
   * exp(d + err) = e (1 + err) to far below an ulp. Where e is zero (x = -infinity, or a gap past
   * the underflow cutoff) it stays zero; err may be NaN there.
   */
  public static float softmaxExp(float x, float max) {
    float d = x - max;
    float e = expNonPositive(d);

    float bb = d - x;
    float err = (x - (d - bb)) - (max + bb);
    return e == 0f ? e : Math.fma(e, err, e);
  }

  /**
   * Folds one partial sum and its compensation into the running total. Both paths call this for
   * partial sums 0 to 7 in order.
   */
  public static double finishSum(double total, float s, float c) {
    return total + (double) s + (double) c;
  }
}
