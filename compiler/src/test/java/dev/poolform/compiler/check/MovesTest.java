package dev.poolform.compiler.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.compiler.Compilation;
import dev.poolform.compiler.CompileOptions;
import dev.poolform.compiler.Compiler;
import dev.poolform.compiler.diag.Code;
import dev.poolform.ir.IrMove;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pool renamed twice keeps both of its {@code moved} blocks, as in Terraform: the chain is
 * followed to its end, so a state that holds either old address reaches the pool.
 */
class MovesTest {
  static final String POOL =
      "cloud local dev {}\n"
          + "pool \"c\" on dev {\n"
          + "  capacity { min = 1  max = 3 }\n"
          + "  machine  { size = \"small\"  image = \"ubuntu-24.04\" }\n"
          + "}\n";

  static Compilation compile(Path dir, String text) throws Exception {
    Path f = dir.resolve("main.pool");
    Files.writeString(f, text);
    return Compiler.compile(new CompileOptions(f, Optional.empty(), Map.of()));
  }

  static String moved(String from, String to) {
    return "moved {\n  from = pool." + from + "\n  to   = pool." + to + "\n}\n";
  }

  @Test
  void aChainMovesEveryOldAddressToWhereItEnds(@TempDir Path dir) throws Exception {
    Compilation c = compile(dir, POOL + moved("a", "b") + moved("b", "c"));
    assertThat(c.diagnostics()).isEmpty();
    assertThat(c.ir().orElseThrow().moves())
        .extracting(IrMove::from, IrMove::to)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("pool.a", "pool.c"),
            org.assertj.core.groups.Tuple.tuple("pool.b", "pool.c"));
  }

  @Test
  void aChainWritenInAnyOrderIsTheSame(@TempDir Path dir) throws Exception {
    Compilation c = compile(dir, POOL + moved("y", "c") + moved("x", "y") + moved("w", "x"));
    assertThat(c.diagnostics()).isEmpty();
    assertThat(c.ir().orElseThrow().moves()).extracting(IrMove::to).containsOnly("pool.c");
    assertThat(c.ir().orElseThrow().moves()).hasSize(3);
  }

  @Test
  void aChainThatEndsNowhereIsReportedOnceAtItsEnd(@TempDir Path dir) throws Exception {
    Compilation c = compile(dir, POOL + moved("a", "b") + moved("b", "d"));
    assertThat(c.diagnostics()).extracting(d -> d.code()).containsExactly(Code.E0213);
    assertThat(c.diagnostics().get(0).message()).contains("No pool pool.d is declared");
  }

  @Test
  void twoOldAddressesToOnePoolStayRefused(@TempDir Path dir) throws Exception {
    Compilation c = compile(dir, POOL + moved("a", "c") + moved("b", "c"));
    assertThat(c.diagnostics()).extracting(d -> d.code()).containsExactly(Code.E0214);
    assertThat(c.diagnostics().get(0).message()).contains("chain the blocks");
  }

  @Test
  void aLoopIsReportedOnce(@TempDir Path dir) throws Exception {
    Compilation c = compile(dir, POOL + moved("a", "b") + moved("b", "a"));
    assertThat(c.diagnostics()).extracting(d -> d.code()).containsExactly(Code.E0214);
    assertThat(c.diagnostics().get(0).message()).contains("loop (pool.a to pool.b to pool.a)");
  }
}
