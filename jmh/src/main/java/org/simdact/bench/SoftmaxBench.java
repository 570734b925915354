package org.simdact.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.simdact.Activations;
import org.simdact.internal.ScalarKernels;

/**
 * Hypothesis: softmax reads its row three times (max, exp-and-sum, scale) and computes an exp per
 * element; the library's kernel, with its compensated sum, should stay within a small factor of
 * the plain three-pass Vector API softmax and far ahead of the Math.exp loop. Once the row leaves
 * the last-level cache the extra passes make it slower than one copy, so its ratio to the copy
 * roof shows the price of those passes.
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
}
