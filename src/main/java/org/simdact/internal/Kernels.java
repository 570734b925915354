package org.simdact.internal;

/**
 * The computing core behind {@code org.simdact.Activations}. Arguments are already checked: arrays
 * are non-null, ranges are in bounds, parameters are finite, and ranges of one array either
 * coincide or do not overlap. Softmax methods work on one row.
 *
 * <p>Two implementations exist, {@link ScalarKernels} and the vector one; they give bit-identical
 * results for every input.
 */
public interface Kernels {

  void step(float threshold, float[] src, int srcPos, float[] dst, int dstPos, int length);

  void sigmoid(float[] src, int srcPos, float[] dst, int dstPos, int length);

  void tanh(float[] src, int srcPos, float[] dst, int dstPos, int length);

  void relu(float[] src, int srcPos, float[] dst, int dstPos, int length);

  void leakyRelu(float slope, float[] src, int srcPos, float[] dst, int dstPos, int length);

  void softmax(float[] src, int srcPos, float[] dst, int dstPos, int length);

  void sigmoidBackward(
      float[] y, int yPos, float[] dy, int dyPos, float[] dx, int dxPos, int length);

  void tanhBackward(float[] y, int yPos, float[] dy, int dyPos, float[] dx, int dxPos, int length);

  void reluBackward(float[] x, int xPos, float[] dy, int dyPos, float[] dx, int dxPos, int length);

  void leakyReluBackward(
      float slope, float[] x, int xPos, float[] dy, int dyPos, float[] dx, int dxPos, int length);

  void softmaxBackward(
      float[] y, int yPos, float[] dy, int dyPos, float[] dx, int dxPos, int length);
}
