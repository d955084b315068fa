package dev.poolform.provider.aws.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.compiler.Compilation;
import dev.poolform.compiler.CompileOptions;
import dev.poolform.compiler.Compiler;
import dev.poolform.ir.IrConfig;
import dev.poolform.runtime.ApplyResult;
import dev.poolform.runtime.PlanResult;
import dev.poolform.runtime.Workspace;
import dev.poolform.runtime.WorkspaceOptions;
import dev.poolform.runtime.engine.ApplyOptions;
import dev.poolform.runtime.event.ApplyListener;
import dev.poolform.runtime.plan.Plan;
import dev.poolform.testing.fixtures.StateKeys;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One example copied into a temporary directory (so tests may edit it) and driven through the
 * runtime facade, with {@code AWS_ENDPOINT_URL} pointing at moto.
 */
final class ExampleWorkspace {
  final Path dir;
  final Path file;
  final Map<String, String> env;

  ExampleWorkspace(Path tmp, Path example, URI endpoint, String region, UnaryOperator<String> edit)
      throws IOException {
    this.dir =
        Files.createDirectories(tmp.resolve(example.getFileName().toString().replace(".pool", "")));
    this.file = dir.resolve(example.getFileName());
    Files.writeString(file, edit.apply(Files.readString(example)));
    this.env = Map.of("AWS_REGION", region, "AWS_ENDPOINT_URL", endpoint.toString());
  }

  static Path example(String relative) {
    Path root = Path.of(System.getProperty("poolform.repo.root", "../.."));
    return root.resolve("examples").resolve(relative);
  }

  void edit(UnaryOperator<String> change) throws IOException {
    String before = Files.readString(file);
    String after = change.apply(before);
    assertThat(after).as("the edit changed the file").isNotEqualTo(before);
    Files.writeString(file, after);
  }

  IrConfig compile() {
    Compilation c = Compiler.compile(new CompileOptions(file, Optional.of(dir), env));
    assertThat(c.hasErrors()).as("diagnostics: %s", c.diagnostics()).isFalse();
    return c.ir().orElseThrow();
  }

  /** The diagnostics of compiling the file, one message each. */
  java.util.List<String> compileDiagnostics() {
    Compilation c = Compiler.compile(new CompileOptions(file, Optional.of(dir), env));
    return c.diagnostics().stream().map(d -> d.code() + " " + d.message()).toList();
  }

  Workspace workspace() {
    WorkspaceOptions o = WorkspaceOptions.of(dir);
    return Workspace.open(
        new WorkspaceOptions(
            o.directory(),
            o.statePath(),
            StateKeys.with(env),
            o.clock(),
            o.sleeper(),
            o.providers()));
  }

  Plan plan() throws Exception {
    PlanResult r = workspace().plan(compile());
    assertThat(r.ok()).as("plan problems: %s", r.problems()).isTrue();
    return r.plan().orElseThrow();
  }

  static final ApplyOptions FAST = ApplyOptions.defaults().withPollInterval(Duration.ofMillis(100));

  ApplyResult apply() throws Exception {
    ApplyResult r = workspace().apply(compile(), FAST, ApplyListener.NONE);
    assertThat(r.ok()).as("apply: %s %s", r.pools(), r.problems()).isTrue();
    return r;
  }

  ApplyResult destroy() throws Exception {
    ApplyResult r = workspace().destroy(compile(), FAST, ApplyListener.NONE);
    assertThat(r.ok()).as("destroy: %s %s", r.pools(), r.problems()).isTrue();
    return r;
  }
}
