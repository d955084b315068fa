package dev.poolform.compiler.inputs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.compiler.Compilation;
import dev.poolform.compiler.CompileOptions;
import dev.poolform.compiler.Compiler;
import dev.poolform.compiler.diag.Code;
import dev.poolform.compiler.diag.Diagnostic;
import dev.poolform.compiler.diag.render.TextRenderer;
import dev.poolform.ir.IrConfig;
import dev.poolform.ir.IrPool;
import dev.poolform.ir.IrVariable;
import dev.poolform.ir.json.IrCodec;
import dev.poolform.stdlib.value.NumberValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Values from the command line and the environment, which golden cases (files only) cannot give:
 * precedence, how {@code --var} text is read for each type, where diagnostics point, and that a
 * sensitive value is shown nowhere.
 */
class InputsTest {
  @TempDir Path dir;

  static final String POOL =
      """
      cloud aws prod { region = "eu-west-1" }
      pool "web" on prod {
        capacity { min = 1  max = 4 }
        machine {
          size      = "m6i.large"
          image     = "ami-0abcdef1234567890"
          zones     = ["eu-west-1a"]
          user_data = var.token
        }
        labels = { a = var.a, b = var.b, c = var.c, d = var.d }
      }
      variable "token" {
        sensitive = true
        default   = "none given"
        validation {
          condition = length(var.token) >= 8
          message   = "At least 8 characters, not ${var.token}."
        }
      }
      """;

  Compilation compile(String pool, Map<String, String> env, VarSource... sources)
      throws IOException {
    Files.writeString(dir.resolve("main.pool"), pool);
    return Compiler.compile(new CompileOptions(dir, Optional.of(dir), env, List.of(sources)));
  }

  static String text(Compilation c) {
    return TextRenderer.plain().render(c.diagnostics());
  }

  static Map<String, String> labels(Compilation c) {
    assertThat(c.hasErrors()).as(text(c)).isFalse();
    IrPool p = c.ir().orElseThrow().pools().get(0);
    return p.labels();
  }

  static String source(Compilation c, String name) {
    return c.ir().orElseThrow().variables().stream()
        .filter(v -> v.name().equals(name))
        .map(IrVariable::source)
        .findFirst()
        .orElseThrow();
  }

  Path file(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  static final String ABCD =
      POOL
          + """
          variable "a" { default = "default" }
          variable "b" { default = "default" }
          variable "c" { default = "default" }
          variable "d" { default = "default" }
          """;

  @Test
  void laterSourcesWinInTerraformsOrder() throws IOException {
    file("pool.poolvars", "a = \"pool.poolvars\"\nb = \"pool.poolvars\"\n");
    Path first = file("vars/first.poolvars", "b = \"first\"\nc = \"first\"\nd = \"first\"\n");
    Path second = file("vars/second.poolvars", "d = \"second\"\n");
    Compilation c =
        compile(
            ABCD,
            Map.of("POOL_VAR_a", "env", "POOL_VAR_b", "env", "POOL_VAR_unknown", "ignored"),
            new VarSource.File(first),
            new VarSource.Flag("c", "flag"),
            new VarSource.Flag("d", "flag"),
            new VarSource.File(second));
    assertThat(labels(c))
        .containsEntry("a", "pool.poolvars") // an automatic file beats the environment
        .containsEntry("b", "first") // --var-file beats the automatic file
        .containsEntry("c", "flag") // a later --var beats an earlier --var-file
        .containsEntry("d", "second"); // and a later --var-file beats an earlier --var
    assertThat(source(c, "a")).isEqualTo("pool.poolvars:1");
    assertThat(source(c, "b")).isEqualTo("vars/first.poolvars:1");
    assertThat(source(c, "c")).isEqualTo("<command line>");
    assertThat(source(c, "d")).isEqualTo("vars/second.poolvars:1");
  }

  @Test
  void theEnvironmentBeatsTheDefault() throws IOException {
    Compilation c = compile(ABCD, Map.of("POOL_VAR_a", "from env"));
    assertThat(labels(c)).containsEntry("a", "from env").containsEntry("b", "default");
    assertThat(source(c, "a")).isEqualTo("<environment>");
  }

  static final String TYPED =
      """
      cloud local dev {}
      pool "web" on dev {
        capacity { min = var.n  max = 9 }
        machine  { size = var.s  image = "ubuntu"  zones = var.zones }
        rollout  { min_ready = var.ready }
        labels   = { ratio = "${var.ratio}", s = var.s }
      }
      variable "n" { type = int  default = 1 }
      variable "s" { type = string  default = "small" }
      variable "zones" { type = list<string>  default = null }
      variable "ready" { type = duration  default = 0s }
      variable "ratio" { type = number  default = 0.5 }
      """;

  @Test
  void aStringTakesTheTextOtherTypesReadIt() throws IOException {
    Compilation c =
        compile(
            TYPED,
            Map.of("POOL_VAR_ready", "1m30s"),
            new VarSource.Flag("n", "3"),
            new VarSource.Flag("s", "[not a list]"),
            new VarSource.Flag("zones", "[\"a\", \"b\"]"),
            new VarSource.Flag("ratio", "2"));
    assertThat(labels(c)).containsEntry("s", "[not a list]").containsEntry("ratio", "2");
    // an int given for a number variable is a number from then on
    assertThat(c.ir().orElseThrow().variables())
        .filteredOn(v -> v.name().equals("ratio"))
        .singleElement()
        .satisfies(v -> assertThat(v.value()).contains(new NumberValue(2)));
    IrPool p = c.ir().orElseThrow().pools().get(0);
    assertThat(p.capacity().min()).isEqualTo(3);
    assertThat(p.machine().strings("zones")).contains(List.of("a", "b"));
    assertThat(p.rollout().minReady()).hasSeconds(90);
  }

  @Test
  void aStringVariableTakesNullAsText() throws IOException {
    Compilation c = compile(TYPED, Map.of(), new VarSource.Flag("s", "null"));
    assertThat(labels(c)).containsEntry("s", "null");
  }

  @Test
  void aBadValueOnTheCommandLinePointsAtTheArgument() throws IOException {
    Compilation c =
        compile(
            TYPED,
            Map.of("POOL_VAR_ready", "5mins"),
            new VarSource.Flag("n", "three"),
            new VarSource.Flag("zones", "[\"a\", 1]"));
    String text = text(c);
    assertThat(text)
        .contains(
            "error[E0301]: Expected int for `var.n`, found `three`.\n"
                + " --> <command line>:1:9\n"
                + "  |\n"
                + "1 | --var n=three\n"
                + "  |         ^~~~~\n")
        .contains(
            "error[E0301]: Expected list<string> for `var.zones`, found list<any>: `[1]` is"
                + " int.\n --> <command line>:1:13\n")
        .contains("error[E0104]")
        .contains(" --> <environment>:1:16\n")
        .contains("1 | POOL_VAR_ready=5mins\n");
    assertThat(c.ir()).isEmpty();
  }

  @Test
  void anUndeclaredFlagIsAnErrorAndItsValueIsNotShown() throws IOException {
    Compilation c = compile(ABCD, Map.of(), new VarSource.Flag("tokn", "hunter2-secret"));
    assertThat(c.diagnostics()).extracting(Diagnostic::code).containsExactly(Code.E0210);
    assertThat(text(c))
        .contains("`--var` sets `tokn`")
        .contains("1 | --var tokn=(sensitive)\n")
        .contains("help: Did you mean `token`?")
        .doesNotContain("hunter2");
  }

  @Test
  void aSensitiveValueIsASecretAndAppearsNowhere() throws IOException {
    String secret = "correct-horse-battery";
    Compilation c = compile(ABCD, Map.of(), new VarSource.Flag("token", secret));
    assertThat(c.hasErrors()).as(text(c)).isFalse();
    IrConfig ir = c.ir().orElseThrow();
    String json = IrCodec.write(ir);
    assertThat(json).doesNotContain(secret).contains("\"sensitive\": true");
    assertThat(ir.variables())
        .filteredOn(v -> v.name().equals("token"))
        .singleElement()
        .satisfies(v -> assertThat(v.value()).isEmpty());
    // The compiler leaves secrets unsealed: the runtime attaches the keyed digest.
    assertThat(ir.pools().get(0).machine().get("user_data").orElseThrow().toString())
        .isEqualTo("(sensitive)");
  }

  @Test
  void aFailedValidationOfASensitiveValueShowsNeitherValueNorMessage() throws IOException {
    Compilation c = compile(ABCD, Map.of("POOL_VAR_token", "short"));
    assertThat(c.diagnostics()).extracting(Diagnostic::code).containsExactly(Code.E0412);
    assertThat(text(c))
        .contains("Invalid value for `var.token`: (the message is not shown")
        .contains("1 | POOL_VAR_token=(sensitive)\n")
        .doesNotContain("short");
  }

  @Test
  void diagnosticsDoNotTellHowLongASensitiveValueIs() throws IOException {
    // One star per character, or an underline as long as the value, would give its length away.
    String shortOne = text(compile(ABCD, Map.of(), new VarSource.Flag("token", "abc")));
    String longOne = text(compile(ABCD, Map.of(), new VarSource.Flag("token", "abcdefg")));
    assertThat(shortOne)
        .contains("1 | --var token=(sensitive)\n")
        .contains("  |             ^~~~~~~~~~~\n")
        .doesNotContain("abc");
    assertThat(longOne).isEqualTo(shortOne);
    String fromEnvironment = text(compile(ABCD, Map.of("POOL_VAR_token", "abcdefg")));
    assertThat(fromEnvironment).contains("1 | POOL_VAR_token=(sensitive)\n").doesNotContain("abc");
    assertThat(text(compile(ABCD, Map.of("POOL_VAR_token", "ab")))).isEqualTo(fromEnvironment);
  }

  @Test
  void aConditionThatFailsToEvaluateOnASensitiveValueQuotesNothing() throws IOException {
    // The index error would name the key, which is the secret.
    String pool =
        ABCD.replace("condition = length(var.token) >= 8", "condition = { ok = true }[var.token]");
    assertThat(pool).isNotEqualTo(ABCD);
    Compilation c = compile(pool, Map.of("POOL_VAR_token", "hunter2-secret"));
    assertThat(c.diagnostics()).extracting(Diagnostic::code).containsExactly(Code.E0412);
    assertThat(text(c))
        .contains("could not be evaluated (E0309)")
        .contains("not shown because the variable is sensitive")
        .doesNotContain("hunter2");
  }

  @Test
  void validationChecksTheValueThatWins() throws IOException {
    file("pool.poolvars", "token = \"short\"\n");
    Compilation c = compile(ABCD, Map.of(), new VarSource.Flag("token", "long enough now"));
    assertThat(c.hasErrors()).as(text(c)).isFalse();
  }

  @Test
  void aTypeErrorInAnOverriddenValueIsStillAnError() throws IOException {
    file("pool.poolvars", "n = \"3\"\n");
    Compilation c = compile(TYPED, Map.of(), new VarSource.Flag("n", "4"));
    assertThat(c.diagnostics()).extracting(Diagnostic::code).containsExactly(Code.E0301);
    assertThat(text(c)).contains(" --> pool.poolvars:1:5\n");
  }

  @Test
  void aMissingVarFileIsE0409() throws IOException {
    Compilation c = compile(ABCD, Map.of(), new VarSource.File(dir.resolve("nope.poolvars")));
    assertThat(c.diagnostics()).extracting(Diagnostic::code).containsExactly(Code.E0409);
  }

  @Test
  void aFileConfigurationLoadsTheVarsFileOfItsName() throws IOException {
    Files.writeString(dir.resolve("web.pool"), ABCD);
    file("web.poolvars", "a = \"web.poolvars\"\n");
    file("pool.poolvars", "b = \"not loaded for a file\"\n");
    file("x.auto.poolvars", "c = \"not loaded for a file\"\n");
    Compilation c =
        Compiler.compile(
            new CompileOptions(dir.resolve("web.pool"), Optional.of(dir), Map.of(), List.of()));
    assertThat(labels(c))
        .containsEntry("a", "web.poolvars")
        .containsEntry("b", "default")
        .containsEntry("c", "default");
  }

  @Test
  void sourcesAreKeptInTheOrderGiven() {
    List<VarSource> given = new ArrayList<>();
    given.add(new VarSource.Flag("a", "1"));
    given.add(new VarSource.File(Path.of("x.poolvars")));
    CompileOptions o = new CompileOptions(Path.of("."), Optional.empty(), Map.of(), given);
    assertThat(o.variables()).containsExactlyElementsOf(given);
    assertThat(VarSource.Flag.parse("a=b=c")).contains(new VarSource.Flag("a", "b=c"));
    assertThat(VarSource.Flag.parse("=b")).isEmpty();
    assertThat(VarSource.Flag.parse("ab")).isEmpty();
  }
}
