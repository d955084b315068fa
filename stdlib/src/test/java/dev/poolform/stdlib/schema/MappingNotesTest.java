package dev.poolform.stdlib.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The per-cloud mapping notes on attributes (what editors show on hover) say in one phrase what the
 * provider docs and the rollout table say in full: every API name a note writes in backticks must
 * appear in those pages, so a renamed field cannot stay behind in one of them.
 */
class MappingNotesTest {
  static final Pattern CODE = Pattern.compile("`([^`]+)`");

  static String docs(String... pages) throws Exception {
    Path root = Path.of(System.getProperty("poolform.repo.root", "..")).resolve("docs");
    StringBuilder sb = new StringBuilder();
    for (String p : pages) sb.append(Files.readString(root.resolve(p)));
    return sb.toString();
  }

  static void collect(BlockSchema b, String path, List<String[]> out) {
    for (AttrSchema a : b.attributes().values()) {
      for (Map.Entry<String, String> e : a.mapping().entrySet()) {
        out.add(new String[] {e.getKey(), path + a.name(), e.getValue()});
      }
    }
    for (BlockSchema nested : b.blocks().values()) collect(nested, path + nested.name() + ".", out);
  }

  @Test
  void everyNameInAMappingNoteIsInTheDocs() throws Exception {
    Map<String, String> pages =
        Map.of(
            "aws", docs("providers/aws.md", "rollout.md"),
            "azure", docs("providers/azure.md", "rollout.md"),
            "local", docs("rollout.md", "runtime.md"));
    List<String[]> notes = new ArrayList<>();
    for (String kind : Schemas.CLOUD_KINDS) collect(Schemas.pool(kind), "", notes);
    assertThat(notes).hasSizeGreaterThan(30);
    List<String> missing = new ArrayList<>();
    for (String[] n : notes) {
      Matcher m = CODE.matcher(n[2]);
      while (m.find()) {
        if (!pages.get(n[0]).contains(m.group(1)))
          missing.add(n[0] + " " + n[1] + ": " + m.group(1));
      }
    }
    assertThat(missing).isEmpty();
  }

  @Test
  void everyAttributeHasADocLine() {
    List<String> undocumented = new ArrayList<>();
    for (String kind : Schemas.CLOUD_KINDS) {
      collectDocs(Schemas.pool(kind), "", undocumented);
      collectDocs(Schemas.cloud(kind).orElseThrow(), kind + ".", undocumented);
    }
    assertThat(undocumented).isEmpty();
  }

  static void collectDocs(BlockSchema b, String path, List<String> undocumented) {
    if (b.doc().isBlank()) undocumented.add(path + b.name());
    for (AttrSchema a : b.attributes().values()) {
      if (a.doc().isBlank()) undocumented.add(path + a.name());
    }
    for (BlockSchema nested : b.blocks().values())
      collectDocs(nested, path + nested.name() + ".", undocumented);
  }
}
