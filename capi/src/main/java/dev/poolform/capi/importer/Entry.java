package dev.poolform.capi.importer;

/** One Kubernetes object of the input, with where it starts and whether a pool used it. */
final class Entry {
  final Tracked node;
  final int line;
  final String apiVersion;
  final String kind;
  final String name;
  final String namespace;
  boolean claimed;

  Entry(Tracked node, int line) {
    this.node = node;
    this.line = line;
    this.apiVersion = node.raw().path("apiVersion").asText("");
    this.kind = node.raw().path("kind").asText("");
    this.name = node.raw().path("metadata").path("name").asText("");
    this.namespace = node.raw().path("metadata").path("namespace").asText("default");
  }

  String group() {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  String describe() {
    return kind + " `" + name + "`";
  }
}
