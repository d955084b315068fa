package dev.poolform.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.compiler.diag.Code;
import java.util.List;
import org.junit.jupiter.api.Test;

class CaseNamesTest {
  @Test
  void aCaseIsNamedAfterTheCodeItShowsOrAfterWhatItShows() {
    assertThat(CaseNames.problem("e0402_capacity", List.of(Code.E0402))).isEmpty();
    assertThat(CaseNames.problem("e0201_after", List.of(Code.E0201, Code.E0205))).isEmpty();
    assertThat(CaseNames.problem("defaults", List.of())).isEmpty();
    assertThat(CaseNames.problem("E0402_explain", List.of(Code.E0402)))
        .hasValueSatisfying(p -> assertThat(p).contains("lower_snake_case"));
    assertThat(CaseNames.problem("e0402_capacity", List.of(Code.E0403)))
        .hasValueSatisfying(p -> assertThat(p).contains("named after E0402"));
    assertThat(CaseNames.problem("dead_code", List.of(Code.E0301)))
        .hasValueSatisfying(p -> assertThat(p).contains("e0301_dead_code"));
    assertThat(CaseNames.problem("e9999_nothing", List.of()))
        .hasValueSatisfying(p -> assertThat(p).contains("does not exist"));
  }
}
