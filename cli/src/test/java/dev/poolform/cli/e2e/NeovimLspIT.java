package dev.poolform.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real editor's LSP client against {@code pool lsp}: headless Neovim (its built-in client,
 * Debian's {@code neovim} package) starts the server as a child process through the CLI, opens an
 * example, a broken copy of it and a copy of the environments example (variables), and reports what
 * it received. About 5 s (two JVM starts). Skips with a message where Neovim is not installed;
 * {@code .ci/run} installs it.
 */
class NeovimLspIT {
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void neovim() {
    boolean found;
    try {
      Process p = new ProcessBuilder("nvim", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      found = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      found = false;
    }
    Assumptions.assumeTrue(
        found,
        "Neovim (`nvim`) is not installed: skipping the real-editor LSP test;"
            + " install it with `apt-get install -y neovim` (.ci/run does).");
  }

  record Request(Path file, int line, int character, String method) {
    String lua() {
      return "{file="
          + str(file.toString())
          + ",line="
          + line
          + ",character="
          + character
          + ",method="
          + str(method)
          + "}";
    }
  }

  static String str(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  static JsonNode drive(Path dir, List<Path> files, List<Request> requests) throws Exception {
    Path out = dir.resolve("results.json");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> server =
        List.of(
            java,
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-cp",
            System.getProperty("java.class.path"),
            "dev.poolform.cli.Main",
            "lsp");
    StringBuilder setup = new StringBuilder("lua poolform_cmd={");
    for (String s : server) setup.append(str(s)).append(',');
    setup.append("}; poolform_files={");
    for (Path f : files) setup.append(str(f.toString())).append(',');
    setup.append("}; poolform_requests={");
    for (Request r : requests) setup.append(r.lua()).append(',');
    setup.append("}; poolform_out=").append(str(out.toString()));
    Path script = dir.resolve("client.lua");
    try (var in = NeovimLspIT.class.getResourceAsStream("/lsp/neovim-client.lua")) {
      Files.write(script, in.readAllBytes());
    }
    List<String> cmd = new ArrayList<>(List.of("nvim", "--headless", "--clean", "-n"));
    cmd.addAll(List.of("--cmd", setup.toString(), "-c", "luafile " + script));
    runNeovim(dir, cmd);
    assertThat(out)
        .as("results of Neovim (log: %s)", Files.readString(dir.resolve("nvim.log")))
        .exists();
    JsonNode results = JSON.readTree(Files.readString(out, StandardCharsets.UTF_8));
    assertThat(results.path("failure").asText("")).isEmpty();
    return results;
  }

  /**
   * The Neovim 0.7 setup docs/editors.md gives, pasted as the user's init.lua: a {@code .pool} file
   * opened in the editor gets the filetype, the server starts and its diagnostics arrive. (The
   * client script above attaches buffers itself, so it cannot see a setup that never attaches.)
   */
  @Test
  void theDocumentedNeovim07SetupAttachesTheServer(@TempDir Path dir) throws Exception {
    Path root = Path.of(System.getProperty("poolform.repo.root"));
    String docs = Files.readString(root.resolve("docs/editors.md"));
    int from = docs.indexOf("```lua", docs.indexOf("Neovim 0.7 (Debian 12's)"));
    assertThat(from).as("the Neovim 0.7 setup in docs/editors.md").isPositive();
    String setup = docs.substring(from + "```lua".length(), docs.indexOf("```", from + 6));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String server =
        "{ "
            + String.join(
                ", ",
                str(java),
                str("-XX:TieredStopAtLevel=1"),
                str("-cp"),
                str(System.getProperty("java.class.path")),
                str("dev.poolform.cli.Main"),
                str("lsp"))
            + " }";
    assertThat(setup).contains("{ 'pool', 'lsp' }");
    Files.writeString(dir.resolve("init.lua"), setup.replace("{ 'pool', 'lsp' }", server));
    Files.writeString(
        dir.resolve("broken.pool"),
        Files.readString(root.resolve("examples/quickstart.pool"))
            .replace("max_unavailable", "max_unavailabel"));
    Files.writeString(
        dir.resolve("drive.lua"),
        """
        vim.cmd('edit broken.pool')
        local got = vim.wait(60000, function() return #vim.diagnostic.get(0) > 0 end, 50)
        local codes = {}
        for _, d in ipairs(vim.diagnostic.get(0)) do table.insert(codes, tostring(d.code)) end
        vim.fn.writefile({ vim.bo.filetype, tostring(got), table.concat(codes, ',') }, 'out.txt')
        vim.cmd('qa!')
        """);
    runNeovim(
        dir, List.of("nvim", "--headless", "-n", "-u", "init.lua", "-c", "luafile drive.lua"));
    assertThat(Files.readAllLines(dir.resolve("out.txt")))
        .as(
            "filetype, diagnostics arrived, codes (log: %s)",
            Files.readString(dir.resolve("nvim.log")))
        .containsExactly("pool", "true", "E0302");
  }

  @Test
  void neovimReceivesDiagnosticsHoverAndCompletion(@TempDir Path dir) throws Exception {
    Path root = Path.of(System.getProperty("poolform.repo.root"));
    Path example = root.resolve("examples/quickstart.pool").toAbsolutePath().normalize();
    String text = Files.readString(example);
    Path broken = dir.resolve("broken.pool");
    Files.writeString(broken, text.replace("max_unavailable", "max_unavailabel"));
    // A copy being edited: its rollout block has only `max_surge` so far.
    Path typing = dir.resolve("typing.pool");
    String rollout = lines(text).get(lineOf(text, "rollout")).trim();
    Files.writeString(typing, text.replace(rollout, "rollout  { max_surge = 1 }"));
    int rolloutLine = lineOf(text, "rollout");
    int surgeColumn = lines(text).get(rolloutLine).indexOf("max_surge") + 2;
    int afterBrace = lines(text).get(rolloutLine).indexOf('{') + 2;

    // The environments example, with the value its required variable needs in the file loaded
    // beside it (main.poolvars), as an editor finds it.
    Path envs = Files.createDirectories(dir.resolve("environments"));
    String main = Files.readString(root.resolve("examples/environments/main.pool"));
    Path mainFile = Files.writeString(envs.resolve("main.pool"), main);
    Files.writeString(envs.resolve("main.poolvars"), "env = \"staging\"\n");
    int capacityLine = lineOf(main, "capacity");
    int replicasColumn = lines(main).get(capacityLine).indexOf("var.replicas") + 6;

    JsonNode r =
        drive(
            dir,
            List.of(example, broken, typing, mainFile),
            List.of(
                new Request(example, rolloutLine, surgeColumn, "textDocument/hover"),
                new Request(typing, rolloutLine, afterBrace, "textDocument/completion"),
                new Request(mainFile, capacityLine, replicasColumn, "textDocument/hover"),
                new Request(mainFile, capacityLine, replicasColumn, "textDocument/definition")));

    assertThat(r.path("diagnostics").path(example.toString())).isEmpty();
    JsonNode bad = r.path("diagnostics").path(broken.toString());
    assertThat(bad).hasSize(1);
    assertThat(bad.get(0).path("code").asText()).isEqualTo("E0302");
    assertThat(bad.get(0).path("message").asText())
        .contains("`max_unavailabel`", "Did you mean `max_unavailable`?");
    assertThat(bad.get(0).path("range").path("start").path("line").asInt()).isEqualTo(rolloutLine);
    assertThat(r.path("shown").path(broken.toString()).asInt()).isEqualTo(1);

    String hover = r.path("responses").path("1").path("contents").path("value").asText();
    assertThat(hover).contains("`rollout.max_surge`", "MaxHealthyPercentage");

    List<String> labels = new ArrayList<>();
    r.path("responses").path("2").path("items").forEach(i -> labels.add(i.path("label").asText()));
    // Right after `rollout  { `: the rollout attributes not set there yet.
    assertThat(labels)
        .contains("max_unavailable", "min_ready", "delete_order", "engine")
        .doesNotContain("max_surge", "capacity");
    assertThat(r.path("diagnostics").path(typing.toString())).isEmpty();

    // Variables: no diagnostics once main.poolvars gives `env` its value; hover and definition.
    assertThat(r.path("diagnostics").path(mainFile.toString())).isEmpty();
    assertThat(r.path("responses").path("3").path("contents").path("value").asText())
        .contains("variable \"replicas\": int", "Web machines", "Value: `1`, from its default");
    JsonNode definition = r.path("responses").path("4");
    if (definition.isArray()) definition = definition.get(0);
    assertThat(definition.path("range").path("start").path("line").asInt())
        .isEqualTo(lineOf(main, "variable \"replicas\""));
  }

  static List<String> lines(String text) {
    return List.of(text.split("\n", -1));
  }

  static int lineOf(String text, String start) {
    List<String> ls = lines(text);
    for (int i = 0; i < ls.size(); i++) if (ls.get(i).trim().startsWith(start)) return i;
    throw new AssertionError(start);
  }

  /** Runs Neovim in {@code dir} with its output in nvim.log; fails, with the log, after 120 s. */
  private static void runNeovim(Path dir, List<String> cmd) throws Exception {
    Process p =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("nvim.log").toFile())
            .start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(
          "Neovim did not finish: " + Files.readString(dir.resolve("nvim.log")));
    }
  }
}
