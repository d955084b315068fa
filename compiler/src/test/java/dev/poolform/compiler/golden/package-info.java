/**
 * The golden-file harness (CONTRIBUTING.md#golden-files): {@code .pool} inputs under {@code
 * src/test/resources/golden} with the expected canonical IR ({@code .out}), rendered diagnostics
 * ({@code .err}) or formatted text ({@code .fmt}). {@code -Dgolden.update=true} rewrites the
 * expectations.
 */
package dev.poolform.compiler.golden;
