package org.simdact.properties;

import java.util.function.DoubleBinaryOperator;
import java.util.function.Supplier;
import net.jqwik.api.Arbitrary;
import org.simdact.Activations;
import org.simdact.internal.Kernels;
import org.simdact.oracle.Float64Oracle;

/**
 * One row per elementwise function, forward and backward: how to call it through a kernel and
 * through the public API, its float64 reference, its accuracy bound and the inputs it is defined
 * on. Every elementwise property is driven by this table.
 *
 * <p>Unary functions take one input array (a); backward functions take two (a is y or x, b is
 * dy). The reference takes the elements of a and b in double; unary ones ignore b.
 */
enum Elementwise {
  SIGMOID(
      1,
      2,
      FloatArbitraries::anyFloat,
      (k, a, ap, b, bp, o, op, n) -> k.sigmoid(a, ap, o, op, n),
      (a, ap, b, bp, o, op, n) -> Activations.sigmoid(a, ap, o, op, n),
      (x, unused) -> Float64Oracle.sigmoid(x)),

  TANH(
      1,
      2,
      FloatArbitraries::anyFloat,
      (k, a, ap, b, bp, o, op, n) -> k.tanh(a, ap, o, op, n),
      (a, ap, b, bp, o, op, n) -> Activations.tanh(a, ap, o, op, n),
      (x, unused) -> Float64Oracle.tanh(x)),

  RELU(
      1,
      0,
      FloatArbitraries::anyFloat,
      (k, a, ap, b, bp, o, op, n) -> k.relu(a, ap, o, op, n),
      (a, ap, b, bp, o, op, n) -> Activations.relu(a, ap, o, op, n),
      (x, unused) -> Float64Oracle.relu(x)),

  LEAKY_RELU(
      1,
      0,
      FloatArbitraries::anyFloat,
      (k, a, ap, b, bp, o, op, n) ->
          k.leakyRelu(Activations.DEFAULT_LEAKY_RELU_SLOPE, a, ap, o, op, n),
      (a, ap, b, bp, o, op, n) ->
          Activations.leakyRelu(Activations.DEFAULT_LEAKY_RELU_SLOPE, a, ap, o, op, n),
      (x, unused) -> Float64Oracle.leakyRelu(Activations.DEFAULT_LEAKY_RELU_SLOPE, x)),

  LEAKY_RELU_NEGATIVE_SLOPE(
      1,
      0,
      FloatArbitraries::anyFloat,
      (k, a, ap, b, bp, o, op, n) -> k.leakyRelu(Elementwise.OTHER_SLOPE, a, ap, o, op, n),
      (a, ap, b, bp, o, op, n) -> Activations.leakyRelu(Elementwise.OTHER_SLOPE, a, ap, o, op, n),
      (x, unused) -> Float64Oracle.leakyRelu(Elementwise.OTHER_SLOPE, x)),

  STEP(
      1,
      0,
      FloatArbitraries::anyFloat,
      (k, a, ap, b, bp, o, op, n) -> k.step(Activations.DEFAULT_STEP_THRESHOLD, a, ap, o, op, n),
      (a, ap, b, bp, o, op, n) ->
          Activations.step(Activations.DEFAULT_STEP_THRESHOLD, a, ap, o, op, n),
      (x, unused) -> Float64Oracle.step(Activations.DEFAULT_STEP_THRESHOLD, x)),

  STEP_OTHER_THRESHOLD(
      1,
      0,
      FloatArbitraries::anyFloat,
      (k, a, ap, b, bp, o, op, n) -> k.step(Elementwise.OTHER_THRESHOLD, a, ap, o, op, n),
      (a, ap, b, bp, o, op, n) -> Activations.step(Elementwise.OTHER_THRESHOLD, a, ap, o, op, n),
      (x, unused) -> Float64Oracle.step(Elementwise.OTHER_THRESHOLD, x)),

  // the backward bounds are against the formula evaluated in double on the same float y and dy
  SIGMOID_BACKWARD(
      2,
      2,
      FloatArbitraries::sigmoidOutputs,
      (k, a, ap, b, bp, o, op, n) -> k.sigmoidBackward(a, ap, b, bp, o, op, n),
      (a, ap, b, bp, o, op, n) -> Activations.sigmoidBackward(a, ap, b, bp, o, op, n),
      Float64Oracle::sigmoidBackward),

  TANH_BACKWARD(
      2,
      2,
      FloatArbitraries::tanhOutputs,
      (k, a, ap, b, bp, o, op, n) -> k.tanhBackward(a, ap, b, bp, o, op, n),
      (a, ap, b, bp, o, op, n) -> Activations.tanhBackward(a, ap, b, bp, o, op, n),
      Float64Oracle::tanhBackward),

  RELU_BACKWARD(
      2,
      0,
      FloatArbitraries::anyFloat,
      (k, a, ap, b, bp, o, op, n) -> k.reluBackward(a, ap, b, bp, o, op, n),
      (a, ap, b, bp, o, op, n) -> Activations.reluBackward(a, ap, b, bp, o, op, n),
      (x, dy) -> Double.isNaN(x) ? x : (x > 0 ? dy : 0.0)),

  LEAKY_RELU_BACKWARD(
      2,
      0,
      FloatArbitraries::anyFloat,
      (k, a, ap, b, bp, o, op, n) ->
          k.leakyReluBackward(Activations.DEFAULT_LEAKY_RELU_SLOPE, a, ap, b, bp, o, op, n),
      (a, ap, b, bp, o, op, n) ->
          Activations.leakyReluBackward(
              Activations.DEFAULT_LEAKY_RELU_SLOPE, a, ap, b, bp, o, op, n),
      (x, dy) -> leakyReluBackward(Activations.DEFAULT_LEAKY_RELU_SLOPE, x, dy)),

  LEAKY_RELU_BACKWARD_NEGATIVE_SLOPE(
      2,
      0,
      FloatArbitraries::anyFloat,
      (k, a, ap, b, bp, o, op, n) ->
          k.leakyReluBackward(Elementwise.OTHER_SLOPE, a, ap, b, bp, o, op, n),
      (a, ap, b, bp, o, op, n) ->
          Activations.leakyReluBackward(Elementwise.OTHER_SLOPE, a, ap, b, bp, o, op, n),
      (x, dy) -> leakyReluBackward(Elementwise.OTHER_SLOPE, x, dy));

  /**
   * A slope other than the default, negative and not a power of two, so the product is rounded
   * and the branch is chosen by the sign of x, not of the result.
   */
  static final float OTHER_SLOPE = -0.3f;

  /** A threshold other than zero, for step. */
  static final float OTHER_THRESHOLD = 0.75f;

  /** A kernel call, in the shape of the backward kernels; unary calls ignore b and bPos. */
  @FunctionalInterface
  interface KernelCall {
    void apply(
        Kernels k, float[] a, int aPos, float[] b, int bPos, float[] out, int outPos, int length);
  }

  /** The same call through {@link Activations}. */
  @FunctionalInterface
  interface PublicCall {
    void apply(float[] a, int aPos, float[] b, int bPos, float[] out, int outPos, int length);
  }

  /** 1 for forward functions, 2 for backward ones. */
  final int arity;

  /** The bound in ulp against the reference rounded to float; 0 means the same bits. */
  final int ulpBound;

  /** Values of the first input on which the accuracy bound is promised. */
  final Supplier<Arbitrary<Float>> domain;

  final KernelCall kernel;
  final PublicCall publicApi;
  final DoubleBinaryOperator reference;

  Elementwise(
      int arity,
      int ulpBound,
      Supplier<Arbitrary<Float>> domain,
      KernelCall kernel,
      PublicCall publicApi,
      DoubleBinaryOperator reference) {
    this.arity = arity;
    this.ulpBound = ulpBound;
    this.domain = domain;
    this.kernel = kernel;
    this.publicApi = publicApi;
    this.reference = reference;
  }

  // the oracle has no backward for the piecewise-linear functions; their definitions are one line
  private static double leakyReluBackward(float slope, double x, double dy) {
    return Double.isNaN(x) ? x : (x > 0 ? dy : slope * dy);
  }
}
