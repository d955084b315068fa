/**
 * Input variables (docs/language.md#variables): the {@code variable} declarations, checked; the
 * values given for them on the command line ({@code --var}, {@code --var-file}), in {@code
 * .poolvars} files loaded automatically and in {@code POOL_VAR_<name>} environment variables, taken
 * in Terraform's order of precedence; each value checked against its declared type and marked
 * sensitive where the declaration says so. Runs after resolution and before the type check, which
 * needs the variables' types, and evaluation, which reads their values and checks their {@code
 * validation} blocks.
 */
package dev.poolform.compiler.inputs;
