package org.simdact.accuracy;

import java.util.function.IntToDoubleFunction;
import org.simdact.internal.ScalarKernels;

/**
 * Walks every finite float in increasing order, from -Float.MAX_VALUE to Float.MAX_VALUE, and
 * counts where sigmoid or tanh decreases from one float to the next. A bound of a few ulp does
 * not make an approximation monotone by itself; this checks that the kernels are. It uses the
 * scalar kernels, which the accuracy sweep shows give the vector kernels' bits. About half a
 * minute per function on one core.
 */
public final class MonotonicityScan {

  private MonotonicityScan() {}

  public static void main(String[] args) throws InterruptedException {
    Thread sigmoid = scan("sigmoid", bits -> ScalarKernels.sigmoid(Float.intBitsToFloat(bits)));
    Thread tanh = scan("tanh", bits -> ScalarKernels.tanh(Float.intBitsToFloat(bits)));
    sigmoid.join();
    tanh.join();
  }

  private static Thread scan(String name, IntToDoubleFunction f) {
    Thread t = new Thread(() -> {
      long decreases = 0;
      int first = 0;
      double previous = f.applyAsDouble(Float.floatToRawIntBits(-Float.MAX_VALUE));
      int bits = Float.floatToRawIntBits(Math.nextUp(-Float.MAX_VALUE));
      while (true) {
        double y = f.applyAsDouble(bits);
        if (y < previous && decreases++ == 0) {
          first = bits;
        }
        previous = y;
        if (bits == 0x7f7f_ffff) {
          break;
        }
        // negative floats grow towards -0.0 as their bit patterns fall; then +0.0 upwards
        bits = bits == 0x8000_0000 ? 0 : bits < 0 ? bits - 1 : bits + 1;
      }
      System.out.printf("%s: %d decreases between neighbouring floats%s%n", name, decreases,
          decreases == 0 ? "" : String.format(", first at 0x%08x (%s)", first,
              Float.intBitsToFloat(first)));
    }, name);
    t.start();
    return t;
  }
}
