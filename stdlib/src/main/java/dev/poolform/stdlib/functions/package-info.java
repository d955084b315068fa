/**
 * The built-in functions (docs/language.md#functions): typed signatures and implementations.
 * Functions never throw for bad input and know nothing of source spans: they return a {@link
 * dev.poolform.stdlib.functions.CallResult}, which the compiler turns into a located diagnostic.
 * The only reads from outside ({@code env()}, {@code file()}) go through {@link
 * dev.poolform.stdlib.functions.FunctionContext}.
 */
package dev.poolform.stdlib.functions;
