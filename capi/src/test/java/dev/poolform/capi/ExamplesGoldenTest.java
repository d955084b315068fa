package dev.poolform.capi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poolform.capi.emit.CapiEmitter;
import dev.poolform.capi.emit.CapiResult;
import dev.poolform.capi.importer.CapiImporter;
import dev.poolform.capi.importer.ImportResult;
import dev.poolform.compiler.Compilation;
import dev.poolform.compiler.CompileOptions;
import dev.poolform.compiler.Compiler;
import dev.poolform.compiler.diag.Code;
import dev.poolform.compiler.diag.render.TextRenderer;
import dev.poolform.compiler.inputs.VarSource;
import dev.poolform.ir.IrConfig;
import dev.poolform.ir.IrPool;
import dev.poolform.testing.golden.GoldenFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every example that targets AWS or Azure compiles to Cluster API YAML equal to {@code
 * golden/<example>.yaml} (or, when a pool cannot be emitted, diagnostics equal to {@code
 * golden/<example>.err}), its warnings equal to {@code golden/<example>.warn}; every emitted
 * document validates against its CRD, and importing the output back compiles. {@code
 * -Dgolden.update=true} rewrites the files; a missing one is written and the test fails so that it
 * gets reviewed.
 */
class ExamplesGoldenTest {

  static Path examples() {
    return CrdValidator.repoRoot().resolve("examples");
  }

  /** Each .pool file, and each directory configuration (a directory without a shared/ role). */
  static List<Path> configurations() throws IOException {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(examples(), 2)) {
      for (Path p : s.sorted().toList()) {
        Path rel = examples().relativize(p);
        if (p.equals(examples()) || rel.startsWith("src") || rel.startsWith("target")) continue;
        if (p.getFileName().toString().equals("shared")) continue;
        if (Files.isDirectory(p) && rel.getNameCount() == 1) {
          try (Stream<Path> kids = Files.list(p)) {
            // aws/, azure/ hold separate examples; a directory of related files (with shared/
            // or .poolvars files) is one configuration.
            if (kids.anyMatch(k -> Files.isDirectory(k) || k.toString().endsWith(".poolvars")))
              out.add(p);
          }
        } else if (p.toString().endsWith(".pool") && !out.stream().anyMatch(p::startsWith)) {
          out.add(p);
        }
      }
    }
    return out;
  }

  static String name(Path config) {
    return examples().relativize(config).toString().replaceAll("\\.pool$", "");
  }

  /**
   * How to compile each configuration: without values, or, for one with {@code .poolvars} files,
   * once with each ({@code environments.staging}).
   */
  static Map<String, CompileOptions> variants() throws IOException {
    Map<String, CompileOptions> out = new java.util.TreeMap<>();
    Optional<Path> root = Optional.of(CrdValidator.repoRoot());
    for (Path config : configurations()) {
      List<Path> vars = new ArrayList<>();
      if (Files.isDirectory(config)) {
        try (Stream<Path> s = Files.list(config)) {
          s.filter(p -> p.toString().endsWith(".poolvars")).sorted().forEach(vars::add);
        }
      }
      if (vars.isEmpty()) out.put(name(config), new CompileOptions(config, root, Map.of()));
      for (Path v : vars) {
        String n = name(config) + "." + v.getFileName().toString().replace(".poolvars", "");
        out.put(n, new CompileOptions(config, root, Map.of(), List.of(new VarSource.File(v))));
      }
    }
    return out;
  }

  @TestFactory
  Stream<DynamicTest> examplesEmitTheirGoldenYaml() throws IOException {
    Path golden = CrdValidator.repoRoot().resolve("capi/src/test/resources/golden");
    List<DynamicTest> tests = new ArrayList<>();
    for (Map.Entry<String, CompileOptions> variant : variants().entrySet()) {
      String name = variant.getKey();
      Compilation c = Compiler.compile(variant.getValue());
      assertThat(c.hasErrors()).as("%s: %s", name, c.diagnostics()).isFalse();
      IrConfig ir = c.ir().orElseThrow();
      if (ir.pools().stream().noneMatch(p -> !p.cloud().kind().equals("local"))) continue;
      tests.add(
          DynamicTest.dynamicTest(
              name,
              () -> {
                CapiResult r = CapiEmitter.emit(ir);
                String rendered = TextRenderer.plain().render(r.diagnostics());
                if (r.hasErrors()) {
                  GoldenFile.check(golden.resolve(name + ".err"), rendered);
                  return;
                }
                GoldenFile.check(golden.resolve(name + ".yaml"), r.joined());
                // What was dropped or approximated is part of the expected behaviour too.
                Path warnings = golden.resolve(name + ".warn");
                if (!r.diagnostics().isEmpty() || Files.exists(warnings))
                  GoldenFile.check(warnings, rendered);
                for (JsonNode doc : CrdValidator.documents(r.joined())) {
                  assertThat(CrdValidator.get().validate(doc))
                      .as("%s %s", doc.path("kind"), doc.at("/metadata/name"))
                      .isEmpty();
                }
                ImportResult back = CapiImporter.importYaml(r.joined(), name + ".yaml");
                Compilation again = Compiler.compileSource("back.pool", back.poolSource());
                assertThat(again.hasErrors())
                    .as("%s\n%s", again.diagnostics(), back.poolSource())
                    .isFalse();
                // Every pool comes back but those left out (W0504), such as a local canary.
                List<String> emitted =
                    ir.pools().stream()
                        .map(IrPool::name)
                        .filter(n -> r.files().stream().anyMatch(f -> f.name().equals(n + ".yaml")))
                        .toList();
                assertThat(emitted)
                    .hasSize(
                        ir.pools().size()
                            - (int)
                                r.diagnostics().stream()
                                    .filter(d -> d.code() == Code.W0504)
                                    .count());
                assertThat(again.ir().orElseThrow().pools().stream().map(IrPool::name))
                    .containsExactlyInAnyOrderElementsOf(emitted);
              }));
    }
    assertThat(tests).as("examples that target AWS or Azure").hasSizeGreaterThanOrEqualTo(6);
    return tests.stream();
  }
}
