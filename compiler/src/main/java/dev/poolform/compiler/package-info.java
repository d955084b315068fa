/**
 * The compiler's entry point: {@link dev.poolform.compiler.Compiler#compile} turns a {@code .pool}
 * file or directory into the IR plus diagnostics. The phases live in sub-packages, in pipeline
 * order: {@code source} → {@code syntax} (the only user of ANTLR) → {@code ast} → {@code resolve} →
 * {@code types} → {@code eval} → {@code check} → {@code ir}; {@code format} is {@code pool fmt} and
 * {@code diag} holds diagnostics and their renderers.
 */
package dev.poolform.compiler;
