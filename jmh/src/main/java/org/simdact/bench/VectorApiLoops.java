package org.simdact.bench;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API loops a user writes first: the preferred species, the formula in lanewise
 * operations (VectorOperators.EXP and TANH for the transcendental ones), a scalar tail. Also the
 * memory roofs: loops that only move data, as fast as a kernel over the same arrays can be.
 */
final class VectorApiLoops {

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

  private VectorApiLoops() {}

  static void step(float threshold, float[] src, float[] dst) {
    FloatVector one = FloatVector.broadcast(S, 1f);
    FloatVector zero = FloatVector.zero(S);
    int i = 0;
    for (; i < S.loopBound(src.length); i += S.length()) {
      VectorMask<Float> above =
          FloatVector.fromArray(S, src, i).compare(VectorOperators.GT, threshold);
      zero.blend(one, above).intoArray(dst, i);
    }
    for (; i < src.length; i++) {
      dst[i] = src[i] > threshold ? 1f : 0f;
    }
  }

  static void stepBackward(float[] dy, float[] dx) {
    FloatVector zero = FloatVector.zero(S);
    int i = 0;
    for (; i < S.loopBound(dx.length); i += S.length()) {
      zero.intoArray(dx, i);
    }
    for (; i < dx.length; i++) {
      dx[i] = 0f;
    }
  }

  static void sigmoid(float[] src, float[] dst) {
    FloatVector one = FloatVector.broadcast(S, 1f);
    int i = 0;
    for (; i < S.loopBound(src.length); i += S.length()) {
      FloatVector x = FloatVector.fromArray(S, src, i);
      one.div(one.add(x.neg().lanewise(VectorOperators.EXP))).intoArray(dst, i);
    }
    for (; i < src.length; i++) {
      dst[i] = (float) (1.0 / (1.0 + Math.exp(-src[i])));
    }
  }

  static void tanh(float[] src, float[] dst) {
    int i = 0;
    for (; i < S.loopBound(src.length); i += S.length()) {
      FloatVector.fromArray(S, src, i).lanewise(VectorOperators.TANH).intoArray(dst, i);
    }
    for (; i < src.length; i++) {
      dst[i] = (float) Math.tanh(src[i]);
    }
  }

  static void relu(float[] src, float[] dst) {
    int i = 0;
    for (; i < S.loopBound(src.length); i += S.length()) {
      FloatVector.fromArray(S, src, i).max(0f).intoArray(dst, i);
    }
    for (; i < src.length; i++) {
      dst[i] = Math.max(src[i], 0f);
    }
  }

  /** max(x, slope * x), right for slopes in [0, 1]. */
  static void leakyRelu(float slope, float[] src, float[] dst) {
    int i = 0;
    for (; i < S.loopBound(src.length); i += S.length()) {
      FloatVector x = FloatVector.fromArray(S, src, i);
      x.max(x.mul(slope)).intoArray(dst, i);
    }
    for (; i < src.length; i++) {
      dst[i] = Math.max(src[i], slope * src[i]);
    }
  }

  /** Three passes: the maximum, e^(x - max) stored and summed, then a multiply by 1 / sum. */
  static void softmax(float[] src, float[] dst) {
    int bound = S.loopBound(src.length);
    FloatVector maxes = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
    int i = 0;
    for (; i < bound; i += S.length()) {
      maxes = maxes.max(FloatVector.fromArray(S, src, i));
    }
    float max = maxes.reduceLanes(VectorOperators.MAX);
    for (; i < src.length; i++) {
      max = Math.max(max, src[i]);
    }

    FloatVector sums = FloatVector.zero(S);
    for (i = 0; i < bound; i += S.length()) {
      FloatVector e = FloatVector.fromArray(S, src, i).sub(max).lanewise(VectorOperators.EXP);
      e.intoArray(dst, i);
      sums = sums.add(e);
    }
    float sum = sums.reduceLanes(VectorOperators.ADD);
    for (; i < src.length; i++) {
      dst[i] = (float) Math.exp(src[i] - max);
      sum += dst[i];
    }

    float scale = 1f / sum;
    for (i = 0; i < bound; i += S.length()) {
      FloatVector.fromArray(S, dst, i).mul(scale).intoArray(dst, i);
    }
    for (; i < dst.length; i++) {
      dst[i] *= scale;
    }
  }

  static void sigmoidBackward(float[] y, float[] dy, float[] dx) {
    int i = 0;
    for (; i < S.loopBound(y.length); i += S.length()) {
      FloatVector yv = FloatVector.fromArray(S, y, i);
      FloatVector g = FloatVector.fromArray(S, dy, i);
      g.mul(yv).mul(yv.neg().add(1f)).intoArray(dx, i);
    }
    for (; i < y.length; i++) {
      dx[i] = dy[i] * y[i] * (1f - y[i]);
    }
  }

  static void tanhBackward(float[] y, float[] dy, float[] dx) {
    int i = 0;
    for (; i < S.loopBound(y.length); i += S.length()) {
      FloatVector yv = FloatVector.fromArray(S, y, i);
      FloatVector g = FloatVector.fromArray(S, dy, i);
      g.mul(yv.mul(yv).neg().add(1f)).intoArray(dx, i);
    }
    for (; i < y.length; i++) {
      dx[i] = dy[i] * (1f - y[i] * y[i]);
    }
  }

  static void reluBackward(float[] x, float[] dy, float[] dx) {
    FloatVector zero = FloatVector.zero(S);
    int i = 0;
    for (; i < S.loopBound(x.length); i += S.length()) {
      VectorMask<Float> positive =
          FloatVector.fromArray(S, x, i).compare(VectorOperators.GT, 0f);
      zero.blend(FloatVector.fromArray(S, dy, i), positive).intoArray(dx, i);
    }
    for (; i < x.length; i++) {
      dx[i] = x[i] > 0f ? dy[i] : 0f;
    }
  }

  static void leakyReluBackward(float slope, float[] x, float[] dy, float[] dx) {
    int i = 0;
    for (; i < S.loopBound(x.length); i += S.length()) {
      VectorMask<Float> positive =
          FloatVector.fromArray(S, x, i).compare(VectorOperators.GT, 0f);
      FloatVector g = FloatVector.fromArray(S, dy, i);
      g.mul(slope).blend(g, positive).intoArray(dx, i);
    }
    for (; i < x.length; i++) {
      dx[i] = x[i] > 0f ? dy[i] : slope * dy[i];
    }
  }

  static void softmaxBackward(float[] y, float[] dy, float[] dx) {
    int bound = S.loopBound(y.length);
    FloatVector dots = FloatVector.zero(S);
    int i = 0;
    for (; i < bound; i += S.length()) {
      dots = FloatVector.fromArray(S, y, i).fma(FloatVector.fromArray(S, dy, i), dots);
    }
    float dot = dots.reduceLanes(VectorOperators.ADD);
    for (; i < y.length; i++) {
      dot += y[i] * dy[i];
    }

    for (i = 0; i < bound; i += S.length()) {
      FloatVector yv = FloatVector.fromArray(S, y, i);
      yv.mul(FloatVector.fromArray(S, dy, i).sub(dot)).intoArray(dx, i);
    }
    for (; i < y.length; i++) {
      dx[i] = y[i] * (dy[i] - dot);
    }
  }

  // ---- memory roofs ----

  /** Loads src and stores dst: the least a one-input elementwise kernel must do. */
  static void copy(float[] src, float[] dst) {
    int i = 0;
    for (; i < S.loopBound(src.length); i += S.length()) {
      FloatVector.fromArray(S, src, i).intoArray(dst, i);
    }
    for (; i < src.length; i++) {
      dst[i] = src[i];
    }
  }

  /**
   * Loads a and b and stores their sum in c: the least a two-input elementwise kernel must do; the
   * add keeps both loads alive and costs nothing next to the memory traffic.
   */
  static void copyTwoToOne(float[] a, float[] b, float[] c) {
    int i = 0;
    for (; i < S.loopBound(a.length); i += S.length()) {
      FloatVector.fromArray(S, a, i).add(FloatVector.fromArray(S, b, i)).intoArray(c, i);
    }
    for (; i < a.length; i++) {
      c[i] = a[i] + b[i];
    }
  }
}
