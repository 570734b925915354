package org.simdact.accuracy;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.simdact.internal.ScalarKernels;
import org.simdact.internal.vector.VectorKernels;

/**
 * What every function gives for the special inputs (NaNs, infinities, signed zeros, subnormal and
 * range boundaries), from the vector kernels, next to the rounded float64 reference.
 */
public final class SpecialValues {

  private SpecialValues() {}

  /** One function's results for {@link InputSets#SPECIAL_BITS}, vector and scalar path. */
  public record Results(SweptFunction function, float[] vector, float[] scalar) {

    /** The reference for input i, rounded to float. */
    public float reference(int i) {
      return (float) function.reference().at(Float.intBitsToFloat(InputSets.SPECIAL_BITS[i]));
    }

    /** Same value as the rounded reference, zeros of either sign alike, any NaN for NaN. */
    public boolean agrees(int i) {
      float r = reference(i);
      return vector[i] == r || (Float.isNaN(vector[i]) && Float.isNaN(r));
    }
  }

  public static List<Results> compute() {
    int n = InputSets.SPECIAL_BITS.length;
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = Float.intBitsToFloat(InputSets.SPECIAL_BITS[i]);
    }
    return SweptFunction.ALL.stream().map(f -> {
      float[] dy = new float[n];
      Arrays.fill(dy, f.dy());
      float[] vector = new float[n];
      float[] scalar = new float[n];
      f.kernel().apply(VectorKernels.INSTANCE, x, dy, vector, n);
      f.kernel().apply(ScalarKernels.INSTANCE, x, dy, scalar, n);
      return new Results(f, vector, scalar);
    }).toList();
  }

  /** Appends the special values as Markdown: one table for forward functions, one per dy. */
  static void append(StringBuilder md) {
    List<Results> all = compute();
    md.append("## Special values\n\n");
    md.append("The vector result for each input. Where it differs from the float64 reference "
        + "rounded to float (zeros of either sign count as equal, any NaN as NaN), the "
        + "reference follows in brackets; a difference between the vector and scalar paths "
        + "would be marked with *(scalar: ...)*.\n\n");
    table(md, "Forward", all.stream().filter(r -> !r.function().backward()).toList());
    table(md, "Backward, dy = 1.0",
        all.stream().filter(r -> r.function().dy() == 1f).toList());
    table(md, "Backward, dy = " + SweptFunction.ODD_DY,
        all.stream().filter(r -> r.function().dy() == SweptFunction.ODD_DY).toList());
  }

  private static void table(StringBuilder md, String title, List<Results> group) {
    md.append("### ").append(title).append("\n\n| input |");
    for (Results r : group) {
      md.append(' ').append(r.function().name().replaceFirst(" \\(.*", "")).append(" |");
    }
    md.append("\n|---|");
    md.append("---|".repeat(group.size()));
    md.append('\n');
    for (int i = 0; i < InputSets.SPECIAL_BITS.length; i++) {
      md.append("| ").append(AccuracySweep.input(InputSets.SPECIAL_BITS[i])).append(" |");
      for (Results r : group) {
        md.append(' ').append(show(r.vector()[i]));
        if (!r.agrees(i)) {
          md.append(" **[ref ").append(show(r.reference(i))).append("]**");
        }
        if (Float.floatToIntBits(r.vector()[i]) != Float.floatToIntBits(r.scalar()[i])) {
          md.append(" *(scalar: ").append(show(r.scalar()[i])).append(")*");
        }
        md.append(" |");
      }
      md.append('\n');
    }
    md.append('\n');
  }

  private static String show(float f) {
    if (Float.isNaN(f)) {
      return String.format(Locale.ROOT, "NaN `0x%08x`", Float.floatToRawIntBits(f));
    }
    return Float.toString(f);
  }
}
