package dev.poolform.compiler.diag;

/**
 * Every diagnostic code (docs/diagnostics.md). Codes are stable: users search for them and scripts
 * match them, so a number is never reused. Longer explanations live in {@code explain/<CODE>.md}
 * resources of this module ({@code pool explain CODE}).
 */
public enum Code {
  /** A bug in the compiler, reported instead of a stack trace (never a problem of the input). */
  E0100(Severity.ERROR, "internal compiler error"),
  E0101(Severity.ERROR, "syntax error"),
  E0102(Severity.ERROR, "unterminated string, heredoc or block comment"),
  E0103(Severity.ERROR, "invalid escape sequence"),
  E0104(Severity.ERROR, "malformed number, duration, percentage or size literal"),
  E0105(Severity.ERROR, "invalid character"),
  E0106(Severity.ERROR, "nesting too deep or too many errors"),
  E0201(Severity.ERROR, "unknown name"),
  E0202(Severity.ERROR, "duplicate declaration"),
  E0203(Severity.ERROR, "`on` does not name a cloud"),
  E0204(Severity.ERROR, "`from` does not name a template"),
  E0205(Severity.ERROR, "cycle"),
  E0206(Severity.ERROR, "import not found, not a `.pool` file, or outside the project root"),
  E0207(Severity.ERROR, "unknown function"),
  E0208(Severity.ERROR, "a `pool` declared in an imported file"),
  E0209(Severity.ERROR, "a `variable` declared in an imported file"),
  E0210(Severity.ERROR, "value given for an undeclared variable"),
  E0211(Severity.ERROR, "invalid variable name"),
  E0212(Severity.ERROR, "`moved` from an address that is still declared"),
  E0213(Severity.ERROR, "`moved` to an address no pool has"),
  E0214(Severity.ERROR, "`moved` blocks that repeat, collide or loop, or one out of place"),
  E0215(Severity.ERROR, "a `state` block anywhere but the top level of an entry file"),
  E0301(Severity.ERROR, "type mismatch"),
  E0302(Severity.ERROR, "unknown attribute or block"),
  E0303(Severity.ERROR, "missing required attribute or block"),
  E0304(Severity.ERROR, "attribute or block given twice in one body"),
  E0305(Severity.ERROR, "wrong number or types of function arguments"),
  E0306(Severity.ERROR, "`external` used anywhere but `capacity.desired`"),
  E0307(Severity.ERROR, "operator not defined for these operand types"),
  E0308(Severity.ERROR, "arithmetic error"),
  E0309(Severity.ERROR, "index out of range or missing map key"),
  E0310(Severity.ERROR, "a secret where a plain value is needed"),
  E0311(Severity.ERROR, "an operation that would reveal a secret"),
  E0312(Severity.ERROR, "invalid variable type"),
  E0313(Severity.ERROR, "variable value is not a literal"),
  E0314(Severity.ERROR, "evaluation limit exceeded"),
  E0401(Severity.ERROR, "value out of its allowed range or set"),
  E0402(Severity.ERROR, "capacity inconsistent"),
  E0403(Severity.ERROR, "rollout can make no progress"),
  E0404(Severity.ERROR, "pool name invalid for its cloud"),
  E0405(Severity.ERROR, "image reference malformed for its cloud"),
  E0406(Severity.ERROR, "zone invalid for its cloud"),
  E0407(Severity.ERROR, "rollout setting the cloud cannot honour"),
  E0408(Severity.ERROR, "environment variable not set and no default given"),
  E0409(Severity.ERROR, "file could not be read"),
  E0410(Severity.ERROR, "`capi` block missing or incomplete for Cluster API output"),
  E0411(Severity.ERROR, "variable has no value"),
  E0412(Severity.ERROR, "variable value rejected by its validation"),
  E0601(Severity.ERROR, "the cloud rejected a value"),
  E0602(Severity.ERROR, "a cloud operation failed"),
  W0501(Severity.WARNING, "unused `let` or template"),
  W0502(Severity.WARNING, "rollout setting approximated on this cloud"),
  W0503(Severity.WARNING, "setting Cluster API cannot express"),
  W0504(Severity.WARNING, "pool left out of Cluster API output");

  private final Severity severity;
  private final String title;

  Code(Severity severity, String title) {
    this.severity = severity;
    this.title = title;
  }

  public Severity severity() {
    return severity;
  }

  /** A short title, as {@code pool explain} lists it. */
  public String title() {
    return title;
  }
}
