/**
 * The typing rules of expressions (docs/language.md#operators, #types): which operators apply to
 * which operand types and what they produce. Because every expression is evaluated at compile time,
 * the rules are applied to values as evaluation meets them ({@link
 * dev.poolform.compiler.types.Operators}), so a type error is reported once, at the operator or
 * operand that causes it.
 */
package dev.poolform.compiler.types;
