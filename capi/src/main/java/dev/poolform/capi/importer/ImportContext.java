package dev.poolform.capi.importer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The objects of one input and the warnings found reading them. */
final class ImportContext {
  final String displayName;
  final List<Entry> entries;
  final List<String> warnings = new ArrayList<>();

  ImportContext(String displayName, List<Entry> entries) {
    this.displayName = displayName;
    this.entries = entries;
  }

  void warn(Entry e, String message) {
    warnings.add(displayName + ":" + e.line + ": " + e.describe() + ": " + message);
  }

  Optional<Entry> find(String group, String kind, String name, String namespace) {
    return entries.stream()
        .filter(e -> e.kind.equals(kind) && e.name.equals(name) && e.namespace.equals(namespace))
        .filter(e -> group.isEmpty() || e.group().equals(group))
        .findFirst();
  }
}
