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
import dev.poolform.compiler.diag.render.TextRenderer;
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
            // aws/, azure/ hold separate examples; a directory of related files is one
            // configuration.
            if (kids.anyMatch(k -> Files.isDirectory(k))) out.add(p);
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

  @TestFactory
  Stream<DynamicTest> examplesEmitTheirGoldenYaml() throws IOException {
    Path golden = CrdValidator.repoRoot().resolve("capi/src/test/resources/golden");
    List<DynamicTest> tests = new ArrayList<>();
    for (Path config : configurations()) {
      Compilation c =
          Compiler.compile(
              new CompileOptions(config, Optional.of(CrdValidator.repoRoot()), Map.of()));
      assertThat(c.hasErrors()).as("%s: %s", config, c.diagnostics()).isFalse();
      IrConfig ir = c.ir().orElseThrow();
      if (ir.pools().stream().noneMatch(p -> !p.cloud().kind().equals("local"))) continue;
      tests.add(
          DynamicTest.dynamicTest(
              name(config),
              () -> {
                CapiResult r = CapiEmitter.emit(ir);
                String rendered = TextRenderer.plain().render(r.diagnostics());
                if (r.hasErrors()) {
                  GoldenFile.check(golden.resolve(name(config) + ".err"), rendered);
                  return;
                }
                GoldenFile.check(golden.resolve(name(config) + ".yaml"), r.joined());
                // What was dropped or approximated is part of the expected behaviour too.
                Path warnings = golden.resolve(name(config) + ".warn");
                if (!r.diagnostics().isEmpty() || Files.exists(warnings))
                  GoldenFile.check(warnings, rendered);
                for (JsonNode doc : CrdValidator.documents(r.joined())) {
                  assertThat(CrdValidator.get().validate(doc))
                      .as("%s %s", doc.path("kind"), doc.at("/metadata/name"))
                      .isEmpty();
                }
                ImportResult back = CapiImporter.importYaml(r.joined(), name(config) + ".yaml");
                Compilation again = Compiler.compileSource("back.pool", back.poolSource());
                assertThat(again.hasErrors())
                    .as("%s\n%s", again.diagnostics(), back.poolSource())
                    .isFalse();
                assertThat(again.ir().orElseThrow().pools().stream().map(IrPool::name))
                    .containsExactlyInAnyOrderElementsOf(
                        ir.pools().stream().map(IrPool::name).toList());
              }));
    }
    assertThat(tests).as("examples that target AWS or Azure").hasSizeGreaterThanOrEqualTo(6);
    return tests.stream();
  }
}
