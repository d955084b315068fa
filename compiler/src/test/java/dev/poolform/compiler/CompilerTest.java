package dev.poolform.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.compiler.diag.Code;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The facade: files and directories, bad bytes, and never a thrown exception. */
class CompilerTest {
  static Compilation compile(Path p) {
    return Compiler.compile(new CompileOptions(p, Optional.empty(), Map.of()));
  }

  @Test
  void invalidUtf8IsE0105AtItsFirstByte(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("bad.pool");
    byte[] bytes =
        "cloud local dev {}\nlet x = \"a\u00e9b\"\n"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    bytes[bytes.length - 5] = (byte) 0xff;
    Files.write(f, bytes);
    Compilation c = compile(f);
    assertThat(c.sources().get(0).text()).contains("\ufffd");
    assertThat(c.diagnostics()).extracting(d -> d.code()).containsExactly(Code.E0105);
    var e = c.diagnostics().stream().filter(d -> d.code() == Code.E0105).findFirst().orElseThrow();
    assertThat(e.span().line()).isEqualTo(2);
    assertThat(e.span().column()).isEqualTo(11);
  }

  @Test
  void missingEntryAndEmptyDirectoryAreDiagnostics(@TempDir Path dir) {
    assertThat(compile(dir.resolve("nope.pool")).diagnostics())
        .extracting(d -> d.code())
        .containsExactly(Code.E0409);
    assertThat(compile(dir).diagnostics()).extracting(d -> d.code()).containsExactly(Code.E0409);
  }

  @Test
  void fileReadsRelativeToTheCallingFile(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("cfg"));
    Files.writeString(dir.resolve("cfg/init.sh"), "#!/bin/sh\n");
    Files.writeString(
        dir.resolve("cfg/main.pool"),
        "cloud local dev {}\npool \"web\" on dev {"
            + " capacity { min = 1 max = 2 } machine { size = \"s\" image = file(\"init.sh\") } }\n");
    Compilation c = compile(dir.resolve("cfg/main.pool"));
    assertThat(c.diagnostics()).isEmpty();
    assertThat(c.ir().orElseThrow().pools().get(0).machine().string("image"))
        .contains("#!/bin/sh\n");
  }

  @Test
  void neverThrowsOnRandomInput() {
    Random r = new Random(42);
    String alphabet =
        "pool cloud let for in if else template from on import \"${}[](){}=,.+-*/%<>!&|?:#\n 0123 1h 5% 2GiB"
            + " external true null env file abc";
    for (int i = 0; i < 300; i++) {
      StringBuilder sb = new StringBuilder();
      int n = r.nextInt(200);
      for (int k = 0; k < n; k++) sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
      Compilation c = Compiler.compileSource("fuzz.pool", sb.toString());
      assertThat(c.diagnostics().stream().noneMatch(d -> d.code() == Code.E0100))
          .as("internal error for input:\n%s\n%s", sb, c.diagnostics())
          .isTrue();
    }
  }

  @Test
  void deepNestingIsADiagnosticNotACrash() {
    String deep = "let x = " + "[".repeat(20000) + "]".repeat(20000) + "\n";
    Compilation c = Compiler.compileSource("deep.pool", deep);
    assertThat(c.hasErrors()).isTrue();
  }

  @Test
  void longChainsOfLetsCompile() {
    StringBuilder sb = new StringBuilder("let x0 = 1\n");
    for (int i = 1; i < 5000; i++)
      sb.append("let x").append(i).append(" = x").append(i - 1).append(" + 1\n");
    sb.append(
        "cloud local dev {}\npool \"web\" on dev { capacity { min = 1 max = x4999 }"
            + " machine { size = \"s\" image = \"i\" } }\n");
    Compilation c = Compiler.compileSource("chain.pool", sb.toString());
    assertThat(c.diagnostics()).isEmpty();
    assertThat(c.ir().orElseThrow().pools().get(0).capacity().max()).isEqualTo(5000);
  }
}
