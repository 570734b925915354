package org.simdact.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The facts that explain a run's numbers, saved as facts.json beside JMH's results. */
final class Facts {

  String started;
  String finished;
  long wallSeconds;
  String command;
  String gitCommit;
  CpuInfo cpu;
  String cpuSlug;
  /** -XX:MaxVectorSize values run, in bytes, widest first. */
  List<Integer> vectorBytes = new ArrayList<>();
  /** What the library chose in a JVM with each MaxVectorSize, keyed by it. */
  Map<String, String> kernelsByVectorBytes = new LinkedHashMap<>();
  Map<String, String> speciesByVectorBytes = new LinkedHashMap<>();
  String notOffered;
  int mainVectorBytes;
  String jdk;
  List<String> jvmArgs = new ArrayList<>();
  String settings;
  List<Long> sizes = new ArrayList<>();
  List<String> functions = new ArrayList<>();
  String onnxRuntime;

  String kernels(int bytes) {
    return kernelsByVectorBytes.getOrDefault(Integer.toString(bytes), "MaxVectorSize=" + bytes);
  }

  static Facts read(Path runDir) throws IOException {
    try (Reader reader = Files.newBufferedReader(runDir.resolve("facts.json"))) {
      return Report.fromJson(reader, Facts.class);
    }
  }

  void write(Path runDir) throws IOException {
    Files.writeString(runDir.resolve("facts.json"), Report.toJson(this));
  }

  String markdown() {
    StringBuilder md = new StringBuilder("| fact | value |\n|---|---|\n");
    row(md, "CPU", cpu.model() + " (" + cpu.vendor() + ", family " + cpu.family() + ", model "
        + cpu.modelNumber() + ", stepping " + cpu.stepping() + ")");
    row(md, "CPU features", String.join(" ", cpu.flags()));
    row(md, "logical CPUs", Integer.toString(cpu.logicalCpus()));
    row(md, "caches", cpu.caches().toString());
    for (int bytes : vectorBytes) {
      row(md, "MaxVectorSize=" + bytes, kernels(bytes) + "; preferred species "
          + speciesByVectorBytes.get(Integer.toString(bytes)));
    }
    if (notOffered != null && !notOffered.isEmpty()) {
      row(md, "vector sizes skipped", notOffered);
    }
    row(md, "JDK", jdk);
    row(md, "JVM flags", String.join(" ", jvmArgs) + " -XX:MaxVectorSize=<per row>");
    row(md, "JMH settings", settings);
    row(md, "ONNX Runtime", onnxRuntime);
    row(md, "git commit", gitCommit);
    row(md, "command", "`" + command + "`");
    row(md, "date", started + " to " + finished + " (" + wallSeconds + " s)");
    return md.toString();
  }

  private static void row(StringBuilder md, String fact, String value) {
    md.append("| ").append(fact).append(" | ").append(value == null ? "" : value.replace("|", "/"))
        .append(" |\n");
  }
}
