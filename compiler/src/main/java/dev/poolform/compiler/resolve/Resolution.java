package dev.poolform.compiler.resolve;

import dev.poolform.compiler.ast.Decl;
import dev.poolform.compiler.ast.SourceUnit;
import java.util.List;
import java.util.Map;

/**
 * What resolution found: the one top-level namespace of a configuration (entry files and imports
 * together). Lets and clouds share the value namespace; templates have their own. The first
 * declaration of a duplicated name wins (the duplicate was reported).
 *
 * @param values top-level lets and clouds by name
 * @param templates templates by name
 * @param clouds the cloud declarations in source order (entries, then imports)
 * @param entries the entry files, whose pools (and for/if) are unrolled
 * @param variables the variable declarations by name, in source order (a namespace of their own:
 *     {@code var.NAME})
 * @param symbols every declaration and what each name resolved to, for editors
 */
public record Resolution(
    Map<String, Decl> values,
    Map<String, Decl.Template> templates,
    List<Decl.Cloud> clouds,
    List<SourceUnit> entries,
    Map<String, Decl.Variable> variables,
    Symbols symbols) {
  public Resolution {
    values = Map.copyOf(values);
    templates = Map.copyOf(templates);
    clouds = List.copyOf(clouds);
    entries = List.copyOf(entries);
    variables = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(variables));
  }
}
