package org.simdact.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.simdact.Activations;
import org.simdact.internal.ScalarKernels;

/**
 * Hypothesis: softmax reads its row three times (max, exp-and-sum, scale) and computes an exp per
 * element; the library's kernel, with its compensated sum, should stay within a small factor of
 * the plain three-pass Vector API softmax and far ahead of the Math.exp loop. Once the row leaves
 * the last-level cache the extra passes make it slower than one copy, so its ratio to the copy
 * roof shows the price of those passes.
 *
 * <p>Second hypothesis: an online normalizer, which reads the row twice but computes 1.25
 * exponentials per element instead of one, wins once the row no longer fits in cache and loses
 * while it does. {@link OnlineSoftmaxPrototype} measures that shape with the library's own
 * exponential.
 */
public class SoftmaxBench extends UnaryKernelBench {

  @Benchmark
  public float[] simdact() {
    Activations.softmax(src, dst);
    return dst;
  }

  @Benchmark
  public float[] scalarKernels() {
    ScalarKernels.INSTANCE.softmax(src, 0, dst, 0, size);
    return dst;
  }

  @Benchmark
  public float[] plainJava() {
    PlainJavaLoops.softmax(src, dst);
    return dst;
  }

  @Benchmark
  public float[] vectorApi() {
    VectorApiLoops.softmax(src, dst);
    return dst;
  }

  @Benchmark
  public float[] onlineNormalizer() {
    OnlineSoftmaxPrototype.softmax(src, dst);
    return dst;
  }

  /**
   * A prototype that computes nonsense is no data. The check runs only before the prototype's
   * own benchmark (uncompiled, the prototype takes seconds on a 16M row), and makes its own copy
   * of the input: JMH does not promise to run the superclass's setup, which fills src, first.
   */
  @Setup(Level.Trial)
  public void checkPrototype(BenchmarkParams params) {
    if (!params.getBenchmark().endsWith(".onlineNormalizer")) {
      return;
    }
    float[] x = input(Inputs.uniform(size, Inputs.SEED));
    float[] expected = new float[size];
    float[] actual = new float[size];
    Activations.softmax(x, expected);
    OnlineSoftmaxPrototype.softmax(x, actual);
    for (int i = 0; i < size; i++) {
      // the prototype's float rescaling drifts by tens of ulp on long rows at 128 bits; the
      // check is for wrong results, not for the library's error bound
      if (!(Math.abs(actual[i] - expected[i]) <= 1e-4f * expected[i] + Float.MIN_NORMAL)) {
        throw new IllegalStateException("online softmax prototype differs at " + i + ": "
            + actual[i] + " instead of " + expected[i]);
      }
    }
  }
}
