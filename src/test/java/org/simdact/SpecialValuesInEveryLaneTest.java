package org.simdact;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.simdact.internal.ScalarKernels;

/**
 * Special floats give the same answer in every vector lane and in the masked tail, before and
 * after the JIT compiles the kernels: each special value is put at every position of arrays of
 * lengths 1 to 40, and every element is compared with the scalar kernel's answer for it.
 *
 * <p>The first round runs while the kernels are still interpreted or lightly compiled (unless
 * other test classes in this JVM have already warmed them); then every kernel is called
 * {@value #WARM_UP_CALLS} times on {@value #WARM_UP_LENGTH} elements, enough for C2 to compile
 * it (seen with -XX:+PrintCompilation: every array kernel reaches tier 4), and the check runs
 * again.
 */
class SpecialValuesInEveryLaneTest {

  private static final float[] SPECIALS = {
    Float.NaN,
    Float.POSITIVE_INFINITY,
    Float.NEGATIVE_INFINITY,
    -0f,
    0f,
    Float.MIN_VALUE,
    -Float.MIN_VALUE,
    Float.MAX_VALUE,
    Float.MIN_NORMAL,
    1f,
    -1f,
  };

  private static final int MAX_LENGTH = 40;

  private static final int WARM_UP_CALLS = 20_000;

  private static final int WARM_UP_LENGTH = 64;

  /** Keeps the warm-up results alive, so the JIT cannot drop the calls. */
  private static volatile float blackhole;

  /** Computes {@code out} from one or two input arrays of the same length. */
  @FunctionalInterface
  private interface ArrayCall {
    void apply(float[][] inputs, float[] out);
  }

  @FunctionalInterface
  private interface Scalar1 {
    float apply(float x);
  }

  @FunctionalInterface
  private interface Scalar2 {
    float apply(float a, float b);
  }

  private record Kernel(String name, int arity, ArrayCall library, ArrayCall reference) {}

  /** An elementwise function of one array, referenced by its scalar per-element form. */
  private static Kernel unary(String name, ArrayCall library, Scalar1 scalar) {
    return new Kernel(name, 1, library, (in, out) -> {
      for (int i = 0; i < out.length; i++) {
        out[i] = scalar.apply(in[0][i]);
      }
    });
  }

  /** An elementwise function of two arrays, referenced by its scalar per-element form. */
  private static Kernel binary(String name, ArrayCall library, Scalar2 scalar) {
    return new Kernel(name, 2, library, (in, out) -> {
      for (int i = 0; i < out.length; i++) {
        out[i] = scalar.apply(in[0][i], in[1][i]);
      }
    });
  }

  private static final ScalarKernels SCALAR = ScalarKernels.INSTANCE;

  private static final List<Kernel> KERNELS = List.of(
      unary("sigmoid", (in, out) -> Activations.sigmoid(in[0], out), ScalarKernels::sigmoid),
      unary("tanh", (in, out) -> Activations.tanh(in[0], out), ScalarKernels::tanh),
      unary("relu", (in, out) -> Activations.relu(in[0], out), ScalarKernels::relu),
      unary("leakyRelu(0.01)",
          (in, out) -> Activations.leakyRelu(0.01f, in[0], out),
          x -> ScalarKernels.leakyRelu(0.01f, x)),
      unary("leakyRelu(-2)",
          (in, out) -> Activations.leakyRelu(-2f, in[0], out),
          x -> ScalarKernels.leakyRelu(-2f, x)),
      unary("step(0)",
          (in, out) -> Activations.step(0f, in[0], out),
          x -> ScalarKernels.step(0f, x)),
      unary("step(0.5)",
          (in, out) -> Activations.step(0.5f, in[0], out),
          x -> ScalarKernels.step(0.5f, x)),
      binary("sigmoidBackward(y, dy)",
          (in, out) -> Activations.sigmoidBackward(in[0], in[1], out),
          ScalarKernels::sigmoidBackward),
      binary("tanhBackward(y, dy)",
          (in, out) -> Activations.tanhBackward(in[0], in[1], out),
          ScalarKernels::tanhBackward),
      binary("reluBackward(x, dy)",
          (in, out) -> Activations.reluBackward(in[0], in[1], out),
          ScalarKernels::reluBackward),
      binary("leakyReluBackward(0.01, x, dy)",
          (in, out) -> Activations.leakyReluBackward(0.01f, in[0], in[1], out),
          (x, dy) -> ScalarKernels.leakyReluBackward(0.01f, x, dy)),
      binary("leakyReluBackward(-2, x, dy)",
          (in, out) -> Activations.leakyReluBackward(-2f, in[0], in[1], out),
          (x, dy) -> ScalarKernels.leakyReluBackward(-2f, x, dy)),
      // a softmax element depends on its whole row, so the reference is the scalar row kernel
      new Kernel("softmax", 1,
          (in, out) -> Activations.softmax(in[0], out),
          (in, out) -> SCALAR.softmax(in[0], 0, out, 0, out.length)),
      new Kernel("softmaxBackward(y, dy)", 2,
          (in, out) -> Activations.softmaxBackward(in[0], in[1], out),
          (in, out) -> SCALAR.softmaxBackward(in[0], 0, in[1], 0, out, 0, out.length)));

  @Test
  void specialValuesGiveTheScalarAnswerInEveryLaneBeforeAndAfterCompilation() {
    checkEveryPlacement("first round");

    warmUp();

    checkEveryPlacement("after " + WARM_UP_CALLS + " calls of each kernel");
  }

  private static void checkEveryPlacement(String round) {
    for (Kernel kernel : KERNELS) {
      for (int slot = 0; slot < kernel.arity(); slot++) {
        for (float special : SPECIALS) {
          for (int length = 1; length <= MAX_LENGTH; length++) {
            for (int at = 0; at < length; at++) {
              check(round, kernel, slot, special, length, at);
            }
          }
        }
      }
    }
  }

  private static void check(
      String round, Kernel kernel, int slot, float special, int length, int at) {
    float[][] inputs = new float[kernel.arity()][];
    for (int s = 0; s < inputs.length; s++) {
      inputs[s] = ordinaryValues(length, s);
    }
    inputs[slot][at] = special;
    float[] actual = new float[length];
    float[] expected = new float[length];

    kernel.library().apply(inputs, actual);
    kernel.reference().apply(inputs, expected);

    for (int i = 0; i < length; i++) {
      boolean same =
          Float.isNaN(expected[i])
              ? Float.isNaN(actual[i])
              : Float.floatToRawIntBits(expected[i]) == Float.floatToRawIntBits(actual[i]);
      if (!same) {
        fail(round + ": " + kernel.name() + " with " + special + " at index " + at
            + " of input " + slot + " (length " + length + "): element " + i + " expected "
            + FloatAssertions.describe(expected[i]) + ", was "
            + FloatAssertions.describe(actual[i]));
      }
    }
  }

  /** Values in (-3, 3), different in each lane and each input. */
  private static float[] ordinaryValues(int length, int input) {
    float[] a = new float[length];
    for (int i = 0; i < length; i++) {
      a[i] = ((i * 7 + input * 3) % 11 - 5) * 0.53f;
    }
    return a;
  }

  private static void warmUp() {
    // the special values are in the warm-up data too, so that C2 compiles the paths they take
    float[][] inputs = {ordinaryValues(WARM_UP_LENGTH, 0), ordinaryValues(WARM_UP_LENGTH, 1)};
    for (int i = 0; i < SPECIALS.length; i++) {
      inputs[0][5 * i] = SPECIALS[i];
      inputs[1][5 * i + 2] = SPECIALS[i];
    }
    float[] out = new float[WARM_UP_LENGTH];
    float sink = 0;
    for (Kernel kernel : KERNELS) {
      for (int call = 0; call < WARM_UP_CALLS; call++) {
        kernel.library().apply(inputs, out);
        kernel.reference().apply(inputs, out);
        sink += out[call & (WARM_UP_LENGTH - 1)];
      }
    }
    blackhole = sink;
  }
}
