package dev.poolform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.compiler.diag.Code;
import org.junit.jupiter.api.Test;

class ExplainCommandTest {
  @Test
  void explainsACodeInAnyCase() {
    CliRun r = CliRun.run("explain", "e0402");
    assertThat(r.status()).isZero();
    assertThat(r.out()).contains("E0402").contains("```pool");
  }

  @Test
  void listsEveryCodeWithoutArgument() {
    CliRun r = CliRun.run("explain");
    assertThat(r.status()).isZero();
    for (Code c : Code.values())
      assertThat(r.out()).contains(c.name() + "  " + c.severity().label());
  }

  @Test
  void unknownCodeIsAUsageError() {
    CliRun r = CliRun.run("explain", "E9999");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo("error: Unknown code `E9999`; `pool explain` lists every code.\n");
  }
}
