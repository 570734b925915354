package org.simdact.probe;

import java.util.ArrayList;
import java.util.List;
import org.simdact.Activations;

/**
 * A tiny program for tests that start a separate JVM: prints which kernels the library chose,
 * whether it was loaded as a named module, and the bits of a few results. It lives outside the
 * package org.simdact so that it can run from the class path while the library is on the module
 * path.
 */
public final class ActivationsProbe {

  /** 19 values: more than two vectors of 8 lanes, so the masked tail is used too. */
  private static final float[] INPUTS = {
    -90f, -20f, -5.5f, -1f, -0f, 0f, Float.MIN_VALUE, 1e-20f, 0.25f, 1f,
    3.7f, 7f, 16.6f, 20f, 42f, 89f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN,
  };

  private ActivationsProbe() {}

  public static void main(String[] args) {
    System.out.println("implementation: " + Activations.implementation().description());
    System.out.println("vectorized: " + Activations.implementation().vectorized());
    System.out.println("module: " + Activations.class.getModule().getName());
    results().forEach(System.out::println);
  }

  /** One line per function: its name and the bits of each result; NaN printed as "NaN". */
  public static List<String> results() {
    List<String> lines = new ArrayList<>();
    float[] y = new float[INPUTS.length];

    Activations.sigmoid(INPUTS, y);
    lines.add("sigmoid:" + bits(y));

    Activations.tanh(INPUTS, y);
    lines.add("tanh:" + bits(y));

    // softmax of the finite inputs only: a NaN or infinity would make the whole row NaN
    float[] finite = new float[15];
    float[] p = new float[finite.length];
    System.arraycopy(INPUTS, 0, finite, 0, finite.length);
    Activations.softmax(finite, p);
    lines.add("softmax:" + bits(p));
    return lines;
  }

  private static String bits(float[] values) {
    StringBuilder s = new StringBuilder();
    for (float v : values) {
      s.append(' ');
      s.append(Float.isNaN(v) ? "NaN" : String.format("%08x", Float.floatToRawIntBits(v)));
    }
    return s.toString();
  }
}
