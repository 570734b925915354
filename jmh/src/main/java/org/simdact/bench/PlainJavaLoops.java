package org.simdact.bench;

/**
 * The loops a user writes without a library: one expression per element with {@code java.lang.Math}
 * (computed in double where Math offers only double), leaving any vectorization to C2.
 */
final class PlainJavaLoops {

  private PlainJavaLoops() {}

  static void step(float threshold, float[] src, float[] dst) {
    for (int i = 0; i < src.length; i++) {
      dst[i] = src[i] > threshold ? 1f : 0f;
    }
  }

  static void stepBackward(float[] dy, float[] dx) {
    for (int i = 0; i < dy.length; i++) {
      dx[i] = 0f;
    }
  }

  static void sigmoid(float[] src, float[] dst) {
    for (int i = 0; i < src.length; i++) {
      dst[i] = (float) (1.0 / (1.0 + Math.exp(-src[i])));
    }
  }

  static void tanh(float[] src, float[] dst) {
    for (int i = 0; i < src.length; i++) {
      dst[i] = (float) Math.tanh(src[i]);
    }
  }

  static void relu(float[] src, float[] dst) {
    for (int i = 0; i < src.length; i++) {
      dst[i] = Math.max(src[i], 0f);
    }
  }

  static void leakyRelu(float slope, float[] src, float[] dst) {
    for (int i = 0; i < src.length; i++) {
      float x = src[i];
      dst[i] = x > 0f ? x : slope * x;
    }
  }

  static void softmax(float[] src, float[] dst) {
    float max = Float.NEGATIVE_INFINITY;
    for (float x : src) {
      max = Math.max(max, x);
    }
    float sum = 0f;
    for (int i = 0; i < src.length; i++) {
      float e = (float) Math.exp(src[i] - max);
      dst[i] = e;
      sum += e;
    }
    for (int i = 0; i < dst.length; i++) {
      dst[i] /= sum;
    }
  }

  static void sigmoidBackward(float[] y, float[] dy, float[] dx) {
    for (int i = 0; i < y.length; i++) {
      dx[i] = dy[i] * y[i] * (1f - y[i]);
    }
  }

  static void tanhBackward(float[] y, float[] dy, float[] dx) {
    for (int i = 0; i < y.length; i++) {
      dx[i] = dy[i] * (1f - y[i] * y[i]);
    }
  }

  static void reluBackward(float[] x, float[] dy, float[] dx) {
    for (int i = 0; i < x.length; i++) {
      dx[i] = x[i] > 0f ? dy[i] : 0f;
    }
  }

  static void leakyReluBackward(float slope, float[] x, float[] dy, float[] dx) {
    for (int i = 0; i < x.length; i++) {
      dx[i] = x[i] > 0f ? dy[i] : slope * dy[i];
    }
  }

  static void softmaxBackward(float[] y, float[] dy, float[] dx) {
    float dot = 0f;
    for (int i = 0; i < y.length; i++) {
      dot += y[i] * dy[i];
    }
    for (int i = 0; i < y.length; i++) {
      dx[i] = y[i] * (dy[i] - dot);
    }
  }
}
