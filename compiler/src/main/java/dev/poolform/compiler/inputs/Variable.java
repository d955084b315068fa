package dev.poolform.compiler.inputs;

import dev.poolform.compiler.ast.Decl;
import dev.poolform.compiler.ast.Expr;
import dev.poolform.source.Span;
import dev.poolform.stdlib.types.Type;
import dev.poolform.stdlib.value.Value;
import java.util.List;
import java.util.Optional;

/**
 * A checked {@code variable} declaration.
 *
 * @param decl the declaration
 * @param type the declared type, the default's type when none is declared, else {@code string};
 *     {@code any} when the declaration is wrong (reported), so nothing further is said about it
 * @param sensitive whether values are secrets
 * @param description the {@code description}, if given
 * @param defaultExpr the {@code default} as written, if given
 * @param defaultValue its value, when it is a literal value (else the error was reported)
 * @param validations the validation blocks in order
 */
public record Variable(
    Decl.Variable decl,
    Type type,
    boolean sensitive,
    Optional<String> description,
    Optional<Expr> defaultExpr,
    Optional<Value> defaultValue,
    List<Validation> validations) {
  public Variable {
    validations = List.copyOf(validations);
  }

  public String name() {
    return decl.name().name();
  }

  /**
   * One {@code validation { condition = ... message = ... }} block.
   *
   * @param span the block, where a failed check points its note
   */
  public record Validation(Expr condition, Expr message, Span span) {}
}
