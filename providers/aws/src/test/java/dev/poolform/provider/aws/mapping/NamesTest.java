package dev.poolform.provider.aws.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.stdlib.schema.CloudRules;
import dev.poolform.stdlib.value.SecretValue;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Launch template names for every Auto Scaling group name the compiler accepts. */
class NamesTest {
  /** The template alphabet: what earlier releases allowed pool names to be made of. */
  static final String TEMPLATE_ALPHABET =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789().-/_";

  /** Every visible ASCII character but `:`: what an Auto Scaling group name may hold. */
  static final String GROUP_ALPHABET;

  static {
    StringBuilder sb = new StringBuilder();
    for (char c = '!'; c <= '~'; c++) if (c != ':') sb.append(c);
    GROUP_ALPHABET = sb.toString();
  }

  /** The naming of the releases before this one, which only took 3 to 128 template characters. */
  static String previousRelease(String poolName) {
    String name = "poolform-" + poolName;
    if (name.length() <= 128) return name;
    String hash = SecretValue.sha256Hex(poolName).substring(0, 8);
    return name.substring(0, 128 - 9) + "-" + hash;
  }

  static String random(Random r, String alphabet, int length) {
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
    return sb.toString();
  }

  static boolean validTemplateName(String n) {
    return n.length() >= 3 && n.length() <= 128 && Names.TEMPLATE_CHARS.matcher(n).matches();
  }

  @Test
  void namesEarlierReleasesAcceptedKeepTheirTemplates() {
    Random r = new Random(12);
    for (int i = 0; i < 5_000; i++) {
      String pool = random(r, TEMPLATE_ALPHABET, 3 + r.nextInt(126));
      assertThat(Names.template(pool)).as(pool).isEqualTo(previousRelease(pool));
    }
    for (int length : List.of(3, 118, 119, 120, 127, 128)) {
      String pool = "p".repeat(length);
      assertThat(Names.template(pool)).isEqualTo(previousRelease(pool));
    }
  }

  @Test
  void everyValidGroupNameGivesAValidTemplateNameOfItsOwn() {
    Random r = new Random(7);
    Set<String> groups = new HashSet<>();
    Set<String> templates = new HashSet<>();
    for (int i = 0; i < 20_000; i++) {
      // Short names from a small alphabet, so that names alike (`a@b`, `a+b`) come up often.
      String alphabet = i % 2 == 0 ? "ab@+_" : GROUP_ALPHABET;
      String group = random(r, alphabet, 1 + r.nextInt(i % 3 == 0 ? 249 : 6));
      assertThat(CloudRules.poolName("aws", group)).as("the compiler accepts %s", group).isEmpty();
      String t = Names.template(group);
      assertThat(validTemplateName(t)).as("%s -> %s", group, t).isTrue();
      if (groups.add(group)) assertThat(templates.add(t)).as("%s shares %s", group, t).isTrue();
    }
  }

  @Test
  void templateNamesStayReadable() {
    assertThat(Names.template("w")).isEqualTo("poolform-w");
    assertThat(Names.template("web@1"))
        .startsWith("poolform-web_1-")
        .hasSize("poolform-web_1-".length() + 8);
    assertThat(Names.template("web@1")).isNotEqualTo(Names.template("web+1"));
    String longest = "x".repeat(249) + "-rabcd";
    assertThat(Names.template(longest)).hasSize(128).startsWith("poolform-xxx");
  }
}
