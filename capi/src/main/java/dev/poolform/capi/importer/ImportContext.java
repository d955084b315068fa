package dev.poolform.capi.importer;

import dev.poolform.capi.yaml.YamlInputException;
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

  /** A warning about the object as a whole, at its first line. */
  void warn(Entry e, String message) {
    warnings.add(displayName + ":" + e.line + ": " + e.describe() + ": " + message);
  }

  /** A warning about one field of the object, at the field's line. */
  void warn(Entry e, Tracked field, String message) {
    warnings.add(displayName + ":" + field.line() + ": " + e.describe() + ": " + message);
  }

  /** The object cannot be imported as written: an error at the field's line. */
  YamlInputException error(Entry e, Tracked field, String message) {
    return new YamlInputException(
        displayName + ":" + field.line() + ": " + e.describe() + ": " + message);
  }

  Optional<Entry> find(String group, String kind, String name, String namespace) {
    return entries.stream()
        .filter(e -> e.kind.equals(kind) && e.name.equals(name) && e.namespace.equals(namespace))
        .filter(e -> group.isEmpty() || e.group().equals(group))
        .findFirst();
  }
}
