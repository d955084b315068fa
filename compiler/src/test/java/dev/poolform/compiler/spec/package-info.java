/**
 * The language's spec tests as {@code .pool} snippets ({@code src/test/resources/spec/}) that carry
 * their expected diagnostics in {@code # expect:} comments, and the runner that checks them.
 */
package dev.poolform.compiler.spec;
