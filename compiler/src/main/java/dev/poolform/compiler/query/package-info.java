/**
 * Questions an editor asks about an analysed configuration ({@link
 * dev.poolform.compiler.Analysis}): which syntax nodes lie under the cursor, which schema governs
 * the body it is in, and what value evaluation gave a name or an attribute. Answers come from the
 * compiler's own phases and the stdlib schemas the checker uses, so the editor never disagrees with
 * {@code pool validate}.
 */
package dev.poolform.compiler.query;
