/**
 * The golden-file harness (CONTRIBUTING.md#golden-files): {@code .pool} inputs under {@code
 * src/test/resources/golden/<area>/} with the expected canonical IR ({@code .out}), rendered
 * diagnostics ({@code .err}) or formatted text ({@code .fmt}), and the expected diagnostics of
 * every {@code pool explain} example ({@code explain/<code>.err}). {@code -Dgolden.update=true}
 * rewrites the expectations; a missing one is written and the test fails until it is reviewed and
 * committed.
 */
package dev.poolform.compiler.golden;
