package org.simdact.internal;

import java.lang.System.Logger.Level;
import java.util.Optional;
import org.simdact.Implementation;

/**
 * Chooses the kernels once, on first use: the vector kernels when the Vector API module is present
 * and this CPU's vector size is supported, the scalar kernels otherwise or when the system property
 * {@value #FORCE_SCALAR_PROPERTY} is {@code true}. Logs one line saying what it chose.
 */
public final class KernelProvider {

  /** Set to {@code true} to use the scalar kernels even when the Vector API is available. */
  public static final String FORCE_SCALAR_PROPERTY = "simdact.forceScalar";

  static final String VECTOR_MODULE = "jdk.incubator.vector";

  private static final System.Logger LOG = System.getLogger("org.simdact");

  private KernelProvider() {}

  private static final class Holder {
    static final Choice CHOICE = choose();
  }

  /** What was chosen and why. */
  public record Choice(Kernels kernels, Implementation implementation) {}

  public static Kernels kernels() {
    return Holder.CHOICE.kernels();
  }

  public static Implementation implementation() {
    return Holder.CHOICE.implementation();
  }

  private static Choice choose() {
    if (Boolean.getBoolean(FORCE_SCALAR_PROPERTY)) {
      return scalar(Level.INFO, "forced by -D" + FORCE_SCALAR_PROPERTY + "=true");
    }
    Optional<Module> vectorModule = ModuleLayer.boot().findModule(VECTOR_MODULE);
    if (vectorModule.isEmpty()) {
      return scalar(
          Level.WARNING,
          "Vector API module not present (start the JVM with --add-modules "
              + VECTOR_MODULE
              + " to use the vector kernels)");
    }
    Module self = KernelProvider.class.getModule();
    if (self.isNamed() && !self.canRead(vectorModule.get())) {
      self.addReads(vectorModule.get());
    }
    try {
      Class<?> vectorClass =
          Class.forName("org.simdact.internal.vector.VectorKernels", true,
              KernelProvider.class.getClassLoader());
      if (!(boolean) vectorClass.getMethod("supported").invoke(null)) {
        int bits = (int) vectorClass.getMethod("vectorBitSize").invoke(null);
        return scalar(Level.WARNING, "vector size of " + bits + " bits is not supported");
      }
      Kernels kernels = (Kernels) vectorClass.getField("INSTANCE").get(null);
      int bits = (int) vectorClass.getMethod("vectorBitSize").invoke(null);
      int lanes = (int) vectorClass.getMethod("lanes").invoke(null);
      String description = "vector, " + bits + "-bit, " + lanes + " float lanes";
      LOG.log(Level.INFO, "simdact uses the " + description.replaceFirst(",", " kernels,"));
      return new Choice(kernels, new Implementation(true, bits, lanes, description));
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      return scalar(Level.WARNING, "Vector API kernels failed to load: " + e);
    }
  }

  private static Choice scalar(Level level, String reason) {
    String description = "scalar, " + reason;
    LOG.log(level, "simdact uses the scalar kernels: " + reason);
    return new Choice(ScalarKernels.INSTANCE, new Implementation(false, 0, 1, description));
  }
}
