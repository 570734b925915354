package org.simdact.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the CPU is, read from /proc/cpuinfo, and the vector sizes it offers the JVM.
 *
 * @param model the brand string, for example "AMD EPYC"
 * @param vendor for example "AuthenticAMD"
 * @param family the CPU family number (0 when unknown)
 * @param modelNumber the model number within the family (0 when unknown)
 * @param stepping the stepping (0 when unknown)
 * @param flags the feature flags that matter for these kernels, among {@link #FLAGS_THAT_MATTER}
 * @param logicalCpus processors this JVM may use
 * @param caches cache sizes by level, as the kernel reports them
 */
record CpuInfo(
    String model,
    String vendor,
    int family,
    int modelNumber,
    int stepping,
    List<String> flags,
    int logicalCpus,
    Map<String, String> caches) {

  /** Features that change what C2 and the Vector API can emit. */
  static final List<String> FLAGS_THAT_MATTER =
      List.of("sse4_2", "avx", "avx2", "fma", "f16c", "avx512f", "avx512dq", "avx512bw",
          "avx512vl", "avx512_fp16", "asimd", "sve", "sve2");

  static CpuInfo detect() {
    Map<String, String> first = new LinkedHashMap<>();
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.isBlank()) {
          break; // the first processor's block describes them all
        }
        int colon = line.indexOf(':');
        if (colon > 0) {
          first.putIfAbsent(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
        }
      }
    } catch (IOException e) {
      // no /proc (not Linux): the JVM's architecture is all we can name
    }
    Set<String> all = new TreeSet<>(List.of(first.getOrDefault("flags",
        first.getOrDefault("Features", "")).split("\\s+")));
    List<String> flags = new ArrayList<>();
    for (String flag : FLAGS_THAT_MATTER) {
      if (all.contains(flag)) {
        flags.add(flag);
      }
    }
    return new CpuInfo(
        first.getOrDefault("model name", System.getProperty("os.arch")),
        first.getOrDefault("vendor_id", first.getOrDefault("CPU implementer", "")),
        parseInt(first.get("cpu family")),
        parseInt(first.getOrDefault("model", first.get("CPU part"))),
        parseInt(first.get("stepping")),
        flags,
        Runtime.getRuntime().availableProcessors(),
        readCaches());
  }

  /**
   * A folder name for this CPU: the brand string, then family and model numbers and the widest
   * vector feature, since one brand string (a VM's "AMD EPYC") can cover several generations.
   */
  String slug() {
    String brand = model.toLowerCase(Locale.ROOT)
        .replaceAll("\\((r|tm)\\)", "")
        .replaceAll("(\\d+)-core processor", "")
        .replaceAll("[^a-z0-9]+", "-")
        .replaceAll("^-|-$", "");
    String widest = flags.contains("avx512f") ? "avx512" : flags.contains("avx2") ? "avx2"
        : flags.contains("avx") ? "avx" : flags.contains("sve") ? "sve"
        : flags.contains("asimd") ? "neon" : System.getProperty("os.arch");
    return brand + "-f" + family + "-m" + modelNumber + "-" + widest;
  }

  /**
   * The values of -XX:MaxVectorSize, in bytes, that this CPU offers for floats: 16 with SSE or
   * NEON, 32 with AVX, 64 with AVX-512F, widest first. Empty when unknown: then only the JVM's
   * default is run.
   */
  List<Integer> vectorSizes() {
    List<Integer> sizes = new ArrayList<>();
    if (flags.contains("avx512f")) {
      sizes.add(64);
    }
    if (flags.contains("avx")) {
      sizes.add(32);
    }
    if (flags.contains("sse4_2") || flags.contains("asimd")) {
      sizes.add(16);
    }
    return sizes;
  }

  private static Map<String, String> readCaches() {
    Map<String, String> caches = new LinkedHashMap<>();
    Path dir = Path.of("/sys/devices/system/cpu/cpu0/cache");
    for (int i = 0; i < 8; i++) {
      Path index = dir.resolve("index" + i);
      try {
        String level = Files.readString(index.resolve("level")).trim();
        String type = Files.readString(index.resolve("type")).trim();
        String size = Files.readString(index.resolve("size")).trim();
        if (!type.equals("Instruction")) {
          caches.put("L" + level + (type.equals("Data") ? "d" : ""), size);
        }
      } catch (IOException e) {
        break;
      }
    }
    return caches;
  }

  private static int parseInt(String text) {
    if (text == null) {
      return 0;
    }
    try {
      return Integer.decode(text.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
