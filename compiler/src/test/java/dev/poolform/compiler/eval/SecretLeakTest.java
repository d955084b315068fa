package dev.poolform.compiler.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.compiler.Compilation;
import dev.poolform.compiler.Compiler;
import dev.poolform.compiler.diag.Code;
import dev.poolform.compiler.diag.Diagnostic;
import dev.poolform.compiler.diag.render.JsonRenderer;
import dev.poolform.compiler.diag.render.TextRenderer;
import dev.poolform.ir.json.IrCodec;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way a configuration can misuse a secret ends in a diagnostic that names the place, never
 * the secret. The secret comes from the environment and the source never spells it, so whatever
 * shows "hunter2" learned it from the value.
 */
class SecretLeakTest {
  static final String SECRET = "hunter2";
  static final Map<String, String> ENV = Map.of("TOKEN", SECRET, "NAME", "web");

  static final String PRELUDE =
      "cloud local dev {}\ncloud aws prod { region = \"eu-west-1\" }\n"
          + "let token = secret(env(\"TOKEN\"))\nlet tokens = { a = token }\n";

  /** An expression using the secret and the code it must be refused with. */
  static Stream<Arguments> misuses() {
    return Stream.of(
        Arguments.of("lookup({}, token)", Code.E0311),
        Arguments.of("lookup({ guess = \"x\" }, token)", Code.E0311),
        Arguments.of("{ guess = \"x\" }[token]", Code.E0311),
        Arguments.of("file(token)", Code.E0311),
        Arguments.of("file(\"${token}.txt\")", Code.E0311),
        Arguments.of("env(token)", Code.E0311),
        Arguments.of("env(upper(token))", Code.E0311),
        Arguments.of("format(token)", Code.E0311),
        Arguments.of("token == \"guess\" ? \"a\" : \"b\"", Code.E0311),
        Arguments.of("token > \"h\" ? \"a\" : \"b\"", Code.E0311),
        Arguments.of("\"${length(token)}\"", Code.E0311),
        Arguments.of("\"${contains(token, \"h\")}\"", Code.E0311),
        Arguments.of("\"${contains(values(tokens), \"guess\")}\"", Code.E0311),
        Arguments.of("join(\",\", split(\"n\", token))", Code.E0311),
        Arguments.of("token", Code.E0310),
        Arguments.of("\"img-${token}\"", Code.E0310),
        Arguments.of("format(\"%s\", token)", Code.E0310),
        Arguments.of("sha256(token)", Code.E0310),
        Arguments.of("base64(token)", Code.E0310),
        Arguments.of("replace(\"x\", \"x\", token)", Code.E0310),
        Arguments.of("lookup(tokens, \"a\")", Code.E0310),
        Arguments.of("format(\"%d\", token)", Code.E0305),
        Arguments.of("token - 1", Code.E0307),
        Arguments.of("token.field", Code.E0301));
  }

  @ParameterizedTest
  @MethodSource("misuses")
  void aMisusedSecretIsRefusedWithoutBeingShown(String expression, Code code) {
    Compilation c =
        Compiler.compileSource(
            "main.pool",
            PRELUDE
                + "pool \"web\" on dev {\n"
                + "  capacity { min = 1  max = 3 }\n"
                + "  machine  { size = \"small\"  image = "
                + expression
                + " }\n}\n",
            ENV);
    assertThat(c.diagnostics()).extracting(Diagnostic::code).contains(code);
    assertThat(TextRenderer.plain().render(c.diagnostics())).doesNotContain(SECRET);
    assertThat(JsonRenderer.render(c.diagnostics())).doesNotContain(SECRET);
  }

  /** Where a secret belongs, nothing the compiler writes shows it. */
  @ParameterizedTest
  @MethodSource("uses")
  void aSecretInUserDataNeverShows(String expression) {
    Compilation c =
        Compiler.compileSource(
            "main.pool",
            PRELUDE
                + "pool \"web\" on prod {\n"
                + "  capacity { min = 1  max = 3 }\n"
                + "  machine  { size = \"m6i.large\"  image = \"ami-12345678\"  zones = [\"eu-west-1a\"]\n"
                + "             user_data = "
                + expression
                + " }\n}\n",
            ENV);
    assertThat(c.hasErrors()).as(c.diagnostics().toString()).isFalse();
    String ir = IrCodec.write(c.ir().orElseThrow());
    assertThat(ir).doesNotContain(SECRET).contains("\"user_data\": \"(sensitive)\"");
  }

  static List<String> uses() {
    return List.of(
        "token",
        "\"#!/bin/sh\\necho ${token}\\n\"",
        "format(\"token=%s %v\", token, [token])",
        "upper(token)",
        "base64(token)",
        "sha256(token)",
        "join(\"\\n\", [token, \"x\"])",
        "lookup(tokens, \"a\")",
        "env(\"NOPE\", token)");
  }
}
