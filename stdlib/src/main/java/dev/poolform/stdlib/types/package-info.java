/**
 * The static type model of the {@code .pool} language (docs/language.md#types): primitive types,
 * {@code list<T>}, {@code map<T>}, {@code cloud<K>}, block types and unions, with the one implicit
 * conversion the language has ({@code int} widens to {@code number}). The checker and the function
 * signatures use it; values carry no type beyond their class.
 */
package dev.poolform.stdlib.types;
